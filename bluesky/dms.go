package bluesky

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/bluesky/text"
	"github.com/harkhq/hark/clean"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// chatProxy is the atproto-proxy header that sends a chat call through
// the account's PDS to Bluesky's chat service.
const chatProxy = "did:web:api.bsky.chat#bsky_chat"

// Bounds of a DM read: conversations a page, and pages of one
// conversation's messages read down to what hark has.
const (
	convoPage        = 20
	maxMessagePages  = 5
	messagePageLimit = 100
)

// Bluesky's chat shapes (chat.bsky.convo.defs).
type (
	messageView struct {
		Type   string `json:"$type"`
		ID     string `json:"id"`
		Text   string `json:"text"`
		Sender struct {
			DID string `json:"did"`
		} `json:"sender"`
		SentAt string `json:"sentAt"`
	}
	convoView struct {
		ID          string       `json:"id"`
		Members     []profile    `json:"members"`
		LastMessage *messageView `json:"lastMessage"`
	}
)

// DMEvents is a page of DMs, newest first: of the conversation with
// q.With; or of every conversation, read from the chat log after
// q.Cursor (where the last stored read ended); or, with no cursor yet
// (or one Bluesky refuses), by scanning the conversations that have news
// since q.SinceID, the log's position taken first, so that what comes
// during the scan is in the next read.
func (c *Client) DMEvents(ctx context.Context, q network.DMQuery) (network.Page, error) {
	sess, err := c.session(ctx, "")
	if err != nil {
		return network.Page{}, err
	}
	if q.With != 0 {
		convo, err := c.convoWith(ctx, q.With)
		if err != nil {
			return network.Page{}, err
		}
		return c.messages(ctx, sess.DID, convo, q.SinceID, q.Token, 1)
	}
	if q.Cursor != "" && q.Token == "" {
		page, err := c.fromLog(ctx, sess.DID, q.Cursor)
		if !refusedCursor(err) {
			return page, err
		}
	}
	at := ""
	if q.Token == "" {
		if at, err = c.logEnd(ctx); err != nil {
			return network.Page{}, err
		}
	}
	page, err := c.scan(ctx, sess.DID, q)
	if page.NextToken == "" {
		page.Cursor = at // the scan's last page: the log goes on from where it stood before it
	}
	return page, err
}

// scan reads a page of the conversations, the most recently active
// first, each down to what hark has; the first with no news ends it.
func (c *Client) scan(ctx context.Context, me string, q network.DMQuery) (network.Page, error) {
	var out struct {
		Convos []convoView
		Cursor string
	}
	params := url.Values{"limit": {strconv.Itoa(convoPage)}}
	if q.Token != "" {
		params.Set("cursor", q.Token)
	}
	if err := c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "chat.bsky.convo.listConvos", token, params, nil, &out)
	}); err != nil {
		return network.Page{}, err
	}
	page := network.Page{NextToken: out.Cursor}
	for _, convo := range out.Convos {
		if convo.LastMessage == nil || !c.newer(convo.ID, *convo.LastMessage, q.SinceID) {
			page.NextToken = "" // this one and those after have nothing new
			break
		}
		got, err := c.messages(ctx, me, convo, q.SinceID, "", maxMessagePages)
		if err != nil {
			return network.Page{}, err
		}
		page.Posts, page.Users = append(page.Posts, got.Posts...), append(page.Users, got.Users...)
		page.Skipped = append(page.Skipped, got.Skipped...)
	}
	slices.SortFunc(page.Posts, func(a, b model.Post) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return page, nil
}

