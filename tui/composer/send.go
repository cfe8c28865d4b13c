package composer

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
)

// SentMsg carries a reply X accepted and the store kept.
type SentMsg struct{ Post model.Post }

// SendFailedMsg carries X's refusal or the failure; the draft stays.
type SendFailedMsg struct{ Err error }

// sendTimeout bounds one send.
const sendTimeout = 30 * time.Second

var errOffline = errors.New("offline: hark has no connection to X, the draft is kept")

// send posts body as a reply to parent, then stores it in the thread.
func send(c *twitter.Client, st *store.Store, account model.User, parent model.Post, body string) tea.Cmd {
	return func() tea.Msg {
		if c == nil {
			return SendFailedMsg{Err: errOffline}
		}
		ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
		defer cancel()
		post, err := c.Reply(ctx, parent.ID, body)
		if err != nil {
			return SendFailedMsg{Err: err}
		}
		post.AuthorID = account.ID
		post.ConversationID = parent.ConversationID
		post.InReplyToUser = parent.AuthorID
		if _, err := st.Put(store.Batch{Posts: []model.Post{post}}); err != nil {
			return SendFailedMsg{Err: err}
		}
		return SentMsg{Post: post}
	}
}
