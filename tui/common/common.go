// Package common holds what every pane of the TUI shares: the size, the
// styles, the keys, the store and the client, and the messages panes send.
package common

import (
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
	"github.com/harkhq/hark/twitter"
)

// Common is passed to every pane.
type Common struct {
	Width, Height int
	Styles        *styles.Styles
	Keys          *keys.KeyMap
	Store         *store.Store
	// Client reaches X; nil when offline.
	Client  *twitter.Client
	Account model.User
	// Now tells the time, for relative ages; tests fix it.
	Now func() time.Time
}

// ErrorMsg reports a failure to show in the status bar.
type ErrorMsg struct{ Err error }

// OpenConversationMsg asks the root to open a conversation.
type OpenConversationMsg struct{ ConversationID uint64 }

// ReplyMsg asks the root to open the composer for a reply to a post.
type ReplyMsg struct{ To model.Post }

// ConversationReadMsg tells that a conversation was marked read.
type ConversationReadMsg struct{ ConversationID uint64 }
