package twitter

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/michimani/gotwi"
)

// oauth1Header is the Authorization header gotwi writes; kept identical.
const oauth1Header = `OAuth oauth_consumer_key="%s",oauth_nonce="%s",oauth_signature="%s",oauth_signature_method="%s",oauth_timestamp="%s",oauth_token="%s",oauth_version="%s"`

// transport sends gotwi's requests (which always name api.twitter.com) to
// the configured API base, signs them again for that host (an OAuth 1.0a
// signature covers the host), records every response's rate limits, and
// bounds every answer's size (see MaxBody).
type transport struct {
	base   *url.URL
	next   http.RoundTripper
	limits *RateLimits
	clock  *serverClock
	creds  Credentials
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme = t.base.Scheme
	out.URL.Host = t.base.Host
	out.URL.Path = strings.TrimSuffix(t.base.Path, "/") + req.URL.Path
	out.Host = ""
	if strings.HasPrefix(req.Header.Get("Authorization"), "OAuth ") && out.URL.Host != req.URL.Host {
		if err := t.sign(out); err != nil {
			return nil, err
		}
	}
	res, err := t.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	t.limits.record(req.Method, req.URL.Path, res.Header)
	t.clock.record(res.Header, time.Now())
	if err := limitBody(res); err != nil {
		return nil, err
	}
	return res, nil
}

// sign replaces the request's OAuth 1.0a signature with one for its URL.
func (t *transport) sign(r *http.Request) error {
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	sig, err := gotwi.CreateOAuthSignature(&gotwi.CreateOAuthSignatureInput{
		HTTPMethod:       r.Method,
		RawEndpoint:      r.URL.String(),
		OAuthConsumerKey: t.creds.APIKey,
		OAuthToken:       t.creds.AccessToken,
		SigningKey:       url.QueryEscape(t.creds.APIKeySecret) + "&" + url.QueryEscape(t.creds.AccessSecret),
		ParameterMap:     params,
	})
	if err != nil {
		return fmt.Errorf("signing the request: %w", err)
	}
	r.Header.Set("Authorization", fmt.Sprintf(oauth1Header,
		url.QueryEscape(t.creds.APIKey), url.QueryEscape(sig.OAuthNonce), url.QueryEscape(sig.OAuthSignature),
		url.QueryEscape(sig.OAuthSignatureMethod), url.QueryEscape(sig.OAuthTimestamp),
		url.QueryEscape(t.creds.AccessToken), url.QueryEscape(sig.OAuthVersion)))
	return nil
}
