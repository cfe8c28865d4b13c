package tinynet

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/clean"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Client is one account signed in to a tiny network: hark's
// network.Client for it. Its records' string ids become hark's by the
// IDs the core gives it.
type Client struct {
	base, token string
	ids         network.IDs
	http        *http.Client
}

var _ network.Client = (*Client)(nil)

// New is a client of the tiny network at base, signed in with token.
func New(base, token string, ids network.IDs) *Client {
	return &Client{base: base, token: token, ids: ids, http: &http.Client{Timeout: 10 * time.Second}}
}

// refusal is the tiny network's answer other than success.
type refusal struct {
	status int
	body   string
}

func (e *refusal) Error() string {
	return fmt.Sprintf("the tiny network answered %d: %s", e.status, strings.TrimSpace(e.body))
}

// Unwrap lets errors.Is find a refused token.
func (e *refusal) Unwrap() error {
	if e.status == http.StatusUnauthorized {
		return network.ErrUnauthorized
	}
	return nil
}

// Transient and MayHaveArrived: a server error may be gone next time,
// and what was sent with it may be there.
func (e *refusal) Transient() bool      { return e.status >= 500 }
func (e *refusal) MayHaveArrived() bool { return e.status >= 500 }

// call sends one request and decodes its JSON answer into out.
func (c *Client) call(ctx context.Context, method, path string, q url.Values, body, out any) error {
	var in io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		in = bytes.NewReader(b)
	}
	u := c.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, in)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return &refusal{status: resp.StatusCode, body: string(raw)}
	}
	return json.Unmarshal(raw, out)
}

// Me is the signed-in account.
func (c *Client) Me(ctx context.Context) (model.User, error) {
	var u User
	if err := c.call(ctx, "GET", "/me", nil, nil, &u); err != nil {
		return model.User{}, err
	}
	return c.user(u)
}

// Mentions are the posts that name the account, newer than q.SinceID.
func (c *Client) Mentions(ctx context.Context, _ uint64, q network.MentionsQuery) (network.Page, error) {
	return c.timeline(ctx, "/mentions", q.SinceID, q.Token, q.Max)
}

// OwnPosts are the account's own posts, newer than q.SinceID.
func (c *Client) OwnPosts(ctx context.Context, _ uint64, q network.MentionsQuery) (network.Page, error) {
	return c.timeline(ctx, "/own", q.SinceID, q.Token, q.Max)
}

// SearchRecent: the tiny network has no search; nothing is found.
func (c *Client) SearchRecent(context.Context, network.SearchQuery) (network.Page, error) {
	return network.Page{}, nil
}

// DMEvents: the tiny network has no DMs.
func (c *Client) DMEvents(context.Context, network.DMQuery) (network.Page, error) {
	return network.Page{}, nil
}

// timeline reads a page of path from the time of hark id since on (the
// network pages by time, so what is newer than since is at or after its
// millisecond: the store drops what it has).
func (c *Client) timeline(ctx context.Context, path string, since uint64, token string, limit int) (network.Page, error) {
	q := url.Values{"cursor": {token}, "limit": {strconv.Itoa(limit)}}
	if since != 0 {
		q.Set("after", strconv.FormatInt(model.SnowflakeTime(since).UnixMilli(), 10))
	}
	var p page
	if err := c.call(ctx, "GET", path, q, nil, &p); err != nil {
		return network.Page{}, err
	}
	return c.page(p)
}

// Posts looks posts up by hark id.
func (c *Client) Posts(ctx context.Context, ids []uint64) (network.Page, error) {
	var refs []string
	var out network.Page
	for _, id := range ids {
		ref, ok, err := c.ids.PostRef(id)
		if err != nil {
			return network.Page{}, err
		}
		if !ok {
			out.Errors = append(out.Errors, network.PartialError{ResourceID: model.FormatID(id), Detail: "not a tiny post", Deleted: true})
			continue
		}
		refs = append(refs, ref)
	}
	if len(refs) == 0 {
		return out, nil
	}
	var p page
	if err := c.call(ctx, "GET", "/posts", url.Values{"refs": {strings.Join(refs, ",")}}, nil, &p); err != nil {
		return network.Page{}, err
	}
	got, err := c.page(p)
	if err != nil {
		return network.Page{}, err
	}
	for _, ref := range p.Missing {
		id, err := c.ids.Post(ref, time.Time{})
		if err != nil {
			return network.Page{}, err
		}
		got.Errors = append(got.Errors, network.PartialError{ResourceID: model.FormatID(id), Detail: "no such post", Deleted: true})
	}
	got.Errors = append(got.Errors, out.Errors...)
	return got, nil
}

