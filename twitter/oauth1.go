package twitter

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// oauthHeader signs a request as RFC 5849 (OAuth 1.0a, HMAC-SHA1) says,
// for the sign-in's own calls, whose oauth_callback and oauth_verifier
// gotwi's signer cannot carry. extra holds those oauth_ parameters; query
// holds the request's other parameters (the body is never form-encoded
// here, so it is not signed). token and tokenSecret may be empty.
func oauthHeader(method, rawURL, consumerKey, consumerSecret, token, tokenSecret string, extra map[string]string, now time.Time) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	oauth := map[string]string{
		"oauth_consumer_key":     consumerKey,
		"oauth_nonce":            nonce(),
		"oauth_signature_method": "HMAC-SHA1",
		"oauth_timestamp":        strconv.FormatInt(now.Unix(), 10),
		"oauth_version":          "1.0",
	}
	if token != "" {
		oauth["oauth_token"] = token
	}
	for k, v := range extra {
		oauth[k] = v
	}
	var params []string
	for k, vs := range u.Query() {
		for _, v := range vs {
			params = append(params, escape(k)+"="+escape(v))
		}
	}
	for k, v := range oauth {
		params = append(params, escape(k)+"="+escape(v))
	}
	sort.Strings(params)
	base := strings.ToUpper(method) + "&" + escape(u.Scheme+"://"+strings.ToLower(u.Host)+u.EscapedPath()) + "&" + escape(strings.Join(params, "&"))
	mac := hmac.New(sha1.New, []byte(escape(consumerSecret)+"&"+escape(tokenSecret)))
	mac.Write([]byte(base))
	oauth["oauth_signature"] = base64.StdEncoding.EncodeToString(mac.Sum(nil))
	keys := make([]string, 0, len(oauth))
	for k := range oauth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = escape(k) + `="` + escape(oauth[k]) + `"`
	}
	return "OAuth " + strings.Join(parts, ","), nil
}

// escape percent-encodes as RFC 5849 section 3.6: all but unreserved.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return b.String()
}

// nonce is a fresh random value for one request.
func nonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
