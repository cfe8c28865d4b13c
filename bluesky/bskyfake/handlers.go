package bskyfake

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/rivo/uniseg"
)

// self is the account a request's token signs in.
func self(r *http.Request) string { return r.Context().Value(didKey{}).(string) }

// listNotifications is app.bsky.notification.listNotifications: what was
// said to the account, newest indexed first, limit (50, at most 100) a
// page: a reply to its post ("reply"), a post that mentions it
// ("mention").
func (s *Server) listNotifications(w http.ResponseWriter, r *http.Request) {
	limit, ok := limitParam(r, 50, 100)
	if !ok {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "limit must be between 1 and 100")
		return
	}
	me := self(r)
	var all []map[string]any
	for i := len(s.posts) - 1; i >= 0; i-- {
		p := s.posts[i]
		if p.deleted || p.author == me {
			continue
		}
		if reason, subject := s.reasonFor(p, me); reason != "" {
			n := map[string]any{"uri": p.uri, "cid": p.cid, "author": s.profile(p.author), "reason": reason, "record": p.record,
				"isRead": false, "indexedAt": p.indexedAt.UTC().Format(time.RFC3339Nano), "labels": []any{}}
			if subject != "" {
				n["reasonSubject"] = subject
			}
			all = append(all, n)
		}
	}
	items, next, ok := page(all, r.URL.Query().Get("cursor"), limit)
	if !ok {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "malformed cursor")
		return
	}
	out := map[string]any{"notifications": items, "seenAt": s.opts.Clock().UTC().Format(time.RFC3339Nano)}
	if next != "" {
		out["cursor"] = next
	}
	writeJSON(w, http.StatusOK, out)
}

// reasonFor is why p notifies me: "reply" to one of my posts (with the
// post answered), "mention", or "". The caller holds the mutex.
func (s *Server) reasonFor(p *post, me string) (reason, subject string) {
	if parent, ok := replyRef(p.record, "parent"); ok {
		if pp := s.find(parent.URI); pp != nil && pp.author == me {
			return "reply", parent.URI
		}
	}
	facets, _ := p.record["facets"].([]any)
	for _, f := range facets {
		features, _ := f.(map[string]any)["features"].([]any)
		for _, feat := range features {
			if m, _ := feat.(map[string]any); m["did"] == me {
				return "mention", ""
			}
		}
	}
	return "", ""
}

// getPosts is app.bsky.feed.getPosts: up to 25 posts by URI; those
// deleted or unknown are left out.
func (s *Server) getPosts(w http.ResponseWriter, r *http.Request) {
	uris := r.URL.Query()["uris"]
	if len(uris) == 0 || len(uris) > 25 {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "uris must hold 1 to 25 URIs")
		return
	}
	posts := []map[string]any{}
	for _, u := range uris {
		if p := s.find(u); p != nil {
			posts = append(posts, s.view(p))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"posts": posts})
}

// getAuthorFeed is app.bsky.feed.getAuthorFeed: an actor's posts and
// replies, newest first.
func (s *Server) getAuthorFeed(w http.ResponseWriter, r *http.Request) {
	limit, ok := limitParam(r, 50, 100)
	acct, found := s.account(r.URL.Query().Get("actor"))
	if !ok || !found {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "actor must be a known handle or DID, limit 1 to 100")
		return
	}
	var feed []map[string]any
	for i := len(s.posts) - 1; i >= 0; i-- {
		if p := s.posts[i]; !p.deleted && p.author == acct.DID {
			feed = append(feed, map[string]any{"post": s.view(p)})
		}
	}
	writePage(w, r, "feed", feed, limit, func(item map[string]any) map[string]any { return item })
}

// createRecord is com.atproto.repo.createRecord for posts: the record is
// checked as the PDS and the Lexicon check it (300 graphemes, 3,000
// bytes, a reply's root and parent that exist with their CIDs, facets
// inside the text), then kept.
func (s *Server) createRecord(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Repo       string         `json:"repo"`
		Collection string         `json:"collection"`
		Record     map[string]any `json:"record"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Collection != "app.bsky.feed.post" || in.Record == nil {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Input must be a post record in app.bsky.feed.post")
		return
	}
	if acct, ok := s.account(in.Repo); !ok || acct.DID != self(r) {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "repo must be the signed-in account's")
		return
	}
	if msg := s.checkPost(in.Record); msg != "" {
		xrpcError(w, http.StatusBadRequest, "InvalidRecord", msg)
		return
	}
	ref := s.store(self(r), in.Record, s.opts.Clock())
	if s.loseAnswers > 0 {
		s.loseAnswers--
		hangUp(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"uri": ref.URI, "cid": ref.CID, "validationStatus": "valid"})
}

// checkPost is what the PDS refuses in a post record ("" for nothing).
// The caller holds the mutex.
func (s *Server) checkPost(rec map[string]any) string {
	text, _ := rec["text"].(string)
	if rec["$type"] != "app.bsky.feed.post" || rec["createdAt"] == nil {
		return "Record/$type and Record/createdAt are required"
	}
	if uniseg.GraphemeClusterCount(text) > 300 || len(text) > 3000 {
		return "Record/text must not be longer than 300 graphemes"
	}
	for _, which := range []string{"root", "parent"} {
		if _, has := rec["reply"]; !has {
			break
		}
		ref, ok := replyRef(rec, which)
		p := s.find(ref.URI)
		if !ok || p == nil || p.cid != ref.CID {
			return "Record/reply/" + which + " must be a post that exists, with its CID"
		}
	}
	facets, _ := rec["facets"].([]any)
	for _, f := range facets {
		index, _ := f.(map[string]any)["index"].(map[string]any)
		start, _ := index["byteStart"].(float64)
		end, _ := index["byteEnd"].(float64)
		if start < 0 || end <= start || int(end) > len(text) {
			return "Record/facets/index must be inside the text's bytes"
		}
	}
	return ""
}

// deleteRecord is com.atproto.repo.deleteRecord: the account deletes one
// of its posts; deleting what is gone is no error.
func (s *Server) deleteRecord(w http.ResponseWriter, r *http.Request) {
	var in struct{ Repo, Collection, Rkey string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Collection != "app.bsky.feed.post" || in.Rkey == "" {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Input must name a post's collection and rkey")
		return
	}
	if p := s.find("at://" + self(r) + "/app.bsky.feed.post/" + in.Rkey); p != nil {
		p.deleted = true
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

// resolveHandle is com.atproto.identity.resolveHandle.
func (s *Server) resolveHandle(w http.ResponseWriter, r *http.Request) {
	h := r.URL.Query().Get("handle")
	a, ok := s.account(h)
	if !ok || strings.HasPrefix(h, "did:") {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Unable to resolve handle")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"did": a.DID})
}

// getProfiles is app.bsky.actor.getProfiles: up to 25 people by handle or
// DID; unknown ones are left out.
func (s *Server) getProfiles(w http.ResponseWriter, r *http.Request) {
	actors := r.URL.Query()["actors"]
	if len(actors) == 0 || len(actors) > 25 {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "actors must hold 1 to 25 actors")
		return
	}
	profiles := []map[string]any{}
	for _, id := range actors {
		if a, ok := s.account(id); ok && !slices.ContainsFunc(profiles, func(p map[string]any) bool { return p["did"] == a.DID }) {
			profiles = append(profiles, s.profile(a.DID))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"profiles": profiles})
}

// LoseAnswers makes the next n records made be kept, their answers lost
// (the connection closed before a byte): a send that may have arrived.
func (s *Server) LoseAnswers(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loseAnswers = n
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
}
