package twitter

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/michimani/gotwi"
)

// X's prose says the activity subscriptions take an OAuth 2.0 user token;
// its OpenAPI document also lists OAuth 1.0a user tokens. hark tries the
// OAuth 1.0a token it holds first and, when X refuses it as the wrong
// kind, the OAuth 2.0 token of hark login --live, from then on.

// subscriptionAuth is the kind of user token X took for the
// subscriptions.
type subscriptionAuth struct {
	oauth1, oauth2 atomic.Bool
}

// SubscriptionAuth says which user token X took for the activity
// subscriptions: "OAuth 1.0a", "OAuth 2.0", or "" before it took one.
func (c *Client) SubscriptionAuth() string {
	switch {
	case c.subsAuth.oauth2.Load():
		return "OAuth 2.0"
	case c.subsAuth.oauth1.Load():
		return "OAuth 1.0a"
	}
	return ""
}

// subscriptionCall makes one call to the subscriptions endpoint with the
// user token X takes for it.
func (c *Client) subscriptionCall(ctx context.Context, name, method string, in *subscriptionInput, out *subscriptionsOutput) error {
	if !c.subsAuth.oauth2.Load() {
		err := c.wrapCall(name, func() error { return c.gc.CallAPI(ctx, subscriptionsEndpoint, method, in, out) })
		if !wrongTokenKind(err) {
			if err == nil {
				c.subsAuth.oauth1.Store(true)
			}
			return err
		}
	}
	if c.opts.UserTokens == nil {
		return ErrLiveSignInNeeded
	}
	token, err := c.opts.UserTokens.Access(ctx)
	if err != nil {
		return err
	}
	gc, err := c.bearerClient(token)
	if err != nil {
		return err
	}
	err = c.wrapCall(name, func() error { return gc.CallAPI(ctx, subscriptionsEndpoint, method, in, out) })
	if err == nil {
		c.subsAuth.oauth1.Store(false)
		c.subsAuth.oauth2.Store(true)
	}
	return err
}

// bearerClient calls X with an OAuth 2.0 user token, through the
// client's own transport (its address, rate limits and bounds).
func (c *Client) bearerClient(token string) (*gotwi.Client, error) {
	return gotwi.NewClientWithAccessToken(&gotwi.NewClientWithAccessTokenInput{HTTPClient: c.hc, AccessToken: token})
}

// wrongTokenKind reports X refusing a call for the kind of token it was
// made with (its "Unsupported Authentication" problem).
func wrongTokenKind(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || (apiErr.Status != http.StatusForbidden && apiErr.Status != http.StatusUnauthorized) {
		return false
	}
	return strings.HasSuffix(apiErr.Type, "/unsupported-authentication") || apiErr.Title == "Unsupported Authentication"
}