// messages reads a conversation's messages newest first from cursor,
// down to since, at most pages pages; the page's NextToken is where to
// go on.
func (c *Client) messages(ctx context.Context, me string, convo convoView, since uint64, cursor string, pages int) (network.Page, error) {
	var page network.Page
	for _, m := range convo.Members {
		u, err := c.user(m)
		if err != nil {
			return network.Page{}, err
		}
		page.Users = append(page.Users, u)
	}
	other := otherMember(convo, me)
	for range pages {
		var out struct {
			Messages []messageView
			Cursor   string
		}
		params := url.Values{"convoId": {convo.ID}, "limit": {strconv.Itoa(messagePageLimit)}}
		if cursor != "" {
			params.Set("cursor", cursor)
		}
		if err := c.authed(ctx, func(token string) error {
			return c.call(ctx, http.MethodGet, "chat.bsky.convo.getMessages", token, params, nil, &out)
		}); err != nil {
			return network.Page{}, err
		}
		page.NextToken = out.Cursor
		for _, m := range out.Messages {
			if m.Type != "" && m.Type != "chat.bsky.convo.defs#messageView" {
				continue // a deleted message's view
			}
			p, err := c.dm(convo.ID, m, me, other)
			if err != nil {
				page.Skipped = append(page.Skipped, skipped(m.ID, err))
				continue
			}
			if since != 0 && p.ID <= since {
				page.NextToken = ""
				return page, nil
			}
			page.Posts = append(page.Posts, p)
		}
		if out.Cursor == "" || out.Cursor == cursor {
			page.NextToken = ""
			break
		}
		cursor = out.Cursor
	}
	return page, nil
}

// newer reports whether a conversation's last message is newer than
// since.
func (c *Client) newer(convoID string, last messageView, since uint64) bool {
	if since == 0 {
		return true
	}
	id, err := c.opts.IDs.Post(dmRef(convoID, last.ID), parseTime(last.SentAt, time.Now()))
	return err != nil || id > since
}

// dm is a message as hark keeps a DM: from its sender, to the other
// member; its hark id placed by when it was sent.
func (c *Client) dm(convoID string, m messageView, me, other string) (model.Post, error) {
	if m.ID == "" || m.Sender.DID == "" {
		return model.Post{}, errors.New("a message without its id or sender")
	}
	sent := parseTime(m.SentAt, time.Now().UTC())
	id, err := c.opts.IDs.Post(dmRef(convoID, m.ID), sent)
	if err != nil {
		return model.Post{}, err
	}
	author, err := c.opts.IDs.User(m.Sender.DID)
	if err != nil {
		return model.Post{}, err
	}
	to := other
	if m.Sender.DID == other {
		to = me
	}
	toID, err := c.opts.IDs.User(to)
	if err != nil {
		return model.Post{}, err
	}
	return model.Post{ID: id, ConversationID: id, AuthorID: author, InReplyToUser: toID, CreatedAt: sent, Text: clean.Text(m.Text),
		On: &model.Elsewhere{Network: text.Name, Ref: dmRef(convoID, m.ID)}}, nil
}

// dmRef is a message's own id for hark: its conversation's and its own.
func dmRef(convoID, messageID string) string { return "chat:" + convoID + "/" + messageID }

// otherMember is the conversation's member who is not me.
func otherMember(convo convoView, me string) string {
	for _, m := range convo.Members {
		if m.DID != me {
			return m.DID
		}
	}
	return me
}

// convoWith is the conversation with the person of hark id with.
func (c *Client) convoWith(ctx context.Context, with uint64) (convoView, error) {
	did, ok, err := c.opts.IDs.UserRef(with)
	if err != nil {
		return convoView{}, err
	}
	if !ok {
		return convoView{}, fmt.Errorf("person %d is not on Bluesky", with)
	}
	var out struct{ Convo convoView }
	err = c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "chat.bsky.convo.getConvoForMembers", token, url.Values{"members": {did}}, nil, &out)
	})
	return out.Convo, err
}

// SendDM sends text to the person of hark id to, in their conversation.
func (c *Client) SendDM(ctx context.Context, to uint64, body string) (model.Post, error) {
	sess, err := c.session(ctx, "")
	if err != nil {
		return model.Post{}, err
	}
	convo, err := c.convoWith(ctx, to)
	if err != nil {
		return model.Post{}, err
	}
	var out messageView
	in := map[string]any{"convoId": convo.ID, "message": map[string]string{"text": body}}
	if err := c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodPost, "chat.bsky.convo.sendMessage", token, nil, in, &out)
	}); err != nil {
		return model.Post{}, err
	}
	return c.dm(convo.ID, out, sess.DID, otherMember(convo, sess.DID))
}

// isChat reports a chat service method, which goes through the proxy.
func isChat(method string) bool { return strings.HasPrefix(method, "chat.bsky.") }
