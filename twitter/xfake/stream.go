package xfake

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
)

// maxStreams is how many activity-stream connections X allows an app:
// a third is refused with a 429.
const maxStreams = 2

// streams are the open connections of the activity stream and the app
// tokens issued for it; the Server's mutex guards them.
type streams struct {
	open   map[int]*conn
	next   int
	tokens map[string]bool
	// pending are the events the subscriptions asked for, to push once
	// the mutex is let go.
	pending [][]byte
	// faults are how the stream misbehaves; held the events it holds
	// back for them.
	faults StreamFaults
	held   [][]byte
}

// StreamFaults are how X's stream misbehaves for the events the
// subscriptions push (the notes: events repeat, come late and out of
// order, and connections drop).
type StreamFaults struct {
	// Repeat sends every event twice.
	Repeat bool
	// OutOfOrder holds events back until this many wait, then sends them
	// newest first.
	OutOfOrder int
	// CutMidLine cuts every connection halfway through the next event's
	// line: the event is lost to them (X does not send it again).
	CutMidLine bool
}

// SetStreamFaults sets how the stream misbehaves from now on.
func (s *Server) SetStreamFaults(f StreamFaults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.streams.faults = f
}

// conn is one open connection: what to write on it, and closed when its
// handler is gone.
type conn struct {
	events chan []byte
	done   chan struct{}
}

// issueAppToken is POST /oauth2/token with grant_type=client_credentials
// and the app's key and secret as Basic auth: an app-only Bearer token,
// what the activity stream takes.
func (s *Server) issueAppToken(w http.ResponseWriter, r *http.Request) {
	key, secret, ok := r.BasicAuth()
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": "grant_type must be client_credentials"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["POST /oauth2/token"]++
	if !ok || s.opts.Secrets != nil && (key != s.opts.Secrets.ConsumerKey || secret != s.opts.Secrets.ConsumerSecret) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client", "error_description": "Client authentication failed"})
		return
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	if s.streams.tokens == nil {
		s.streams.tokens = map[string]bool{}
	}
	s.streams.tokens[token] = true
	writeJSON(w, http.StatusOK, map[string]string{"token_type": "bearer", "access_token": token})
}

// appToken reports a request made with an app token the server issued;
// the caller holds the mutex.
func (s *Server) appToken(r *http.Request) bool {
	token, bearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return bearer && s.streams.tokens[token]
}

// activityStream is GET /2/activity/stream: newline-delimited JSON, one
// event a line, a blank line every KeepAlive (X's come about every 20 s,
// and its headers only with the first), at most maxStreams connections
// an app.
func (s *Server) activityStream(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.calls["GET /2/activity/stream"]++
	if s.unauthorized || !s.appToken(r) {
		s.mu.Unlock()
		writeProblem(w, http.StatusUnauthorized, unauthorized)
		return
	}
	if len(s.streams.open) >= maxStreams {
		s.mu.Unlock()
		writeProblem(w, http.StatusTooManyRequests, problem{Title: "ConnectionException",
			Detail: "This stream has reached its maximum number of connections.", Type: problemBase + "streaming-connection"})
		return
	}
	id, c := s.openStream()
	s.mu.Unlock()
	defer s.closeStream(id)
	s.serveStream(w, r, c.events)
}

// openStream registers a connection; the caller holds the mutex.
func (s *Server) openStream() (int, *conn) {
	if s.streams.open == nil {
		s.streams.open = map[int]*conn{}
	}
	s.streams.next++
	c := &conn{events: make(chan []byte), done: make(chan struct{})}
	s.streams.open[s.streams.next] = c
	return s.streams.next, c
}

// closeStream forgets a connection.
func (s *Server) closeStream(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.streams.open[id].done)
	delete(s.streams.open, id)
}

// serveStream writes the events and the keep-alives until the client or
// the server goes, or a nil event cuts the connection.
func (s *Server) serveStream(w http.ResponseWriter, r *http.Request, events chan []byte) {
	flusher, _ := w.(http.Flusher)
	every := s.opts.KeepAlive
	if every <= 0 {
		every = 20 * time.Second
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	wroteHeader := false
	for {
		var line []byte
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			line = []byte("\r\n")
		case ev := <-events:
			if ev == nil {
				return // cut: whatever was written of a line stays half
			}
			line = ev
		}
		if !wroteHeader {
			w.WriteHeader(http.StatusOK)
			wroteHeader = true
		}
		if _, err := w.Write(line); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}

// Push writes raw bytes to every open stream connection, as they are:
// an event line ends with "\n"; without it, a line is cut short (follow
// with Cut).
func (s *Server) Push(raw []byte) {
	s.mu.Lock()
	open := make([]*conn, 0, len(s.streams.open))
	for _, c := range s.streams.open {
		open = append(open, c)
	}
	s.mu.Unlock()
	for _, c := range open {
		select {
		case c.events <- raw: // taken by the connection before Push returns
		case <-c.done:
		}
	}
}

// Streams is how many activity-stream connections are open.
func (s *Server) Streams() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.streams.open)
}

