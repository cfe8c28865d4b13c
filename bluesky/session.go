package bluesky

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/harkhq/hark/internal/flock"
	"github.com/harkhq/hark/internal/privfile"
	"github.com/harkhq/hark/network"
)

// DefaultService is the PDS an account on bsky.social signs in to.
const DefaultService = "https://bsky.social"

// Options are a Bluesky client's settings.
type Options struct {
	// Service is the account's PDS (DefaultService when empty).
	Service string
	// Identifier (a handle or a DID) and AppPassword sign the account in
	// (com.atproto.server.createSession): an app password, made in
	// Bluesky's settings, never the account's own password.
	Identifier, AppPassword string
	// SessionFile keeps the session's tokens (0600) between runs, so that
	// a new session is made rarely (Bluesky allows 30 in 5 minutes and
	// 300 a day); "" keeps them in memory.
	SessionFile string
	// IDs turn Bluesky's ids (AT URIs, DIDs) into hark's.
	IDs network.IDs
	// Timeout bounds a call (30 s when zero).
	Timeout time.Duration
}

// Session is a signed-in session: whose, and its tokens.
type Session struct {
	DID     string `json:"did"`
	Handle  string `json:"handle"`
	Access  string `json:"access_jwt"`
	Refresh string `json:"refresh_jwt"`
}

// Client is one account signed in to Bluesky: hark's network.Client for
// it. It is safe for concurrent use.
type Client struct {
	opts Options
	http *http.Client
	mu   sync.Mutex
	sess Session
}

// New builds a client. It makes no request.
func New(o Options) (*Client, error) {
	if o.Identifier == "" || o.AppPassword == "" {
		return nil, errors.New("a Bluesky account needs its handle and an app password")
	}
	if o.IDs == nil {
		return nil, errors.New("a Bluesky client needs the store's ids for Bluesky")
	}
	if o.Service == "" {
		o.Service = DefaultService
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	return &Client{opts: o, http: &http.Client{Timeout: o.Timeout}}, nil
}

// authed makes a call with the session's access token: the session is
// read from its file or made; when Bluesky says the token expired, it
// is refreshed (or, the refresh refused, made again from the app
// password) and the call made once more.
func (c *Client) authed(ctx context.Context, call func(token string) error) error {
	sess, err := c.session(ctx, "")
	if err != nil {
		return err
	}
	err = call(sess.Access)
	if !isExpired(err) {
		return err
	}
	if sess, err = c.session(ctx, sess.Access); err != nil {
		return err
	}
	return call(sess.Access)
}

// session is the session to call with: the one held, unless its access
// token is stale (Bluesky refused it); then, under the session file's
// lock, the file's if another hark renewed it meanwhile, else a renewed
// one, else a new one.
func (c *Client) session(ctx context.Context, stale string) (Session, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess.Access != "" && c.sess.Access != stale {
		return c.sess, nil
	}
	if c.opts.SessionFile != "" {
		lctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
		defer cancel()
		unlock, err := flock.Lock(lctx, c.opts.SessionFile+".lock")
		if err != nil {
			return Session{}, fmt.Errorf("waiting for another hark's Bluesky session: %w", err)
		}
		defer unlock()
		if kept, err := c.loadSession(); err == nil {
			c.sess = kept // its refresh token is the newest, stale access or not
			if kept.Access != stale {
				return kept, nil
			}
		}
	}
	sess, err := c.renew(ctx)
	if err != nil {
		return Session{}, err
	}
	c.sess = sess
	return sess, c.saveSession(sess)
}

// renew refreshes the held session, or makes a new one when there is
// none or Bluesky refuses the refresh token (spent, or revoked).
func (c *Client) renew(ctx context.Context) (Session, error) {
	var out Session
	if c.sess.Refresh != "" {
		var s sessionAnswer
		err := c.call(ctx, http.MethodPost, "com.atproto.server.refreshSession", c.sess.Refresh, nil, nil, &s)
		if err == nil {
			return s.session(), nil
		}
		if _, limited := network.IsRateLimited(err); limited {
			return out, err
		}
	}
	var s sessionAnswer
	in := map[string]string{"identifier": c.opts.Identifier, "password": c.opts.AppPassword}
	if err := c.call(ctx, http.MethodPost, "com.atproto.server.createSession", "", nil, in, &s); err != nil {
		return out, err
	}
	return s.session(), nil
}

// sessionAnswer is createSession's and refreshSession's answer.
type sessionAnswer struct {
	AccessJwt, RefreshJwt, Handle, DID string
}

func (a sessionAnswer) session() Session {
	return Session{DID: a.DID, Handle: a.Handle, Access: a.AccessJwt, Refresh: a.RefreshJwt}
}

// loadSession reads the session file.
func (c *Client) loadSession() (Session, error) {
	raw, err := os.ReadFile(c.opts.SessionFile)
	if err != nil {
		return Session{}, err
	}
	var s Session
	if err := json.Unmarshal(raw, &s); err != nil || s.Access == "" {
		return Session{}, fs.ErrInvalid
	}
	return s, nil
}

// saveSession writes the session file, when there is one.
func (c *Client) saveSession(s Session) error {
	if c.opts.SessionFile == "" {
		return nil
	}
	if err := privfile.WriteJSON(c.opts.SessionFile, s); err != nil {
		return fmt.Errorf("keeping the Bluesky session in %s: %w", c.opts.SessionFile, err)
	}
	return nil
}
