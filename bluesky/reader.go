package bluesky

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/harkhq/hark/clean"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

var _ network.Client = (*Client)(nil)

// Bluesky's page sizes: 100 notifications or feed items, 25 posts or
// people looked up.
const (
	maxPage   = 100
	maxLookup = 25
)

// ErrNoSearch is a search asked of a Bluesky account: hark does not
// search Bluesky yet.
var ErrNoSearch = errors.New("hark does not search Bluesky yet: remove the Bluesky account's [[search]]")

// searchRefused is ErrNoSearch as the contract's refusal of a query.
type searchRefused struct{}

func (searchRefused) Error() string                { return ErrNoSearch.Error() }
func (searchRefused) Unwrap() error                { return ErrNoSearch }
func (searchRefused) QueryRefused() (string, bool) { return ErrNoSearch.Error(), true }
func (searchRefused) Transient() bool              { return false }

// Me is the signed-in account, with its profile.
func (c *Client) Me(ctx context.Context) (model.User, error) {
	sess, err := c.session(ctx, "")
	if err != nil {
		return model.User{}, err
	}
	var out struct{ Profiles []profile }
	err = c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "app.bsky.actor.getProfiles", token, url.Values{"actors": {sess.DID}}, nil, &out)
	})
	if err != nil {
		return model.User{}, err
	}
	if len(out.Profiles) == 0 {
		return model.User{}, errors.New("Bluesky did not show the signed-in account's profile")
	}
	return c.user(out.Profiles[0])
}

// Mentions are the account's notifications that say something to it: a
// mention, a reply, a quote; newest first, down to q.SinceID.
func (c *Client) Mentions(ctx context.Context, _ uint64, q network.MentionsQuery) (network.Page, error) {
	var out struct {
		Notifications []notification
		Cursor        string
	}
	params := url.Values{"limit": {pageSize(q.Max)}}
	if q.Token != "" {
		params.Set("cursor", q.Token)
	}
	err := c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "app.bsky.notification.listNotifications", token, params, nil, &out)
	})
	if err != nil {
		return network.Page{}, err
	}
	var items []item
	for _, n := range out.Notifications {
		if n.Reason == "mention" || n.Reason == "reply" || n.Reason == "quote" {
			items = append(items, item{n.URI, n.Author, n.Record, n.IndexedAt})
		}
	}
	return c.timelinePage(items, out.Cursor, q, len(out.Notifications))
}

// OwnPosts are the account's posts and replies, wherever it made them
// (Bluesky's app included), newest first, down to q.SinceID.
func (c *Client) OwnPosts(ctx context.Context, _ uint64, q network.MentionsQuery) (network.Page, error) {
	sess, err := c.session(ctx, "")
	if err != nil {
		return network.Page{}, err
	}
	var out struct {
		Feed []struct {
			Post   postView
			Reason json.RawMessage
		}
		Cursor string
	}
	params := url.Values{"actor": {sess.DID}, "limit": {pageSize(q.Max)}, "filter": {"posts_with_replies"}}
	if q.Token != "" {
		params.Set("cursor", q.Token)
	}
	err = c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "app.bsky.feed.getAuthorFeed", token, params, nil, &out)
	})
	if err != nil {
		return network.Page{}, err
	}
	var items []item
	for _, f := range out.Feed {
		if len(f.Reason) == 0 && f.Post.Author.DID == sess.DID { // a repost is another's post
			items = append(items, item{f.Post.URI, f.Post.Author, f.Post.Record, f.Post.IndexedAt})
		}
	}
	return c.timelinePage(items, out.Cursor, q, len(out.Feed))
}

// item is one post of a notification list or a feed.
type item struct {
	uri       string
	author    profile
	record    json.RawMessage
	indexedAt string
}

