package bskyfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/rivo/uniseg"
)

// ChatProxy is the atproto-proxy header the chat service's calls need:
// the PDS forwards them to Bluesky's chat service.
const ChatProxy = "did:web:api.bsky.chat#bsky_chat"

// convo is a one-to-one conversation of the chat service.
type convo struct {
	id       string
	members  [2]string
	messages []message // oldest first
}

// message is one chat message.
type message struct {
	id, sender, text string
	sentAt           time.Time
}

// logEntry is one change of an account's chat log: a message made in a
// conversation, at a rev that sorts as it came.
type logEntry struct {
	rev   string
	convo string
	msg   message
}

// AddDM sends a chat message from one account to another, as Bluesky's
// app would, in their conversation (begun when there is none). It
// returns the message's id.
func (s *Server) AddDM(from, to, text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.convoOf(from, to)
	return s.addMessage(c, from, text).id
}

// convoOf is the conversation of two accounts, begun when there is none.
// The caller holds the mutex.
func (s *Server) convoOf(a, b string) *convo {
	for _, c := range s.convos {
		if slices.Contains(c.members[:], a) && slices.Contains(c.members[:], b) {
			return c
		}
	}
	s.seq++
	c := &convo{id: "convo" + strconv.FormatInt(s.opts.Clock().UnixMicro(), 32) + strconv.Itoa(s.seq), members: [2]string{a, b}}
	s.convos = append(s.convos, c)
	return c
}

// addMessage adds a message now. The caller holds the mutex.
func (s *Server) addMessage(c *convo, from, text string) message {
	s.seq++
	m := message{id: strconv.FormatInt(s.opts.Clock().UnixMicro(), 32) + fmt.Sprintf("%04d", s.seq%10000), sender: from, text: text, sentAt: s.opts.Clock()}
	c.messages = append(c.messages, m)
	for _, member := range c.members {
		s.chatLog[member] = append(s.chatLog[member], logEntry{rev: m.id, convo: c.id, msg: m})
	}
	return m
}

// chat wraps a chat method: it needs the proxy header, and a session
// whose app password may read DMs.
func (s *Server) chat(h http.HandlerFunc) http.HandlerFunc {
	return s.authed(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("atproto-proxy") != ChatProxy {
			xrpcError(w, http.StatusNotImplemented, "MethodNotImplemented", "Method Not Implemented")
			return
		}
		if s.accounts[self(r)].NoDMs {
			xrpcError(w, http.StatusBadRequest, "InvalidToken", "Bad token scope")
			return
		}
		h(w, r)
	})
}

// messageView is chat.bsky.convo.defs#messageView.
func messageView(m message) map[string]any {
	return map[string]any{"$type": "chat.bsky.convo.defs#messageView", "id": m.id, "rev": m.id, "text": m.text,
		"sender": map[string]string{"did": m.sender}, "sentAt": m.sentAt.UTC().Format(time.RFC3339Nano)}
}

// convoView is chat.bsky.convo.defs#convoView. The caller holds the
// mutex.
func (s *Server) convoView(c *convo) map[string]any {
	v := map[string]any{"id": c.id, "rev": c.id, "members": []any{s.profile(c.members[0]), s.profile(c.members[1])}, "muted": false, "unreadCount": 0}
	if n := len(c.messages); n > 0 {
		v["lastMessage"] = messageView(c.messages[n-1])
	}
	return v
}

// listConvos is chat.bsky.convo.listConvos: the account's conversations,
// the most recently active first.
func (s *Server) listConvos(w http.ResponseWriter, r *http.Request) {
	limit, ok := limitParam(r, 50, 100)
	if !ok {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "limit must be between 1 and 100")
		return
	}
	var mine []*convo
	for _, c := range s.convos {
		if slices.Contains(c.members[:], self(r)) && len(c.messages) > 0 {
			mine = append(mine, c)
		}
	}
	slices.SortStableFunc(mine, func(a, b *convo) int {
		return b.messages[len(b.messages)-1].sentAt.Compare(a.messages[len(a.messages)-1].sentAt)
	})
	writePage(w, r, "convos", mine, limit, s.convoView)
}

