package bluesky

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/harkhq/hark/bluesky/text"
	"github.com/harkhq/hark/clean"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Reply posts text in answer to the post of hark id inReplyTo: a post
// record whose reply names the thread's root and the parent, each by URI
// and CID (read from Bluesky: a reply to a stale CID is refused), with
// its links, mentions and tags as facets at their UTF-8 bytes.
func (c *Client) Reply(ctx context.Context, inReplyTo uint64, body string) (model.Post, error) {
	parentURI, ok, err := c.opts.IDs.PostRef(inReplyTo)
	if err != nil {
		return model.Post{}, err
	}
	if !ok {
		return model.Post{}, fmt.Errorf("post %d is not on Bluesky", inReplyTo)
	}
	parent, root, err := c.replyRefs(ctx, parentURI)
	if err != nil {
		return model.Post{}, err
	}
	rec := postRecord{Type: "app.bsky.feed.post", Text: body, CreatedAt: time.Now().UTC().Format(time.RFC3339Nano)}
	rec.Reply = &struct {
		Root   strongRef `json:"root"`
		Parent strongRef `json:"parent"`
	}{Root: root, Parent: parent}
	if rec.Facets, err = c.facets(ctx, body); err != nil {
		return model.Post{}, err
	}
	return c.createPost(ctx, rec)
}

// replyRefs are the parent's strong ref and its thread's root's (the
// parent itself when it starts the thread).
func (c *Client) replyRefs(ctx context.Context, parentURI string) (parent, root strongRef, err error) {
	var out struct{ Posts []postView }
	err = c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "app.bsky.feed.getPosts", token, url.Values{"uris": {parentURI}}, nil, &out)
	})
	if err != nil {
		return parent, root, err
	}
	if len(out.Posts) == 0 {
		return parent, root, targetGone{parentURI}
	}
	parent = strongRef{URI: out.Posts[0].URI, CID: out.Posts[0].CID}
	var rec postRecord
	if err := json.Unmarshal(out.Posts[0].Record, &rec); err == nil && rec.Reply != nil && rec.Reply.Root.URI != "" {
		return parent, rec.Reply.Root, nil
	}
	return parent, parent, nil
}

// targetGone is a reply to a post Bluesky no longer shows.
type targetGone struct{ uri string }

func (e targetGone) Error() string {
	return "the post it answers is deleted, or Bluesky no longer shows it: " + clean.Line(e.uri)
}
func (targetGone) TargetGone() bool     { return true }
func (targetGone) Transient() bool      { return false }
func (targetGone) MayHaveArrived() bool { return false }

// facets are the record's facets for body: links and tags as they are,
// mentions of handles Bluesky resolves to a DID (another "@word" stays
// text, as Bluesky's app leaves it).
func (c *Client) facets(ctx context.Context, body string) ([]facet, error) {
	var out []facet
	for _, f := range text.Facets(body) {
		var feature map[string]string
		switch f.Kind {
		case text.Link:
			feature = map[string]string{"$type": "app.bsky.richtext.facet#link", "uri": f.Value}
		case text.Tag:
			feature = map[string]string{"$type": "app.bsky.richtext.facet#tag", "tag": f.Value}
		case text.Mention:
			did, err := c.resolve(ctx, f.Value)
			if err != nil {
				return nil, err
			}
			if did == "" {
				continue
			}
			feature = map[string]string{"$type": "app.bsky.richtext.facet#mention", "did": did}
		}
		var fc facet
		fc.Index.ByteStart, fc.Index.ByteEnd = f.Start, f.End
		fc.Features = []map[string]string{feature}
		out = append(out, fc)
	}
	return out, nil
}

// resolve is the DID of a handle; "" for a handle Bluesky does not know.
func (c *Client) resolve(ctx context.Context, handle string) (string, error) {
	var out struct{ DID string }
	err := c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "com.atproto.identity.resolveHandle", token, url.Values{"handle": {handle}}, nil, &out)
	})
	var refused *Error
	if errors.As(err, &refused) && refused.Status == http.StatusBadRequest {
		return "", nil
	}
	return out.DID, err
}

// createPost makes the post record in the account's repository. A
// failure after the request left may hide a post made: the outbox looks
// for it (RecentPosts) before sending again.
func (c *Client) createPost(ctx context.Context, rec postRecord) (model.Post, error) {
	sess, err := c.session(ctx, "")
	if err != nil {
		return model.Post{}, err
	}
	var out struct{ URI, CID string }
	in := map[string]any{"repo": sess.DID, "collection": "app.bsky.feed.post", "record": rec}
	err = c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodPost, "com.atproto.repo.createRecord", token, nil, in, &out)
	})
	if err != nil {
		return model.Post{}, err
	}
	raw, _ := json.Marshal(rec)
	return c.post(out.URI, sess.DID, raw, time.Now().UTC().Format(time.RFC3339Nano))
}

// Delete removes one of the account's posts.
func (c *Client) Delete(ctx context.Context, id uint64) error {
	uri, ok, err := c.opts.IDs.PostRef(id)
	if err != nil {
		return err
	}
	did, rkey, parsed := text.PostParts(uri)
	if !ok || !parsed {
		return fmt.Errorf("post %d is not a Bluesky post", id)
	}
	in := map[string]string{"repo": did, "collection": "app.bsky.feed.post", "rkey": rkey}
	return c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodPost, "com.atproto.repo.deleteRecord", token, nil, in, nil)
	})
}

// maxRecentPages bounds RecentPosts' look: 500 of the account's posts.
const maxRecentPages = 5

// RecentPosts are the account's own posts newer than sinceID, to find a
// send whose answer was lost.
func (c *Client) RecentPosts(ctx context.Context, account, sinceID uint64) ([]model.Post, error) {
	var out []model.Post
	q := network.MentionsQuery{SinceID: sinceID, Max: maxPage}
	for range maxRecentPages {
		page, err := c.OwnPosts(ctx, account, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Posts...)
		if page.NextToken == "" || page.NextToken == q.Token {
			break
		}
		q.Token = page.NextToken
	}
	return out, nil
}

// SameText: Bluesky keeps a post's text as it was sent.
func (c *Client) SameText(ours, theirs string) bool { return ours == theirs }