// Users looks people up by hark id.
func (c *Client) Users(ctx context.Context, ids []uint64) ([]model.User, error) {
	var refs []string
	for _, id := range ids {
		if ref, ok, err := c.ids.UserRef(id); err != nil {
			return nil, err
		} else if ok {
			refs = append(refs, ref)
		}
	}
	if len(refs) == 0 { // none of them is the tiny network's: nothing to ask
		return nil, nil
	}
	var us []User
	if err := c.call(ctx, "GET", "/users", url.Values{"refs": {strings.Join(refs, ",")}}, nil, &us); err != nil {
		return nil, err
	}
	out := make([]model.User, 0, len(us))
	for _, u := range us {
		mu, err := c.user(u)
		if err != nil {
			return nil, err
		}
		mu.ReadAt = time.Now()
		out = append(out, mu)
	}
	return out, nil
}

// Reply posts text in answer to the post of hark id inReplyTo.
func (c *Client) Reply(ctx context.Context, inReplyTo uint64, text string) (model.Post, error) {
	parent, ok, err := c.ids.PostRef(inReplyTo)
	if err != nil {
		return model.Post{}, err
	}
	if !ok {
		return model.Post{}, fmt.Errorf("post %d is not the tiny network's", inReplyTo)
	}
	var p Post
	if err := c.call(ctx, "POST", "/posts", nil, map[string]string{"text": text, "parent": parent}, &p); err != nil {
		return model.Post{}, err
	}
	return c.post(p)
}

// SendDM: the tiny network has no DMs.
func (c *Client) SendDM(context.Context, uint64, string) (model.Post, error) {
	return model.Post{}, fmt.Errorf("the tiny network has no DMs")
}

// Delete: the tiny network keeps every post.
func (c *Client) Delete(context.Context, uint64) error {
	return fmt.Errorf("the tiny network deletes nothing")
}

// RecentPosts are the account's own posts newer than sinceID.
func (c *Client) RecentPosts(ctx context.Context, account, sinceID uint64) ([]model.Post, error) {
	p, err := c.OwnPosts(ctx, account, network.MentionsQuery{SinceID: sinceID, Max: 100})
	return p.Posts, err
}

// SameText: the tiny network keeps a text as sent.
func (c *Client) SameText(ours, theirs string) bool { return ours == theirs }

// page turns the network's page into the contract's, its ids hark's.
func (c *Client) page(p page) (network.Page, error) {
	out := network.Page{NextToken: p.Next}
	for _, tp := range p.Posts {
		mp, err := c.post(tp)
		if err != nil {
			return network.Page{}, err
		}
		out.Posts = append(out.Posts, mp)
	}
	for _, u := range p.Users {
		mu, err := c.user(u)
		if err != nil {
			return network.Page{}, err
		}
		out.Users = append(out.Users, mu)
	}
	return out, nil
}

// post is a tiny post as hark keeps it, its text cleaned (the network's
// boundary). A parent or root not seen yet is
// placed just before the post (its own time, when read, does not move
// it: its id is kept).
func (c *Client) post(p Post) (model.Post, error) {
	id, err := c.ids.Post(p.Ref, p.Created)
	if err != nil {
		return model.Post{}, err
	}
	author, err := c.ids.User(p.Author)
	if err != nil {
		return model.Post{}, err
	}
	mp := model.Post{ID: id, ConversationID: id, AuthorID: author, CreatedAt: p.Created, Text: clean.Text(p.Text), On: &model.Elsewhere{Network: Name, Ref: p.Ref}}
	before := p.Created.Add(-time.Millisecond)
	if p.Parent != "" {
		if mp.InReplyToID, err = c.ids.Post(p.Parent, before); err != nil {
			return model.Post{}, err
		}
	}
	if p.Root != "" {
		if mp.ConversationID, err = c.ids.Post(p.Root, before); err != nil {
			return model.Post{}, err
		}
	}
	return mp, nil
}

// user is a tiny person as hark keeps them.
func (c *Client) user(u User) (model.User, error) {
	id, err := c.ids.User(u.Ref)
	return model.User{ID: id, Username: clean.Line(u.Handle), Name: clean.Line(u.Name), On: &model.Elsewhere{Network: Name, Ref: u.Ref}}, err
}