// timelinePage makes a page of items, newest first: it ends at the first
// post at or below q.SinceID, or made before q.Start (Bluesky's lists
// have no lower bound of their own), or where Bluesky's cursor ends. A
// record that cannot be read is skipped, said.
func (c *Client) timelinePage(items []item, cursor string, q network.MentionsQuery, listed int) (network.Page, error) {
	page := network.Page{NextToken: cursor}
	people := map[string]bool{}
	for _, it := range items {
		p, err := c.post(it.uri, it.author.DID, it.record, it.indexedAt)
		if err != nil {
			page.Skipped = append(page.Skipped, skipped(it.uri, err))
			continue
		}
		if (q.SinceID != 0 && p.ID <= q.SinceID) || (!q.Start.IsZero() && parseTime(it.indexedAt, time.Time{}).Before(q.Start)) {
			page.NextToken = "" // the rest is known, or older than asked
			break
		}
		page.Posts = append(page.Posts, p)
		if !people[it.author.DID] {
			people[it.author.DID] = true
			u, err := c.user(it.author)
			if err != nil {
				return network.Page{}, err
			}
			page.Users = append(page.Users, u)
		}
	}
	if listed == 0 {
		page.NextToken = ""
	}
	return page, nil
}

// skipped is a post record that could not be read, its URI cleaned and
// cut short.
func skipped(uri string, err error) network.Skipped {
	raw := clean.Line(uri)
	if len(raw) > 120 {
		raw = raw[:120] + "…"
	}
	return network.Skipped{Kind: "post", RawID: raw, Reason: clean.Line(err.Error())}
}

// pageSize is the page asked for: max, or Bluesky's largest.
func pageSize(max int) string {
	if max <= 0 || max > maxPage {
		max = maxPage
	}
	return strconv.Itoa(max)
}

// SearchRecent: hark does not search Bluesky yet; the query is refused
// for good, in words.
func (c *Client) SearchRecent(context.Context, network.SearchQuery) (network.Page, error) {
	return network.Page{}, searchRefused{}
}

// Posts looks posts up by hark id, 25 a call; those Bluesky does not
// show (deleted, or never Bluesky's) are said in the page's errors.
func (c *Client) Posts(ctx context.Context, ids []uint64) (network.Page, error) {
	var page network.Page
	var uris []string
	byURI := map[string]uint64{}
	for _, id := range ids {
		ref, ok, err := c.opts.IDs.PostRef(id)
		if err != nil {
			return network.Page{}, err
		}
		if !ok {
			page.Errors = append(page.Errors, network.PartialError{ResourceID: model.FormatID(id), Detail: "not a Bluesky post", Deleted: true})
			continue
		}
		uris, byURI[ref] = append(uris, ref), id
	}
	for start := 0; start < len(uris); start += maxLookup {
		chunk := uris[start:min(start+maxLookup, len(uris))]
		var out struct{ Posts []postView }
		err := c.authed(ctx, func(token string) error {
			return c.call(ctx, http.MethodGet, "app.bsky.feed.getPosts", token, url.Values{"uris": chunk}, nil, &out)
		})
		if err != nil {
			return network.Page{}, err
		}
		for _, v := range out.Posts {
			p, err := c.post(v.URI, v.Author.DID, v.Record, v.IndexedAt)
			if err != nil {
				page.Skipped = append(page.Skipped, skipped(v.URI, err))
				continue
			}
			delete(byURI, v.URI)
			page.Posts = append(page.Posts, p)
			if u, err := c.user(v.Author); err == nil {
				page.Users = append(page.Users, u)
			}
		}
	}
	for _, uri := range uris {
		if id, missing := byURI[uri]; missing {
			page.Errors = append(page.Errors, network.PartialError{ResourceID: model.FormatID(id), Detail: "Bluesky shows no such post", Deleted: true})
		}
	}
	return page, nil
}

// Users looks people up by hark id, 25 a call.
func (c *Client) Users(ctx context.Context, ids []uint64) ([]model.User, error) {
	var dids []string
	for _, id := range ids {
		ref, ok, err := c.opts.IDs.UserRef(id)
		if err != nil {
			return nil, err
		}
		if ok {
			dids = append(dids, ref)
		}
	}
	var users []model.User
	for start := 0; start < len(dids); start += maxLookup {
		chunk := dids[start:min(start+maxLookup, len(dids))]
		var out struct{ Profiles []profile }
		err := c.authed(ctx, func(token string) error {
			return c.call(ctx, http.MethodGet, "app.bsky.actor.getProfiles", token, url.Values{"actors": chunk}, nil, &out)
		})
		if err != nil {
			return nil, err
		}
		for _, p := range out.Profiles {
			u, err := c.user(p)
			if err != nil {
				return nil, err
			}
			u.ReadAt = time.Now()
			users = append(users, u)
		}
	}
	return users, nil
}
