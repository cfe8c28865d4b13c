package twitter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/harkhq/hark/internal/flock"
	"github.com/harkhq/hark/internal/privfile"
)

// An account's OAuth 2.0 user tokens (hark login --live) live in a file
// of their own beside config.toml, readable by its owner alone: X's
// refresh tokens are single-use and rotate every 2 hours at most, too
// often to rewrite the config the owner edits.

// ErrLiveSignInNeeded is X taking only an OAuth 2.0 user token for the
// activity subscriptions, and hark holding none.
var ErrLiveSignInNeeded = errors.New("X takes only an OAuth 2.0 sign-in for its activity subscriptions: run hark login --live")

// ErrLiveSignInSpent is X refusing the refresh token hark kept: used
// already (by a hark that stopped between X's answer and writing it
// down) or revoked in X's settings.
var ErrLiveSignInSpent = errors.New("X refused the saved live sign-in (its refresh token was used or revoked): run hark login --live again")

// refreshMargin is how long before its expiry an access token is renewed:
// a call made with it must not outlive it.
const refreshMargin = 5 * time.Minute

// refreshTimeout bounds one refresh, which runs on though its caller
// gave up: a refresh X answered and hark did not write down loses the
// sign-in.
const refreshTimeout = 30 * time.Second

// SavedTokens are what the token file holds.
type SavedTokens struct {
	ClientID     string    `json:"client_id"`
	ClientSecret string    `json:"client_secret,omitempty"`
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token"`
	Expiry       time.Time `json:"expiry"`
	Scope        string    `json:"scope,omitempty"`
}

// UserTokens are an account's OAuth 2.0 user tokens, in the file at Path.
// Several hark processes may share the file: a refresh holds the file's
// lock, and reads the file again under it.
type UserTokens struct {
	Path    string
	APIBase string
	// HTTP carries the refreshes; a client with refreshTimeout when nil.
	HTTP *http.Client
	// Now tells the time; time.Now when nil.
	Now func() time.Time
}

// Exists says whether the account has signed in for live.
func (u UserTokens) Exists() bool {
	_, err := os.Stat(u.Path)
	return err == nil
}

// Access is an access token good for the next few minutes, refreshed
// (and the new pair written down before anything else) when the kept
// one is about to expire.
func (u UserTokens) Access(ctx context.Context) (string, error) {
	t, err := u.Load()
	if err != nil {
		return "", err
	}
	if u.fresh(t) {
		return t.AccessToken, nil
	}
	lockCtx, cancel := context.WithTimeout(ctx, refreshTimeout+5*time.Second)
	defer cancel()
	unlock, err := flock.Lock(lockCtx, u.Path+".lock")
	if err != nil {
		return "", fmt.Errorf("waiting for another hark's refresh of the live sign-in: %w", err)
	}
	defer unlock()
	if t, err = u.Load(); err != nil || u.fresh(t) { // another hark refreshed it meanwhile
		return t.AccessToken, err
	}
	t, err = u.refresh(ctx, t)
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

// refresh trades the refresh token for a new pair and writes it down. It
// runs on when ctx ends (up to refreshTimeout): X spends the old refresh
// token when it answers, so the answer must be kept.
func (u UserTokens) refresh(ctx context.Context, t SavedTokens) (SavedTokens, error) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
	defer cancel()
	rctx = context.WithValue(rctx, oauth2.HTTPClient, u.httpClient())
	conf := oauth2Config(u.APIBase, t.ClientID, t.ClientSecret, "")
	nt, err := conf.TokenSource(rctx, &oauth2.Token{RefreshToken: t.RefreshToken, Expiry: time.Unix(1, 0)}).Token()
	var refused *oauth2.RetrieveError
	if errors.As(err, &refused) && refused.Response != nil && refused.Response.StatusCode < 500 {
		return SavedTokens{}, ErrLiveSignInSpent
	}
	if err != nil {
		return SavedTokens{}, fmt.Errorf("renewing the live sign-in with X: %w", err)
	}
	t.AccessToken, t.Expiry = nt.AccessToken, nt.Expiry
	if nt.ExpiresIn > 0 { // by hark's clock, as fresh reads it
		t.Expiry = u.now().Add(time.Duration(nt.ExpiresIn) * time.Second)
	}
	if nt.RefreshToken != "" {
		t.RefreshToken = nt.RefreshToken
	}
	if err := u.Save(t); err != nil {
		return SavedTokens{}, fmt.Errorf("writing down the renewed live sign-in (run hark login --live again): %w", err)
	}
	return t, nil
}

func (u UserTokens) fresh(t SavedTokens) bool {
	return t.AccessToken != "" && u.now().Add(refreshMargin).Before(t.Expiry)
}

// Load reads the token file: ErrLiveSignInNeeded when there is none.
func (u UserTokens) Load() (SavedTokens, error) {
	raw, err := os.ReadFile(u.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return SavedTokens{}, ErrLiveSignInNeeded
	}
	if err != nil {
		return SavedTokens{}, fmt.Errorf("reading the live sign-in: %w", err)
	}
	var t SavedTokens
	if err := json.Unmarshal(raw, &t); err != nil || t.ClientID == "" || t.RefreshToken == "" {
		return SavedTokens{}, fmt.Errorf("%s is not a live sign-in hark wrote: run hark login --live again", u.Path)
	}
	return t, nil
}

// Save writes the tokens, readable by their owner alone, whole or not
// at all (privfile).
func (u UserTokens) Save(t SavedTokens) error { return privfile.WriteJSON(u.Path, t) }

func (u UserTokens) now() time.Time {
	if u.Now != nil {
		return u.Now()
	}
	return time.Now()
}

func (u UserTokens) httpClient() *http.Client {
	if u.HTTP != nil {
		return u.HTTP
	}
	return &http.Client{Timeout: refreshTimeout}
}

// liveScopes are what hark asks the person to grant: reading posts,
// people and DMs (the events' subscriptions), and offline.access for a
// refresh token.
var liveScopes = []string{"tweet.read", "users.read", "dm.read", "offline.access"}

// oauth2Config is X's OAuth 2.0 endpoints for an API base: the authorize
// page on x.com for X's own API, beside the API otherwise (a stand-in).
func oauth2Config(apiBase, clientID, clientSecret, redirect string) *oauth2.Config {
	if apiBase == "" {
		apiBase = DefaultAPIBase
	}
	base := strings.TrimSuffix(apiBase, "/")
	authorize := base + "/i/oauth2/authorize"
	if base == DefaultAPIBase || base == "https://api.twitter.com" {
		authorize = "https://x.com/i/oauth2/authorize"
	}
	style := oauth2.AuthStyleInParams // a public client (a Native App) sends its id alone
	if clientSecret != "" {
		style = oauth2.AuthStyleInHeader
	}
	return &oauth2.Config{ClientID: clientID, ClientSecret: clientSecret, RedirectURL: redirect, Scopes: liveScopes,
		Endpoint: oauth2.Endpoint{AuthURL: authorize, TokenURL: base + "/2/oauth2/token", AuthStyle: style}}
}
