package xfake

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter/text"
)

// maxReachableMentions is how far back X's mentions timeline reaches.
const maxReachableMentions = 800

func (s *Server) getMe(w http.ResponseWriter, r *http.Request) {
	f, p := parseFields(r.URL.Query())
	if p != nil {
		writeProblem(w, http.StatusBadRequest, *p)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": s.data.renderUser(s.data.users[selfOf(r, s.data.self)], f)})
}

func (s *Server) getMentions(w http.ResponseWriter, r *http.Request) {
	user, page, f, ok := s.timelineRequest(w, r)
	if !ok {
		return
	}
	all := s.data.mentionsOf(user)
	if len(all) > maxReachableMentions {
		all = all[:maxReachableMentions]
	}
	s.writePage(w, page, all, f)
}

// getUserTweets is GET /2/users/{id}/tweets: a user's own posts, newest
// first, paged like the mentions.
func (s *Server) getUserTweets(w http.ResponseWriter, r *http.Request) {
	user, page, f, ok := s.timelineRequest(w, r)
	if !ok {
		return
	}
	s.writePage(w, page, s.data.postsBy(user.ID), f)
}

// timelineRequest reads what a user's timeline takes: the fields, the
// user in the path and the paging. When one is wrong it answers as X
// does and reports false.
func (s *Server) timelineRequest(w http.ResponseWriter, r *http.Request) (model.User, pageQuery, fieldSet, bool) {
	q := r.URL.Query()
	f, p := parseFields(q)
	if p != nil {
		writeProblem(w, http.StatusBadRequest, *p)
		return model.User{}, pageQuery{}, f, false
	}
	raw := r.PathValue("id")
	userID, err := model.ParseID(raw)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, invalidRequest("id", raw, "The `id` query parameter value ["+raw+"] does not match ^[0-9]{1,19}$"))
		return model.User{}, pageQuery{}, f, false
	}
	user, ok := s.data.users[userID]
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"errors": []problem{notFound("user", "id", model.FormatID(userID))}})
		return model.User{}, pageQuery{}, f, false
	}
	page, prob := readPageQuery(q, timelinePages)
	if prob != nil {
		writeProblem(w, http.StatusBadRequest, *prob)
		return model.User{}, pageQuery{}, f, false
	}
	return user, page, f, true
}

// writePage answers with one page of a timeline (newest first) and its
// meta: counts, newest and oldest ids, and the token of the next page.
func (s *Server) writePage(w http.ResponseWriter, page pageQuery, timeline []model.Post, f fieldSet) {
	posts, next := page.slice(timeline)
	out := s.data.envelope(posts, f)
	meta := map[string]any{"result_count": len(posts)}
	if len(posts) > 0 {
		meta["newest_id"] = model.FormatID(posts[0].ID)
		meta["oldest_id"] = model.FormatID(posts[len(posts)-1].ID)
	}
	if next != 0 {
		meta["next_token"] = encodeToken(next)
	}
	out["meta"] = meta
	writeJSON(w, http.StatusOK, out)
}

// pageQuery is a timeline request's since_id, until_id, start_time,
// max_results and pagination_token.
type pageQuery struct {
	since, until, below uint64
	start               time.Time
	max                 int
}

// pageSizes are an endpoint's max_results: the least, the most and the
// default.
type pageSizes struct{ least, most, byDefault int }

var (
	timelinePages = pageSizes{least: 5, most: 100, byDefault: 10}
	dmPages       = pageSizes{least: 1, most: 100, byDefault: 100}
)

func readPageQuery(q map[string][]string, sizes pageSizes) (pageQuery, *problem) {
	pq := pageQuery{max: sizes.byDefault}
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	for param, dst := range map[string]*uint64{"since_id": &pq.since, "until_id": &pq.until} {
		if v := get(param); v != "" {
			id, err := model.ParseID(v)
			if err != nil {
				p := invalidRequest(param, v, fmt.Sprintf("The `%s` query parameter value [%s] does not match ^[0-9]{1,19}$", param, v))
				return pq, &p
			}
			*dst = id
		}
	}
	if v := get("max_results"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < sizes.least || n > sizes.most {
			p := invalidRequest("max_results", v, fmt.Sprintf("The `max_results` query parameter value [%s] is not between %d and %d", v, sizes.least, sizes.most))
			return pq, &p
		}
		pq.max = n
	}
	if v := get("start_time"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			p := invalidRequest("start_time", v, fmt.Sprintf("The `start_time` query parameter value [%s] is not a valid time", v))
			return pq, &p
		}
		pq.start = t
	}
	if v := get("pagination_token"); v != "" {
		id, ok := decodeToken(v)
		if !ok {
			p := invalidRequest("pagination_token", v, fmt.Sprintf("The `pagination_token` query parameter value [%s] is not valid", v))
			return pq, &p
		}
		pq.below = id
	}
	return pq, nil
}

