package twitter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/network"
)

// X's adapter is known to hark by importing this package: its client,
// its sign-in, what doctor asks X, and its demo stand-in (its rules come
// with twitter/text, which this package imports).
func init() { network.Provide(network.X, adapter{}) }

// adapter is X's network.Adapter.
type adapter struct{}

// Connect makes a client of X's API for the account d signs in as.
func (adapter) Connect(d network.Dial) (network.Client, error) {
	c, err := connect(d)
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return c, nil
}

// connect is Connect with X's own client type, whose clock and limits
// doctor reads.
func connect(d network.Dial) (*Client, error) {
	o := Options{APIBase: d.APIBase, Credentials: d.Credentials, NotAppOwner: d.NotAppOwner, Meter: d.Meter}
	if d.Tokens != "" {
		o.UserTokens = &UserTokens{Path: d.Tokens, APIBase: d.APIBase}
	}
	return New(o)
}

// SignIn asks for the app's keys (or reads HARK_X_API_KEY and
// HARK_X_API_SECRET), then the account's access token or, without it, a
// PIN; it checks the account with X and whether the app may read DMs.
func (adapter) SignIn(ctx context.Context, d network.Dial, t network.Terminal) (config.Credentials, error) {
	getenv := d.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	app, err := appKeys(getenv, t)
	if err != nil {
		return config.Credentials{}, err
	}
	creds, err := accountKeys(ctx, d.APIBase, app, t)
	if err != nil {
		return config.Credentials{}, err
	}
	t.Say("Checking with X…")
	d.Credentials = creds
	client, err := connect(d)
	if err != nil {
		return config.Credentials{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	me, err := client.Me(ctx)
	if err != nil {
		return config.Credentials{}, fmt.Errorf("X refused the account's keys: %w (nothing was saved)", err)
	}
	t.Say(fmt.Sprintf("✓ signed in as @%s (%s)\n✓ mentions, brand searches and replies", me.Username, me.Name))
	t.Say(dmLine(client.DMEvents(ctx, network.DMQuery{Max: 1})))
	return creds, nil
}

// dmLine says whether DMs work, from a one-event read of them.
func dmLine(_ network.Page, err error) string {
	switch {
	case err == nil:
		return "✓ DMs: reading and sending"
	case errors.Is(err, ErrNoDMPermission):
		return "✗ DMs: " + ErrNoDMPermission.Error()
	}
	return "? DMs: could not be checked: " + err.Error()
}

// appKeys are the app's key and secret: from the environment, or asked.
func appKeys(getenv func(string) string, t network.Terminal) (App, error) {
	app := App{APIKey: getenv("HARK_X_API_KEY"), APISecret: getenv("HARK_X_API_SECRET")}
	if app.APIKey != "" && app.APISecret != "" {
		t.Say("Using the app's key and secret from HARK_X_API_KEY and HARK_X_API_SECRET.")
		return app, nil
	}
	t.Say("Your X developer app's keys are on its \"Keys and tokens\" page (developer.x.com).")
	var err error
	if app.APIKey, err = t.Secret("API key: "); err != nil {
		return app, err
	}
	app.APISecret, err = t.Secret("API key secret: ")
	return app, err
}

// accountKeys are the account's access token and secret: typed in, or
// got with a PIN.
func accountKeys(ctx context.Context, apiBase string, app App, t network.Terminal) (Credentials, error) {
	creds := Credentials{APIKey: app.APIKey, APIKeySecret: app.APISecret}
	has, err := t.Yes("Do you have the account's access token and secret (the app's owner can generate them there)? [y/N] ")
	if err != nil {
		return creds, err
	}
	if has {
		if creds.AccessToken, err = t.Secret("Access token: "); err != nil {
			return creds, err
		}
		creds.AccessSecret, err = t.Secret("Access token secret: ")
		return creds, err
	}
	return pinKeys(ctx, Login{App: app, APIBase: apiBase}, t)
}

// pinKeys runs the PIN sign-in: the person authorizes the app on X's
// page and types the PIN X shows.
func pinKeys(ctx context.Context, login Login, t network.Terminal) (Credentials, error) {
	creds := Credentials{APIKey: login.App.APIKey, APIKeySecret: login.App.APISecret}
	pending, err := login.Start(ctx)
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
		return creds, errors.New("X refused the app's API key and secret (401): copy them again from the app's \"Keys and tokens\" page")
	}
	if err != nil {
		return creds, err
	}
	t.Say("Open this address, sign in to X as the shop's account, and authorize the app:\n  " + pending.AuthorizeURL)
	if t.Open(pending.AuthorizeURL) {
		t.Say("(opened in your browser)")
	}
	pin, err := t.Ask("PIN X shows: ")
	if err != nil {
		return creds, err
	}
	creds, _, err = login.Finish(ctx, pending, pin)
	return creds, err
}
