package xfake

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
)

// maxSubscriptions is a self-serve app's limit.
const maxSubscriptions = 1500

// subscriptionTypes are the event types a subscription may name: X's
// OpenAPI document's list and the post events X's prose documents
// (post.mention.create, post.reply.create) that the document lacks.
var subscriptionTypes = set("post.create", "post.delete", "post.mention.create", "post.reply.create",
	"dm.received", "dm.sent", "dm.read", "dm.indicate_typing", "follow.follow", "follow.unfollow",
	"profile.update.bio", "news.new", "chat.received", "chat.sent")

// Subscription is one activity subscription of the simulated X.
type Subscription struct {
	ID        string
	EventType string
	UserID    uint64
	Tag       string
	CreatedAt time.Time
}

func (sub Subscription) render() map[string]any {
	at := sub.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z")
	m := map[string]any{"subscription_id": sub.ID, "event_type": sub.EventType,
		"filter": map[string]any{"user_id": model.FormatID(sub.UserID)}, "created_at": at, "updated_at": at}
	if sub.Tag != "" {
		m["tag"] = sub.Tag
	}
	return m
}

// createSubscription is POST /2/activity/subscriptions, user context. X
// does not refuse a subscription that repeats another: each is billed
// and delivered apart, so hark must look before it creates.
func (s *Server) createSubscription(w http.ResponseWriter, r *http.Request) {
	var req struct {
		EventType string `json:"event_type"`
		Filter    struct {
			UserID string `json:"user_id"`
		} `json:"filter"`
		Tag string `json:"tag"`
	}
	if s.oauth1Refused(w, r) {
		return
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !subscriptionTypes[req.EventType] {
		writeProblem(w, http.StatusBadRequest, invalidRequest("event_type", req.EventType, "event_type must be one of the documented event types"))
		return
	}
	user, err := model.ParseID(req.Filter.UserID)
	if _, known := s.data.users[user]; err != nil || !known {
		writeProblem(w, http.StatusBadRequest, invalidRequest("filter.user_id", req.Filter.UserID, "filter.user_id must be a user's id"))
		return
	}
	if len(s.subs) >= maxSubscriptions {
		writeProblem(w, http.StatusForbidden, problem{Title: "Forbidden", Detail: "You have reached the maximum number of subscriptions for your account.", Type: "about:blank"})
		return
	}
	s.data.seq++
	now := s.opts.Clock()
	sub := Subscription{ID: model.FormatID(model.SnowflakeID(now, s.data.seq)), EventType: req.EventType, UserID: user, Tag: req.Tag, CreatedAt: now}
	s.subs = append(s.subs, sub)
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"subscription": sub.render(), "total_subscriptions_for_instance_id": len(s.subs)},
		"meta": map[string]any{"total_subscriptions": len(s.subs)}})
}

// listSubscriptions is GET /2/activity/subscriptions: the app's
// subscriptions, oldest first, max_results (1,000 by default) a page.
func (s *Server) listSubscriptions(w http.ResponseWriter, r *http.Request) {
	if s.oauth1Refused(w, r) {
		return
	}
	max, err := strconv.Atoi(cmp.Or(r.URL.Query().Get("max_results"), "1000"))
	if err != nil || max < 1 || max > 1000 {
		writeProblem(w, http.StatusBadRequest, invalidRequest("max_results", r.URL.Query().Get("max_results"), "max_results must be between 1 and 1000"))
		return
	}
	start := 0
	if tok := r.URL.Query().Get("pagination_token"); tok != "" {
		at, ok := decodeToken(tok)
		if !ok || int(at) > len(s.subs) {
			writeProblem(w, http.StatusBadRequest, invalidRequest("pagination_token", tok, "pagination_token is not one X gave"))
			return
		}
		start = int(at)
	}
	data := []map[string]any{}
	for _, sub := range s.subs[start:min(start+max, len(s.subs))] {
		data = append(data, sub.render())
	}
	meta := map[string]any{"result_count": len(data)}
	if start+max < len(s.subs) {
		meta["next_token"] = encodeToken(uint64(start + max))
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "meta": meta})
}