// slice picks the page from posts (newest first) and returns the id the
// next page starts below, or 0 when this is the last page.
func (pq pageQuery) slice(posts []model.Post) ([]model.Post, uint64) {
	var out []model.Post
	for _, p := range posts {
		switch {
		case pq.since != 0 && p.ID <= pq.since, pq.until != 0 && p.ID >= pq.until, pq.below != 0 && p.ID >= pq.below,
			!pq.start.IsZero() && p.CreatedAt.Before(pq.start):
			continue
		}
		if len(out) == pq.max {
			return out, out[len(out)-1].ID
		}
		out = append(out, p)
	}
	return out, 0
}

// Pagination tokens are opaque to clients; these encode the id to
// continue below.
const tokenKey = 0x5DEECE66D

func encodeToken(id uint64) string { return "7" + strconv.FormatUint(id^tokenKey, 36) }

func decodeToken(s string) (uint64, bool) {
	rest, ok := strings.CutPrefix(s, "7")
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseUint(rest, 36, 64)
	return v ^ tokenKey, err == nil
}

func (s *Server) getTweets(w http.ResponseWriter, r *http.Request) {
	f, ids, ok := lookupRequest(w, r)
	if !ok {
		return
	}
	var found []model.Post
	var missing []problem
	for _, id := range ids {
		if post, ok := s.data.posts[id]; ok {
			found = append(found, post)
		} else {
			missing = append(missing, notFound("tweet", "ids", model.FormatID(id)))
		}
	}
	out := s.data.envelope(found, f)
	if len(missing) > 0 {
		errs, _ := out["errors"].([]problem)
		out["errors"] = append(missing, errs...)
	}
	writeJSON(w, http.StatusOK, out)
}

// lookupRequest reads a look-up by ids (GET /2/tweets, GET /2/users):
// its fields and 1 to 100 ids. When one is wrong it answers as X does
// and reports false.
func lookupRequest(w http.ResponseWriter, r *http.Request) (fieldSet, []uint64, bool) {
	q := r.URL.Query()
	f, p := parseFields(q)
	if p != nil {
		writeProblem(w, http.StatusBadRequest, *p)
		return f, nil, false
	}
	raw := strings.Split(q.Get("ids"), ",")
	if q.Get("ids") == "" || len(raw) > 100 {
		writeProblem(w, http.StatusBadRequest, invalidRequest("ids", q.Get("ids"), "The `ids` query parameter must hold 1 to 100 ids"))
		return f, nil, false
	}
	ids := make([]uint64, len(raw))
	for i, v := range raw {
		id, err := model.ParseID(v)
		if err != nil {
			writeProblem(w, http.StatusBadRequest, invalidRequest("ids", v, "The `ids` query parameter value ["+v+"] does not match ^[0-9]{1,19}$"))
			return f, nil, false
		}
		ids[i] = id
	}
	return f, ids, true
}

func (s *Server) getTweet(w http.ResponseWriter, r *http.Request) {
	f, p := parseFields(r.URL.Query())
	if p != nil {
		writeProblem(w, http.StatusBadRequest, *p)
		return
	}
	id, err := model.ParseID(r.PathValue("id"))
	post, ok := s.data.posts[id]
	if err != nil || !ok {
		writeJSON(w, http.StatusOK, map[string]any{"errors": []problem{notFound("tweet", "id", r.PathValue("id"))}})
		return
	}
	out := s.data.envelope([]model.Post{post}, f)
	out["data"] = out["data"].([]map[string]any)[0]
	writeJSON(w, http.StatusOK, out)
}

