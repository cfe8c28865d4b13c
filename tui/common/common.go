// Package common holds what every pane of the TUI shares: the size, the
// styles, the keys and the store, the pane contract, and the messages
// panes send.
package common

import (
	"context"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/presence"
	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
)

// Common is passed to every pane.
type Common struct {
	Width, Height int
	Styles        *styles.Styles
	Keys          *keys.KeyMap
	Store         *store.Store
	Account       model.User
	// Now tells the time, for relative ages; tests fix it.
	Now func() time.Time
	// Kick wakes the outbox sender after something was queued; nil offline.
	Kick func()
	// UndoWindow is how long a reply waits in the outbox, to be taken back.
	UndoWindow time.Duration
	// HourlyLimit is the number of public replies an hour past which hark
	// suggests DMs.
	HourlyLimit int
	// Snippets are the canned replies.
	Snippets []snippets.Snippet
	// Notify is how new mentions are told: config's "bell", "osc9" or
	// "off" ("" is off).
	Notify string
	// Copy puts text on the clipboard and says how; nil copies by OSC 52
	// (the runtime sets it inside tmux, which drops an application's).
	Copy func(ctx context.Context, text string) (how string, err error)
	// MarkRead is config's mark_read: "open" reads a conversation only
	// when opened; else ("dwell", "") when shown beside the list for
	// MarkReadAfter (2s when 0).
	MarkRead      string
	MarkReadAfter time.Duration
	// Prices price what X bills, and Budget is the month's (0: none), for
	// the spend the status bar shows.
	Prices spend.Prices
	Budget spend.Budget
	// Service is what the Report view measures against.
	Service report.Settings
	// Accounts are the shop's accounts, Account first; with more than
	// one, rows and the composer say which a conversation belongs to.
	Accounts []model.User
	// ToEmail hands a conversation off to e-mail as config.toml's
	// [handoff] says, and says where it went; nil when hark cannot. It
	// does I/O: the root calls it in a command.
	ToEmail func(ctx context.Context, convID uint64) (string, store.Undo, error)
	// Me is the person of the shop's team at this terminal (hark serve);
	// "" for the owner alone. What they change records it.
	Me string
	// Team is this terminal's place on the team's board (who is replying
	// where); nil alone.
	Team *presence.Session
	// People are the team's people, for assigning; empty alone.
	People []string
	// AllowEditor lets a person of the team open $EDITOR, which runs on
	// the server ([team] allow_editor).
	AllowEditor bool
}

// OnTeam reports whether this inbox is one person's of a team.
func (c *Common) OnTeam() bool { return c.Team != nil }

// Remote reports whether the person is at a terminal over SSH (every
// person of a team is: hark serve serves them): nothing is run on the
// server's desktop for them (a browser, its clipboard), and $EDITOR only
// when AllowEditor.
func (c *Common) Remote() bool { return c.OnTeam() }

// EditorAllowed reports whether the composer may open $EDITOR here.
func (c *Common) EditorAllowed() bool { return !c.Remote() || c.AllowEditor }

// AccountLabel names one of the shop's accounts shortly on a row
// (model.Accounts.Label).
func (c *Common) AccountLabel(id uint64) string { return model.Accounts(c.Accounts).Label(id) }

// AccountIndex is the place of one of the shop's accounts in config's
// order, for its colour: 0 for the first account, for id 0 (the
// conversations that name none are the first's) and for an unknown id.
func (c *Common) AccountIndex(id uint64) int {
	for i, u := range c.Accounts {
		if u.ID == id {
			return i
		}
	}
	return 0
}

// MultiNetwork reports whether the shop's accounts are on more than one
// network: then rows and posts carry their network's mark.
func (c *Common) MultiNetwork() bool {
	for _, u := range c.Accounts {
		if u.Network() != c.Accounts[0].Network() {
			return true
		}
	}
	return false
}

// AloneOnItsNetwork reports whether the account of id is the shop's
// only one on its network: its network's mark names it already.
func (c *Common) AloneOnItsNetwork(id uint64) bool {
	u, ok := c.AccountByID(id)
	if !ok {
		return false
	}
	for _, o := range c.Accounts {
		if o.ID != u.ID && o.Network() == u.Network() {
			return false
		}
	}
	return true
}

// NetworkMark is the mark of a record's network ("" is X's).
func NetworkMark(net string) string {
	if r := network.RulesOf(net); r != nil {
		return r.Mark()
	}
	return "?"
}

// AccountByID finds one of the shop's accounts by its id.
func (c *Common) AccountByID(id uint64) (model.User, bool) {
	for _, u := range c.Accounts {
		if u.ID == id {
			return u, true
		}
	}
	return model.User{}, false
}

// AccountNamed finds one of the shop's accounts by its handle or its
// short label (model.Accounts.Named).
func (c *Common) AccountNamed(name string) (model.User, bool) {
	return model.Accounts(c.Accounts).Named(name)
}

// Pane is what the root asks of every pane, as soft-serve's Component:
// its size, its drawing, whether it has the keys, and its keys.
type Pane interface {
	// SetSize gives the pane its size in cells.
	SetSize(w, h int)
	// SetFocus tells the pane whether it has the keys, to show it.
	SetFocus(focused bool)
	View() string
	// Handle takes a message: a key when the pane has the keys, any
	// other message always (each pane ignores what is not its own).
	Handle(msg tea.Msg) tea.Cmd
	// Bindings lists the pane's keys with whether each is enabled now.
	Bindings() []bind.Shown
}

// Toggle returns marks with id marked or unmarked in turn. It copies,
// so that a model value kept elsewhere keeps its own marks.
func Toggle(marks map[uint64]bool, id uint64) map[uint64]bool {
	out := make(map[uint64]bool, len(marks)+1)
	for k := range marks {
		out[k] = true
	}
	if marks[id] {
		delete(out, id)
	} else {
		out[id] = true
	}
	return out
}

// Marked lists the marked ids in order.
func Marked(marks map[uint64]bool) []uint64 {
	ids := make([]uint64, 0, len(marks))
	for id := range marks {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Online reports whether a sender runs, so that what is queued goes out
// (offline, it waits for the next time hark runs online).
func (c *Common) Online() bool { return c.Kick != nil }

// ErrorMsg reports a failure to show in the status bar.
type ErrorMsg struct{ Err error }

// NoticeMsg tells the owner what was just done, in the status bar.
type NoticeMsg struct{ Text string }

// OpenConversationMsg asks the root to open a conversation, at PostID
// when set (a search result), else at its newest post. With Reply the
// composer opens on it once it is shown, for a DM with DM.
type OpenConversationMsg struct {
	ConversationID uint64
	PostID         uint64
	Reply, DM      bool
}

// ReplyMsg asks the root to open the composer for a reply to a post, or
// for a DM to its author.
type ReplyMsg struct {
	To model.Post
	DM bool
}

// ConversationReadMsg tells that a conversation was marked read.
type ConversationReadMsg struct{ ConversationID uint64 }

// ThreadLoadedMsg tells that a conversation's thread was read and shown.
type ThreadLoadedMsg struct{ ConversationID uint64 }

// TakenBackMsg carries an item taken back from the outbox, for its text to
// go back into the composer.
type TakenBackMsg struct{ Item store.Item }

// ItemsChangedMsg tells that the outbox changed by hand (retry, cancel).
type ItemsChangedMsg struct{}