// Cut ends every open stream connection, as a dropped connection does.
func (s *Server) Cut() { s.Push(nil) }

// PushPost pushes a post event (post.mention.create, post.reply.create,
// post.create) for the account, whatever the subscriptions say, and
// returns the event's line.
func (s *Server) PushPost(eventType string, p model.Post) []byte {
	s.mu.Lock()
	line := s.postEventLine(eventType, p)
	s.billPushed(spend.PushedPost, model.FormatID(p.ID))
	s.mu.Unlock()
	s.Push(line)
	return line
}

// PushDM pushes dm.received (or dm.sent, when the account sent it) for
// the account, whatever the subscriptions say, and returns the event's
// line.
func (s *Server) PushDM(dm DM) []byte {
	s.mu.Lock()
	line := s.dmEventLine(dm, s.data.self)
	if dm.RecipientID == s.data.self {
		s.billPushed(spend.PushedDM, dm.EventID)
	}
	s.mu.Unlock()
	s.Push(line)
	return line
}

// postEventLine is a post event for user: the post as GET /2/tweets
// gives it, its author in includes. The caller holds the mutex.
func (s *Server) postEventLine(eventType string, p model.Post) []byte {
	f := fieldSet{tweet: set("author_id", "conversation_id", "created_at", "in_reply_to_user_id", "referenced_tweets"),
		user: set("username", "name"), expand: set("author_id")}
	var users []map[string]any
	if u, ok := s.data.users[p.AuthorID]; ok {
		users = append(users, s.data.renderUser(u, f))
	}
	return eventLine(s.eventID(), eventType, s.data.self, s.data.renderTweet(p, f), map[string]any{"users": users})
}

// dmEventLine is dm.received or dm.sent, as user sees it, in the v1.1
// shape X's activity stream uses for DMs: no conversation id, the people
// keyed by id. The caller holds the mutex.
func (s *Server) dmEventLine(dm DM, user uint64) []byte {
	eventType := "dm.received"
	if dm.SenderID == user {
		eventType = "dm.sent"
	}
	users := map[string]any{}
	for _, id := range []uint64{dm.SenderID, dm.RecipientID} {
		if u, ok := s.data.users[id]; ok {
			users[model.FormatID(id)] = map[string]any{"id": id, "id_str": model.FormatID(id), "screen_name": u.Username, "name": u.Name} // v1.1: a number and its string
		}
	}
	payload := map[string]any{
		"direct_message_events": []any{map[string]any{
			"type": "message_create", "id": dm.EventID,
			"created_timestamp": strconv.FormatInt(dm.CreatedAt.UnixMilli(), 10),
			"message_create": map[string]any{
				"target":       map[string]any{"recipient_id": model.FormatID(dm.RecipientID)},
				"sender_id":    model.FormatID(dm.SenderID),
				"message_data": map[string]any{"text": dm.Text, "entities": map[string]any{}},
			},
		}},
		"users": users,
	}
	return eventLine(s.eventID(), eventType, user, payload, nil)
}

// eventID is a new event's id: numeric, as X's OpenAPI document has it
// (ActivityEventId); the caller holds the mutex.
func (s *Server) eventID() string {
	s.data.seq++
	return model.FormatID(model.SnowflakeID(s.opts.Clock(), s.data.seq))
}

// eventLine is one event of the stream, newline-terminated.
func eventLine(id, eventType string, user uint64, payload any, includes map[string]any) []byte {
	data := map[string]any{
		"event_uuid": id, "event_type": eventType,
		"filter": map[string]any{"user_id": model.FormatID(user)}, "tag": "hark", "payload": payload,
	}
	if includes != nil {
		data["includes"] = includes
	}
	b, _ := json.Marshal(map[string]any{"data": data})
	return append(b, '\n')
}
