package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/composer"
	"github.com/harkhq/hark/tui/keys"
)

// sendMsg carries one outbox sender event.
type sendMsg struct{ event outbox.Event }

// waitSend waits for the sender's next event (never, offline).
func waitSend(sends <-chan outbox.Event) tea.Cmd {
	return waitOn(sends, func(e outbox.Event) tea.Msg { return sendMsg{event: e} })
}

// handleSend shows what the sender did.
func (m Model) handleSend(e outbox.Event) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{waitSend(m.sends)}
	switch e := e.(type) {
	case outbox.QueueEvent:
		m.status.SetQueue(e.Waiting, e.Reason)
	case outbox.SentEvent:
		m.status.SetNotice(e.Item.What() + " sent")
		cmds = append(cmds, m.refresh())
	case outbox.FailedEvent:
		m.status.SetError(fmt.Errorf("not sent: %s (%s: outbox)", e.Item.LastError, m.common.Keys.Binding(keys.Outbox).Help().Key))
		cmds = append(cmds, m.refresh(scopeThread, scopeOutbox), loadFailed(m.common.Store))
	}
	return m, tea.Batch(cmds...)
}

// failedMsg names the conversations with a reply or DM that failed.
type failedMsg struct{ ids map[uint64]bool }

// loadFailed reads which conversations have a failed item, for the
// list's ✗.
func loadFailed(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		items, err := st.Outbox(store.Failed)
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		ids := map[uint64]bool{}
		for _, it := range items {
			ids[it.ConversationID] = true
		}
		return failedMsg{ids: ids}
	}
}

// queued closes the composer on what went into the outbox and says how to
// take it back.
func (m Model) queued(msg composer.QueuedMsg) (tea.Model, tea.Cmd) {
	var forget tea.Cmd
	if len(msg.Items) > 0 {
		forget = m.keepDraft(msg.Items[0].ConversationID, "")
	}
	m.screen, m.lastQueued = m.screen.composed(), msg.Items
	if len(msg.Items) > 0 {
		m.moveOn([]uint64{msg.Items[0].ConversationID})
	}
	if len(msg.Items) > 0 {
		m.tellAlso(msg.Also, m.composer.Addressee())
	}
	m.composer.Handle(msg)
	window := m.common.UndoWindow.Round(time.Second)
	takeBack := m.common.Keys.Binding(keys.TakeBack).Help().Key + " takes it back"
	notice := "queued"
	switch {
	case !m.common.Online():
		notice = "queued: waits for X (offline) · " + takeBack
	case window > 0:
		notice = fmt.Sprintf("queued: goes in %s · %s", window, takeBack)
	}
	m.status.SetNotice(notice)
	m.kick()
	refresh := m.refresh(scopeList, scopeCounts, scopeThread)
	return m, tea.Batch(forget, refresh)
}

// takeBack takes the last send back from the outbox.
func (m Model) takeBack() (Model, tea.Cmd) {
	st, items := m.common.Store, m.lastQueued
	m.lastQueued = nil
	return m, func() tea.Msg {
		var first store.Item
		for i := len(items) - 1; i >= 0; i-- {
			taken, err := st.TakeBack(items[i].ID)
			if err != nil {
				return common.ErrorMsg{Err: err}
			}
			first = taken
		}
		return common.TakenBackMsg{Item: first}
	}
}

// takenBack puts an item's text back into the composer, opening its
// conversation first if needed.
func (m Model) takenBack(it store.Item) (tea.Model, tea.Cmd) {
	m.status.SetNotice("taken back: nothing was sent")
	m.kick()
	keep := m.keepDraft(it.ConversationID, it.Text)
	m.composeAfter = composeOnLoad{convID: it.ConversationID, dm: it.DM}
	if m.screen.right == sideThread && m.thread.ConversationID() == it.ConversationID {
		next, cmd := m.composeLoaded(it.ConversationID)
		refresh := m.refresh(scopeOutbox, scopeThread) // it no longer says it goes
		return next, tea.Batch(keep, cmd, refresh)
	}
	m.screen = m.screen.show(sideThread)
	open := m.thread.Open(it.ConversationID, 0)
	return m, tea.Batch(keep, open)
}

// composeOnLoad is a composer to open once its conversation's thread is
// shown: a reply asked for from the inbox, or an item taken back (its
// text put in the drafts). The zero value waits for nothing.
type composeOnLoad struct {
	convID uint64
	dm     bool
}

// composeLoaded opens the composer that waited for convID's thread.
func (m Model) composeLoaded(convID uint64) (tea.Model, tea.Cmd) {
	w := m.composeAfter
	if w.convID == 0 || w.convID != convID {
		return m, nil
	}
	m.composeAfter = composeOnLoad{}
	to, _, ok := m.thread.ReplyTarget()
	if !ok {
		return m, nil
	}
	return m.compose(to, w.dm)
}

// compose opens the composer on a reply (or DM) to a post of the thread
// shown, with the conversation's draft.
func (m Model) compose(to model.Post, dm bool) (tea.Model, tea.Cmd) {
	m.screen = m.screen.compose()
	_, user, _ := m.thread.ReplyTarget()
	from := outbox.Speaker(m.thread.Account(), m.common.Account, m.common.AccountByID)
	return m, m.composer.Open(composer.Target{Post: to, Author: user, From: from, DM: dm}, m.drafts[to.ConversationID])
}

// kick wakes the sender.
func (m Model) kick() {
	if m.common.Kick != nil {
		m.common.Kick()
	}
}
