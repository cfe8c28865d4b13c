package xfake

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// authorized checks the Authorization header: present, and with Secrets
// set, an OAuth 1.0a signature that matches the request as received.
func (s *Server) authorized(r *http.Request) bool {
	if s.unauthorized {
		return false
	}
	h := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(h, "OAuth "):
		return s.opts.Secrets == nil || validSignature(r, h, s.secretsFor(oauthParams(h)["oauth_token"]))
	case strings.HasPrefix(h, "Bearer "):
		if _, ok := s.userOf(h); ok {
			return true
		}
		_, known := s.o2().access[strings.TrimPrefix(h, "Bearer ")]
		return s.opts.Secrets == nil && !known // an expired user token is refused
	}
	return false
}

// secretsFor are the secrets a request with token must be signed with:
// the scenario's, those of one of its other accounts, or those of a token
// a sign-in issued.
func (s *Server) secretsFor(token string) Secrets {
	sec := *s.opts.Secrets
	if secret, ok := s.issued[token]; ok {
		sec.Token, sec.TokenSecret = token, secret
	}
	if id, ok := s.data.accounts[token]; ok {
		sec.Token, sec.TokenSecret = AccountToken(s.data.users[id])
	}
	return sec
}

// selfKey keys, in a request's context, the account it comes from.
type selfKey struct{}

// accountOf is the account a request comes from, by its access token:
// one of the scenario's other accounts, else the scenario's.
func (s *Server) accountOf(r *http.Request) uint64 {
	if id, ok := s.userOf(r.Header.Get("Authorization")); ok {
		return id
	}
	if id, ok := s.data.accounts[oauthParams(r.Header.Get("Authorization"))["oauth_token"]]; ok {
		return id
	}
	return s.data.self
}

// selfOf is the account a request comes from (see accountOf), or def
// for a request handle did not see.
func selfOf(r *http.Request, def uint64) uint64 {
	if id, ok := r.Context().Value(selfKey{}).(uint64); ok {
		return id
	}
	return def
}

// validSignature verifies an HMAC-SHA1 signature as RFC 5849 defines it.
func validSignature(r *http.Request, header string, sec Secrets) bool {
	oauth := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(header, "OAuth "), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return false
		}
		v, err := url.QueryUnescape(strings.Trim(v, `"`))
		if err != nil {
			return false
		}
		oauth[k] = v
	}
	if oauth["oauth_consumer_key"] != sec.ConsumerKey || oauth["oauth_token"] != sec.Token {
		return false
	}
	var params []string
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			params = append(params, percent(k)+"="+percent(v))
		}
	}
	for k, v := range oauth {
		if k != "oauth_signature" {
			params = append(params, percent(k)+"="+percent(v))
		}
	}
	sort.Strings(params)
	base := strings.ToUpper(r.Method) + "&" + percent("http://"+strings.ToLower(r.Host)+r.URL.EscapedPath()) + "&" + percent(strings.Join(params, "&"))
	mac := hmac.New(sha1.New, []byte(percent(sec.ConsumerSecret)+"&"+percent(sec.TokenSecret)))
	mac.Write([]byte(base))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(oauth["oauth_signature"]))
}

// percent encodes as RFC 5849 section 3.6 says: all but unreserved bytes.
func percent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
	}
	return b.String()
}
