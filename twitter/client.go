// Package twitter is hark's way to X: a gotwi client pointed at the
// configured API base, the one place where X's text is decoded and cleaned,
// and X's errors turned into typed values.
package twitter

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/michimani/gotwi"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/spend"
)

// DefaultAPIBase is where X's API lives.
const DefaultAPIBase = "https://api.x.com"

// Credentials are an app's keys and a user's access token (OAuth 1.0a
// user context), as config reads them (from HARK_X_* or the 0600
// credentials file; Missing names the variables). They are never logged
// nor stored in the database.
type Credentials = config.Credentials

// Options configure a Client.
type Options struct {
	// APIBase is the API's scheme and host, DefaultAPIBase when empty.
	APIBase     string
	Credentials Credentials
	// Timeout bounds each request; 30 s when zero.
	Timeout time.Duration
	// Transport carries the requests; http.DefaultTransport when nil.
	Transport http.RoundTripper
	// Now stamps the posts hark creates (X's answer has no time); time.Now
	// when nil.
	Now func() time.Time
	// Meter, when set, is told what each successful call billed.
	Meter spend.Meter
	// NotAppOwner says the account does not own the developer app, so
	// its mentions are billed as post reads, not owned reads.
	NotAppOwner bool
	// StreamSilence is how long the activity stream may say nothing
	// before it is taken for dead; StreamSilence when zero.
	StreamSilence time.Duration
	// UserTokens, when set, are the account's OAuth 2.0 user tokens
	// (hark login --live), for the activity subscriptions when X refuses
	// the OAuth 1.0a token for them.
	UserTokens *UserTokens
}

// Client calls X for hark. It is safe for concurrent use.
type Client struct {
	gc     *gotwi.Client
	limits *RateLimits
	clock  *serverClock
	now    func() time.Time
	opts   Options
	// tokens keeps the activity stream's app token.
	tokens appTokens
	// hc carries every call (gotwi's and hark's own).
	hc *http.Client
	// subsAuth is the token X took for the subscriptions.
	subsAuth subscriptionAuth
}

// New builds a client. It makes no request.
func New(o Options) (*Client, error) {
	if missing := o.Credentials.Missing(); len(missing) > 0 {
		return nil, fmt.Errorf("missing X credentials: %v", missing)
	}
	if o.APIBase == "" {
		o.APIBase = DefaultAPIBase
	}
	base, err := url.Parse(o.APIBase)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("bad API base %q: want a URL like %s", o.APIBase, DefaultAPIBase)
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.StreamSilence == 0 {
		o.StreamSilence = StreamSilence
	}
	limits, clock := NewRateLimits(), &serverClock{}
	hc := &http.Client{
		Timeout:   o.Timeout,
		Transport: &transport{base: base, next: o.Transport, limits: limits, clock: clock, creds: o.Credentials},
	}
	gc, err := gotwi.NewClient(&gotwi.NewClientInput{
		AuthenticationMethod: gotwi.AuthenMethodOAuth1UserContext,
		APIKey:               o.Credentials.APIKey,
		APIKeySecret:         o.Credentials.APIKeySecret,
		OAuthToken:           o.Credentials.AccessToken,
		OAuthTokenSecret:     o.Credentials.AccessSecret,
		HTTPClient:           hc,
	})
	if err != nil {
		return nil, fmt.Errorf("building the X client: %w", err)
	}
	return &Client{
		gc:     gc,
		hc:     hc,
		limits: limits,
		clock:  clock,
		now:    o.Now,
		opts:   o,
	}, nil
}

// RateLimits returns the rate limits seen so far.
func (c *Client) RateLimits() *RateLimits { return c.limits }

// wrapCall runs one API call and converts its error.
func (c *Client) wrapCall(endpoint string, call func() error) error {
	if err := call(); err != nil {
		return c.apiError(endpoint, err)
	}
	return nil
}

// errNoData is returned when X's answer lacks what it must hold.
var errNoData = errors.New("X's answer held no data")