// deleteSubscription is DELETE /2/activity/subscriptions/{id}, with the
// app's Bearer token.
func (s *Server) deleteSubscription(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.appToken(r) {
		writeProblem(w, http.StatusUnauthorized, unauthorized)
		return
	}
	id := r.PathValue("subscription_id")
	i := slices.IndexFunc(s.subs, func(sub Subscription) bool { return sub.ID == id })
	if i < 0 {
		writeProblem(w, http.StatusNotFound, notFound("subscription", "subscription_id", id))
		return
	}
	s.subs = slices.Delete(s.subs, i, i+1)
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"deleted": true}, "meta": map[string]any{"total_subscriptions": len(s.subs)}})
}

// AddSubscription adds a subscription as another program on the same
// app would make it (its own tag).
func (s *Server) AddSubscription(sub Subscription) Subscription {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data.seq++
	sub.CreatedAt = s.opts.Clock()
	sub.ID = model.FormatID(model.SnowflakeID(sub.CreatedAt, s.data.seq))
	s.subs = append(s.subs, sub)
	return sub
}

// Subscriptions are the app's subscriptions.
func (s *Server) Subscriptions() []Subscription {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.subs)
}

// announcePost queues the events the subscriptions ask for a new post:
// a mention of the user, a reply to them, or their own post (one event a
// subscription: two subscriptions of one type get it twice, as X sends
// it). The caller holds the mutex; flushEvents pushes them.
func (s *Server) announcePost(p model.Post) {
	for _, sub := range s.subs {
		u := s.data.users[sub.UserID]
		var fires bool
		switch sub.EventType {
		case "post.mention.create":
			fires = p.AuthorID != u.ID && mentions(strings.ToLower(p.Text), "@"+strings.ToLower(u.Username))
		case "post.reply.create":
			fires = p.AuthorID != u.ID && p.InReplyToUser == u.ID
		case "post.create":
			fires = p.AuthorID == u.ID
		}
		if fires {
			s.streams.pending = append(s.streams.pending, s.postEventLine(sub.EventType, p))
			s.billPushed(spend.PushedPost, model.FormatID(p.ID))
		}
	}
}

// announceDelete queues post.delete for the subscriptions to the post's
// author (X does not bill it, as far as the notes know). The caller holds
// the mutex.
func (s *Server) announceDelete(p model.Post) {
	for _, sub := range s.subs {
		if sub.EventType == "post.delete" && sub.UserID == p.AuthorID {
			payload := map[string]any{"id": model.FormatID(p.ID), "author_id": model.FormatID(p.AuthorID)}
			s.streams.pending = append(s.streams.pending, eventLine(s.eventID(), "post.delete", sub.UserID, payload, nil))
		}
	}
}

// announceDM queues dm.received and dm.sent for the subscriptions that
// ask for them.
func (s *Server) announceDM(dm DM) {
	for _, sub := range s.subs {
		if sub.EventType == "dm.received" && dm.RecipientID == sub.UserID || sub.EventType == "dm.sent" && dm.SenderID == sub.UserID {
			s.streams.pending = append(s.streams.pending, s.dmEventLine(dm, sub.UserID))
			if sub.EventType == "dm.received" { // dm.sent is not billed
				s.billPushed(spend.PushedDM, dm.EventID)
			}
		}
	}
}

// billPushed bills a pushed event as X bills it: once a day per resource,
// a pushed post and the same post read by a poll being one (the notes do
// not say; hark's count assumes the same). The caller holds the mutex.
func (s *Server) billPushed(kind spend.Kind, id string) {
	s.billing.start(s.opts.Clock())
	s.billing.once(kind, id)
}

// flushEvents pushes the queued events, in order unless the stream's
// faults say otherwise, outside the mutex.
func (s *Server) flushEvents() {
	s.mu.Lock()
	f := s.streams.faults
	pending := s.streams.pending
	s.streams.pending = nil
	if f.OutOfOrder > 1 {
		s.streams.held = append(s.streams.held, pending...)
		pending = nil
		if len(s.streams.held) >= f.OutOfOrder {
			pending = s.streams.held
			slices.Reverse(pending)
			s.streams.held = nil
		}
	}
	if f.CutMidLine && len(pending) > 0 {
		s.streams.faults.CutMidLine = false
	}
	s.mu.Unlock()
	for i, line := range pending {
		if f.CutMidLine && i == 0 {
			s.Push(line[:len(line)/2])
			s.Cut()
			continue
		}
		s.Push(line)
		if f.Repeat {
			s.Push(line)
		}
	}
}
