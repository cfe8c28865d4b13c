package twitter

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
)

var _ network.Pusher = (*Client)(nil)

// appTokens keeps the app-only Bearer token the stream takes, asked for
// once and again only after X refused it.
type appTokens struct {
	mu    sync.Mutex
	token string
}

// Push implements network.Pusher with X's activity stream: the app's
// token (asked for once), then the stream, each event handed over as a
// page of the source a poll would read it from.
func (c *Client) Push(ctx context.Context, connected func(), each func(network.Pushed)) error {
	token, err := c.streamToken(ctx)
	if err != nil {
		return err
	}
	err = c.Stream(ctx, token, connected, func(a Activity) {
		source := pushedSource(a.Type)
		c.meter(spend.WithSource(ctx, source), pushedUses(a))
		pushed := network.Pushed{Source: source, Account: a.User, Page: a.Page}
		if a.Deleted != 0 {
			pushed.Deleted = []uint64{a.Deleted}
		}
		each(pushed)
	})
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
		c.tokens.mu.Lock()
		c.tokens.token = "" // X no longer takes it: ask again next time
		c.tokens.mu.Unlock()
	}
	return err
}

// pushedUses is what an event bills, as the notes' price list says: a
// post event its post, dm.received its DM; dm.sent nothing.
func pushedUses(a Activity) []spend.Use {
	var kind spend.Kind
	switch a.Type {
	case "post.mention.create", "post.reply.create", "post.create":
		kind = spend.PushedPost
	case "dm.received":
		kind = spend.PushedDM
	default:
		return nil
	}
	uses := make([]spend.Use, 0, len(a.Page.Posts))
	for _, p := range a.Page.Posts {
		uses = append(uses, spend.Use{Kind: kind, ID: p.ID})
	}
	return uses
}

// streamToken is the app token, asked for when hark has none.
func (c *Client) streamToken(ctx context.Context) (string, error) {
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	if c.tokens.token == "" {
		token, err := c.AppToken(ctx)
		if err != nil {
			return "", err
		}
		c.tokens.token = token
	}
	return c.tokens.token, nil
}

// pushedSource is the source a poll reads an event's posts from: the
// mentions (replies to the shop are mentions too), the shop's own posts,
// the DMs; "" for an event hark does not read.
func pushedSource(eventType string) string {
	switch eventType {
	case "post.mention.create", "post.reply.create":
		return model.MentionsSource
	case "post.create", "post.delete":
		return model.OwnSource
	case "dm.received", "dm.sent":
		return model.DMSource
	}
	return ""
}

// sourceEvents are the activity events that push a source's posts.
var sourceEvents = map[string][]string{
	model.MentionsSource: {"post.mention.create", "post.reply.create"},
	model.OwnSource:      {"post.create", "post.delete"},
	model.DMSource:       {"dm.received", "dm.sent"},
}

// Follow implements network.Pusher with X's activity subscriptions: the
// events of the sources named, for account, and none of hark's others.
func (c *Client) Follow(ctx context.Context, account uint64, sources []string) error {
	var types []string
	for _, s := range sources {
		events, ok := sourceEvents[s]
		if !ok {
			return fmt.Errorf("X pushes no source %q", s)
		}
		types = append(types, events...)
	}
	_, err := c.EnsureSubscriptions(ctx, account, types)
	return err
}

// Followed implements network.Pusher: the sources all of whose events
// hark's subscriptions for account ask for.
func (c *Client) Followed(ctx context.Context, account uint64) ([]string, error) {
	subs, err := c.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, s := range subs {
		if s.Tag == SubscriptionTag && s.UserID == account {
			have[s.EventType] = true
		}
	}
	var out []string
	for _, source := range []string{model.MentionsSource, model.OwnSource, model.DMSource} {
		if !slices.ContainsFunc(sourceEvents[source], func(e string) bool { return !have[e] }) {
			out = append(out, source)
		}
	}
	return out, nil
}

// PushKey implements network.Pusher: X limits an app's connections, so
// the key is the API's address and the app's key, hashed (the key is not
// a secret, but it need not lie about in file names either).
func (c *Client) PushKey() string {
	sum := sha256.Sum256([]byte(c.opts.APIBase + "\x00" + c.opts.Credentials.APIKey))
	return hex.EncodeToString(sum[:8])
}