// The refusals X gives for replies, in its words.
const (
	notEngagedDetail = "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to."
	duplicateDetail  = "You are not allowed to create a Tweet with duplicate content."
)

type createRequest struct {
	Text  *string `json:"text"`
	Reply *struct {
		InReplyToTweetID string `json:"in_reply_to_tweet_id"`
	} `json:"reply"`
}

func (s *Server) createTweet(w http.ResponseWriter, r *http.Request) {
	var req createRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Text == nil {
		writeProblem(w, http.StatusBadRequest, invalidRequest("text", "", "The request body must be JSON with a `text` field"))
		return
	}
	if !text.Parse(*req.Text).Valid {
		writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: "Your Tweet text is too long or empty.", Type: "about:blank"})
		return
	}
	self := selfOf(r, s.data.self)
	post := model.Post{AuthorID: self, Text: asPosted(*req.Text)}
	if req.Reply != nil {
		parentID, err := model.ParseID(req.Reply.InReplyToTweetID)
		parent, ok := s.data.posts[parentID]
		if err != nil || !ok {
			writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: "You attempted to reply to a Tweet that is deleted or not visible to you.", Type: "about:blank"})
			return
		}
		if !s.data.mayReplyTo(parent, self) {
			writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: notEngagedDetail, Type: "about:blank"})
			return
		}
		post.InReplyToID = parentID
	}
	if s.duplicateRule && s.data.hasOwnPost(post.Text, self) {
		writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: duplicateDetail, Type: "about:blank"})
		return
	}
	post = s.data.add(post, s.opts.Clock())
	s.announcePost(post)
	id := model.FormatID(post.ID)
	writeJSON(w, http.StatusCreated, map[string]any{"data": map[string]any{"id": id, "text": escapeText(post.Text), "edit_history_tweet_ids": []string{id}}})
}

// mayReplyTo applies X's rule since February 2026: a reply is allowed to
// the account's own posts and to posts whose author @mentioned it.
func (d *store) mayReplyTo(parent model.Post, self uint64) bool {
	return parent.AuthorID == self || mentions(strings.ToLower(parent.Text), "@"+strings.ToLower(d.users[self].Username))
}

// asPosted is text as X keeps it: every link rewritten to a t.co link,
// trailing white space dropped.
func asPosted(s string) string {
	var b strings.Builder
	for _, u := range text.ExtractURLs(s) {
		before, after, _ := strings.Cut(s, u.Text)
		b.WriteString(before)
		fmt.Fprintf(&b, "https://t.co/%010x", crc32.ChecksumIEEE([]byte(u.Text)))
		s = after
	}
	b.WriteString(s)
	return strings.TrimRight(b.String(), " \t\n")
}

func (d *store) hasOwnPost(text string, self uint64) bool {
	for _, p := range d.posts {
		if p.AuthorID == self && p.Text == text {
			return true
		}
	}
	return false
}

func (s *Server) deleteTweet(w http.ResponseWriter, r *http.Request) {
	id, err := model.ParseID(r.PathValue("id"))
	post, ok := s.data.posts[id]
	if err != nil || !ok {
		writeProblem(w, http.StatusNotFound, notFound("tweet", "id", r.PathValue("id")))
		return
	}
	if post.AuthorID != selfOf(r, s.data.self) {
		writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: "You are not allowed to delete a Tweet that is not yours.", Type: "about:blank"})
		return
	}
	s.deletePost(id)
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]bool{"deleted": true}})
}

// getUsers is GET /2/users?ids=: people by id, 1 to 100; an unknown id
// is a partial error, as X answers.
func (s *Server) getUsers(w http.ResponseWriter, r *http.Request) {
	f, ids, ok := lookupRequest(w, r)
	if !ok {
		return
	}
	var found []map[string]any
	var missing []problem
	for _, id := range ids {
		if u, ok := s.data.users[id]; ok {
			found = append(found, s.data.renderUser(u, f))
		} else {
			missing = append(missing, notFound("user", "ids", model.FormatID(id)))
		}
	}
	out := map[string]any{}
	if len(found) > 0 {
		out["data"] = found
	}
	if len(missing) > 0 {
		out["errors"] = missing
	}
	writeJSON(w, http.StatusOK, out)
}
