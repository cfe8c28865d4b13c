package bluesky

import (
	"encoding/json"
	"time"

	"github.com/harkhq/hark/bluesky/text"
	"github.com/harkhq/hark/clean"
	"github.com/harkhq/hark/model"
)

// The Lexicons' shapes hark reads, its own types: only the fields it
// uses.

// strongRef is com.atproto.repo.strongRef.
type strongRef struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

// postRecord is app.bsky.feed.post.
type postRecord struct {
	Type      string `json:"$type"`
	Text      string `json:"text"`
	CreatedAt string `json:"createdAt"`
	Reply     *struct {
		Root   strongRef `json:"root"`
		Parent strongRef `json:"parent"`
	} `json:"reply,omitempty"`
	Facets []facet  `json:"facets,omitempty"`
	Langs  []string `json:"langs,omitempty"`
}

// facet is app.bsky.richtext.facet: a byte slice and what it means.
type facet struct {
	Index struct {
		ByteStart int `json:"byteStart"`
		ByteEnd   int `json:"byteEnd"`
	} `json:"index"`
	Features []map[string]string `json:"features"`
}

// profile is app.bsky.actor.defs#profileViewBasic (and Detailed's
// fields hark keeps).
type profile struct {
	DID            string `json:"did"`
	Handle         string `json:"handle"`
	DisplayName    string `json:"displayName"`
	Description    string `json:"description"`
	FollowersCount int    `json:"followersCount"`
}

// postView is app.bsky.feed.defs#postView.
type postView struct {
	URI       string          `json:"uri"`
	CID       string          `json:"cid"`
	Author    profile         `json:"author"`
	Record    json.RawMessage `json:"record"`
	IndexedAt string          `json:"indexedAt"`
}

// notification is app.bsky.notification.listNotifications#notification.
type notification struct {
	URI       string          `json:"uri"`
	CID       string          `json:"cid"`
	Author    profile         `json:"author"`
	Reason    string          `json:"reason"`
	Record    json.RawMessage `json:"record"`
	IndexedAt string          `json:"indexedAt"`
}

// user is a person as hark keeps one, their texts cleaned.
func (c *Client) user(p profile) (model.User, error) {
	id, err := c.opts.IDs.User(p.DID)
	if err != nil {
		return model.User{}, err
	}
	return model.User{ID: id, Username: clean.Line(p.Handle), Name: clean.Line(p.DisplayName), Description: clean.Text(p.Description),
		Followers: p.FollowersCount, On: &model.Elsewhere{Network: text.Name, Ref: p.DID}}, nil
}

// post is a post as hark keeps it. Its hark id is placed by when
// Bluesky indexed it (the order notifications and feeds come in), not
// by its record's createdAt, which its author sets: a post backdated, or
// made offline, would be placed below what hark has read and never
// stored. A parent or root not seen yet is placed just before it.
func (c *Client) post(uri, author string, record json.RawMessage, indexedAt string) (model.Post, error) {
	var rec postRecord
	if err := json.Unmarshal(record, &rec); err != nil {
		return model.Post{}, err
	}
	indexed := parseTime(indexedAt, time.Time{})
	created := parseTime(rec.CreatedAt, indexed)
	if indexed.IsZero() {
		indexed = created
	}
	id, err := c.opts.IDs.Post(uri, indexed)
	if err != nil {
		return model.Post{}, err
	}
	authorID, err := c.opts.IDs.User(author)
	if err != nil {
		return model.Post{}, err
	}
	p := model.Post{ID: id, ConversationID: id, AuthorID: authorID, CreatedAt: created, Text: clean.Text(rec.Text),
		On: &model.Elsewhere{Network: text.Name, Ref: uri}}
	if rec.Reply != nil {
		before := indexed.Add(-time.Millisecond)
		if p.InReplyToID, err = c.opts.IDs.Post(rec.Reply.Parent.URI, before); err != nil {
			return model.Post{}, err
		}
		if p.ConversationID, err = c.opts.IDs.Post(rec.Reply.Root.URI, before); err != nil {
			return model.Post{}, err
		}
		if did, _, ok := text.PostParts(rec.Reply.Parent.URI); ok {
			if p.InReplyToUser, err = c.opts.IDs.User(did); err != nil {
				return model.Post{}, err
			}
		}
	}
	return p, nil
}

// parseTime reads an RFC 3339 time; def when it cannot.
func parseTime(s string, def time.Time) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return def
	}
	return t.UTC()
}