// getMessages is chat.bsky.convo.getMessages: a conversation's messages,
// newest first.
func (s *Server) getMessages(w http.ResponseWriter, r *http.Request) {
	limit, ok := limitParam(r, 50, 100)
	c := s.member(r.URL.Query().Get("convoId"), self(r))
	if !ok || c == nil {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Convo not found")
		return
	}
	newest := slices.Clone(c.messages)
	slices.Reverse(newest)
	writePage(w, r, "messages", newest, limit, messageView)
}

// getConvoForMembers is chat.bsky.convo.getConvoForMembers: the
// conversation with another account, begun when there is none.
func (s *Server) getConvoForMembers(w http.ResponseWriter, r *http.Request) {
	members := r.URL.Query()["members"]
	other := ""
	for _, m := range members {
		if m != self(r) {
			other = m
		}
	}
	if _, known := s.accounts[other]; !known || len(members) > 2 {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "members must be one other account's DID")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"convo": s.convoView(s.convoOf(self(r), other))})
}

// sendMessage is chat.bsky.convo.sendMessage: 1,000 graphemes, 10,000
// bytes at most.
func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ConvoID string `json:"convoId"`
		Message struct {
			Text string `json:"text"`
		} `json:"message"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Message.Text == "" {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Input must have the property \"message\"")
		return
	}
	c := s.member(in.ConvoID, self(r))
	switch {
	case c == nil:
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Convo not found")
		return
	case uniseg.GraphemeClusterCount(in.Message.Text) > 1000 || len(in.Message.Text) > 10000:
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Input/message/text must not be longer than 1000 graphemes")
		return
	}
	m := s.addMessage(c, self(r), in.Message.Text)
	if s.loseAnswers > 0 {
		s.loseAnswers--
		hangUp(w)
		return
	}
	writeJSON(w, http.StatusOK, messageView(m))
}

// getLog is chat.bsky.convo.getLog: the account's log of changes after
// cursor (from its beginning without one), oldest first, 100 at most;
// its cursor is the last change's rev (the one given when none is new).
// A cursor that is none of the log's revs is refused.
func (s *Server) getLog(w http.ResponseWriter, r *http.Request) {
	cursor := r.URL.Query().Get("cursor")
	if cursor != "" && !slices.ContainsFunc(s.chatLog[self(r)], func(e logEntry) bool { return e.rev == cursor }) {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Invalid cursor")
		return
	}
	logs := []map[string]any{}
	next := cursor
	for _, e := range s.chatLog[self(r)] {
		if e.rev <= cursor || len(logs) == 100 {
			continue
		}
		logs = append(logs, map[string]any{"$type": "chat.bsky.convo.defs#logCreateMessage", "rev": e.rev, "convoId": e.convo, "message": messageView(e.msg)})
		next = e.rev
	}
	out := map[string]any{"logs": logs}
	if next != "" {
		out["cursor"] = next
	}
	writeJSON(w, http.StatusOK, out)
}

// getConvo is chat.bsky.convo.getConvo: one of the account's
// conversations.
func (s *Server) getConvo(w http.ResponseWriter, r *http.Request) {
	c := s.member(r.URL.Query().Get("convoId"), self(r))
	if c == nil {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Convo not found")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"convo": s.convoView(c)})
}

// LogReads is how many times the chat log was read.
func (s *Server) LogReads() int { return s.Calls("chat.bsky.convo.getLog") }

// member is the conversation id if did is in it; nil otherwise. The
// caller holds the mutex.
func (s *Server) member(id, did string) *convo {
	for _, c := range s.convos {
		if c.id == id && slices.Contains(c.members[:], did) {
			return c
		}
	}
	return nil
}

// Messages are every chat message's text, oldest first in each
// conversation.
func (s *Server) Messages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, c := range s.convos {
		for _, m := range c.messages {
			out = append(out, m.text)
		}
	}
	return out
}
