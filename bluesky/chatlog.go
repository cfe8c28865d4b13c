package bluesky

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// maxLogPages bounds one read of the chat log: 2,000 changes. A log
// longer than that since the last read is read on at the next.
const maxLogPages = 20

// logEntry is chat.bsky.convo.defs#logCreateMessage (and the other
// changes, which hark passes over).
type logEntry struct {
	Type    string      `json:"$type"`
	Rev     string      `json:"rev"`
	ConvoID string      `json:"convoId"`
	Message messageView `json:"message"`
}

// readLog reads the chat log after cursor, up to maxLogPages, and calls
// each for every change; it returns the cursor where the read ended.
func (c *Client) readLog(ctx context.Context, cursor string, each func(logEntry) error) (string, error) {
	for range maxLogPages {
		var out struct {
			Logs   []logEntry
			Cursor string
		}
		params := url.Values{}
		if cursor != "" {
			params.Set("cursor", cursor)
		}
		if err := c.authed(ctx, func(token string) error {
			return c.call(ctx, http.MethodGet, "chat.bsky.convo.getLog", token, params, nil, &out)
		}); err != nil {
			return cursor, err
		}
		for _, e := range out.Logs {
			if err := each(e); err != nil {
				return cursor, err
			}
		}
		if len(out.Logs) == 0 || out.Cursor == "" || out.Cursor == cursor {
			return cursor, nil
		}
		cursor = out.Cursor
	}
	return cursor, nil
}

// logEnd is where the chat log stands now.
func (c *Client) logEnd(ctx context.Context) (string, error) {
	return c.readLog(ctx, "", func(logEntry) error { return nil })
}

// fromLog is the DMs the chat log made after cursor, newest first, with
// the members of their conversations; the page's Cursor is where the
// read ended.
func (c *Client) fromLog(ctx context.Context, me, cursor string) (network.Page, error) {
	var page network.Page
	convos := map[string]convoView{}
	end, err := c.readLog(ctx, cursor, func(e logEntry) error {
		if e.Type != "chat.bsky.convo.defs#logCreateMessage" || e.Message.ID == "" {
			return nil // a conversation begun, left, or a message deleted: nothing to store
		}
		convo, ok := convos[e.ConvoID]
		if !ok {
			var err error
			if convo, err = c.convo(ctx, e.ConvoID); err != nil {
				return err
			}
			convos[e.ConvoID] = convo
			for _, m := range convo.Members {
				u, err := c.user(m)
				if err != nil {
					return err
				}
				page.Users = append(page.Users, u)
			}
		}
		p, err := c.dm(e.ConvoID, e.Message, me, otherMember(convo, me))
		if err != nil {
			page.Skipped = append(page.Skipped, skipped(e.Message.ID, err))
			return nil
		}
		page.Posts = append(page.Posts, p)
		return nil
	})
	if err != nil {
		return network.Page{}, err
	}
	slices.SortFunc(page.Posts, func(a, b model.Post) int { return b.CreatedAt.Compare(a.CreatedAt) })
	page.Cursor = end
	return page, nil
}

// convo is one of the account's conversations, with its members.
func (c *Client) convo(ctx context.Context, id string) (convoView, error) {
	var out struct{ Convo convoView }
	err := c.authed(ctx, func(token string) error {
		return c.call(ctx, http.MethodGet, "chat.bsky.convo.getConvo", token, url.Values{"convoId": {id}}, nil, &out)
	})
	return out.Convo, err
}

// refusedCursor reports Bluesky refusing a log cursor (too old, or not
// its own): the conversations are scanned instead.
func refusedCursor(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Method == "chat.bsky.convo.getLog" && e.Status == http.StatusBadRequest
}
