package bskyfake

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// post is a post record in someone's repository.
type post struct {
	uri, cid, author string
	record           map[string]any
	indexedAt        time.Time
	deleted          bool
}

// Ref is a strong reference to a record: its URI and CID.
type Ref struct{ URI, CID string }

// Post is a post as a test makes it: by whom, what, in answer to what
// (zero for a new thread), and when (now when zero).
type Post struct {
	Author    string // a DID
	Text      string
	Parent    Ref
	CreatedAt time.Time
	// Late is how long after CreatedAt the network indexes it (a post
	// made offline, or backdated).
	Late time.Duration
}

// AddPost publishes a post as its author would in Bluesky's app: "@" and
// a known handle in its text are mention facets, at their UTF-8 bytes.
// It returns the post's reference.
func (s *Server) AddPost(p Post) Ref {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Clock()
	if p.CreatedAt.IsZero() {
		p.CreatedAt = now
	}
	rec := map[string]any{"$type": "app.bsky.feed.post", "text": p.Text, "createdAt": p.CreatedAt.UTC().Format(time.RFC3339Nano), "langs": []string{"en"}}
	if facets := s.mentionFacets(p.Text); len(facets) > 0 {
		rec["facets"] = facets
	}
	if p.Parent.URI != "" {
		parent := s.find(p.Parent.URI)
		root := p.Parent
		if parent != nil {
			if r, ok := replyRef(parent.record, "root"); ok {
				root = r
			}
		}
		rec["reply"] = map[string]any{"root": strongRef(root), "parent": strongRef(p.Parent)}
	}
	return s.store(p.Author, rec, p.CreatedAt.Add(p.Late))
}

// store keeps a record as a new post. The caller holds the mutex.
func (s *Server) store(author string, rec map[string]any, indexed time.Time) Ref {
	s.seq++ // a record key from the time, as a TID is: a new world's never repeat an old one's
	rkey := strconv.FormatInt(s.opts.Clock().UnixMicro(), 32) + fmt.Sprintf("%04d", s.seq%10000)
	raw, _ := json.Marshal(rec)
	sum := sha256.Sum256(raw)
	p := &post{uri: "at://" + author + "/app.bsky.feed.post/" + rkey, cid: "bafyrei" + hex.EncodeToString(sum[:16]), author: author, record: rec, indexedAt: indexed}
	s.posts = append(s.posts, p)
	slices.SortStableFunc(s.posts, func(a, b *post) int { return a.indexedAt.Compare(b.indexedAt) })
	return Ref{URI: p.uri, CID: p.cid}
}

// mentionFacets are the mentions of known handles in text. The caller
// holds the mutex.
func (s *Server) mentionFacets(text string) []any {
	var out []any
	for _, a := range s.accounts {
		at := "@" + a.Handle
		for i := strings.Index(text, at); i >= 0; {
			end := i + len(at)
			out = append(out, map[string]any{
				"index":    map[string]any{"byteStart": i, "byteEnd": end},
				"features": []any{map[string]any{"$type": "app.bsky.richtext.facet#mention", "did": a.DID}},
			})
			next := strings.Index(text[end:], at)
			if next < 0 {
				break
			}
			i = end + next
		}
	}
	return out
}

// find is the post at uri, nil when there is none. The caller holds the
// mutex.
func (s *Server) find(uri string) *post {
	for _, p := range s.posts {
		if p.uri == uri && !p.deleted {
			return p
		}
	}
	return nil
}

// DeletePost deletes a post, as its author in Bluesky's app would.
func (s *Server) DeletePost(uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.find(uri); p != nil {
		p.deleted = true
	}
}

// Posts are the posts not deleted, oldest indexed first, as records:
// their URI, author and record (its text, reply and facets).
func (s *Server) Posts() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Record
	for _, p := range s.posts {
		if !p.deleted {
			raw, _ := json.Marshal(p.record)
			out = append(out, Record{URI: p.uri, CID: p.cid, Author: p.author, JSON: raw})
		}
	}
	return out
}

// Record is a post as the simulated Bluesky holds it.
type Record struct {
	URI, CID, Author string
	// JSON is the record as its author's repository holds it.
	JSON []byte
}

func strongRef(r Ref) map[string]any { return map[string]any{"uri": r.URI, "cid": r.CID} }

// replyRef reads a record's reply.root or reply.parent.
func replyRef(rec map[string]any, which string) (Ref, bool) {
	reply, _ := rec["reply"].(map[string]any)
	ref, _ := reply[which].(map[string]any)
	uri, _ := ref["uri"].(string)
	cid, _ := ref["cid"].(string)
	return Ref{URI: uri, CID: cid}, uri != ""
}

// view is a post as the app view shows it (app.bsky.feed.defs#postView).
// The caller holds the mutex.
func (s *Server) view(p *post) map[string]any {
	return map[string]any{"uri": p.uri, "cid": p.cid, "author": s.profile(p.author), "record": p.record,
		"indexedAt": p.indexedAt.UTC().Format(time.RFC3339Nano), "replyCount": 0, "repostCount": 0, "likeCount": 0, "labels": []any{}}
}

// profile is a person as the app view shows one (profileViewBasic).
// The caller holds the mutex.
func (s *Server) profile(did string) map[string]any {
	a := s.accounts[did]
	return map[string]any{"did": a.DID, "handle": a.Handle, "displayName": a.DisplayName, "labels": []any{}}
}

// page cuts items at a cursor (an offset, as a string) into a page of
// limit: the items and the next cursor ("" at the end).
func page[T any](items []T, cursor string, limit int) ([]T, string, bool) {
	start := 0
	if cursor != "" {
		n, err := strconv.Atoi(cursor)
		if err != nil || n < 0 || n > len(items) {
			return nil, "", false
		}
		start = n
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	return items[start:end], next, true
}

// writePage answers a page of items at the request's cursor, each
// rendered, under key, with the next cursor when there is more.
func writePage[T any](w http.ResponseWriter, r *http.Request, key string, items []T, limit int, render func(T) map[string]any) {
	got, next, ok := page(items, r.URL.Query().Get("cursor"), limit)
	if !ok {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "malformed cursor")
		return
	}
	views := []map[string]any{}
	for _, it := range got {
		views = append(views, render(it))
	}
	out := map[string]any{key: views}
	if next != "" {
		out["cursor"] = next
	}
	writeJSON(w, http.StatusOK, out)
}

// limitParam reads limit (1 to max, def when absent).
func limitParam(r *http.Request, def, max int) (int, bool) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 1 && n <= max
}

// AddRecord publishes a post record as it is, whatever it holds (a
// hostile or broken one: a text of the wrong type, escape codes), as an
// answer to the shop's post at parent, so that it notifies the shop.
func (s *Server) AddRecord(author string, parent Ref, record map[string]any) Ref {
	s.mu.Lock()
	defer s.mu.Unlock()
	record["reply"] = map[string]any{"root": strongRef(parent), "parent": strongRef(parent)}
	return s.store(author, record, s.opts.Clock())
}
