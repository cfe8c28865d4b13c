package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

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
	if sends == nil {
		return nil
	}
	return func() tea.Msg {
		e, ok := <-sends
		if !ok {
			return nil
		}
		return sendMsg{event: e}
	}
}

// handleSend shows what the sender did.
func (m Model) handleSend(e outbox.Event) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{waitSend(m.sends)}
	switch e := e.(type) {
	case outbox.QueueEvent:
		m.status.SetQueue(e.Waiting, e.Reason)
	case outbox.SentEvent:
		what := "reply"
		if e.Item.DM {
			what = "DM"
		}
		m.status.SetNotice(what + " sent")
		cmds = append(cmds, m.refresh(), m.outboxView.Load())
	case outbox.FailedEvent:
		m.status.SetError(fmt.Errorf("not sent: %s (%s: outbox)", e.Item.LastError, m.common.Keys.Binding(keys.Outbox).Help().Key))
		cmds = append(cmds, m.thread.Reload(), m.outboxView.Load())
	}
	return m, tea.Batch(cmds...)
}

// queued closes the composer on what went into the outbox and says how to
// take it back.
func (m Model) queued(msg composer.QueuedMsg) (tea.Model, tea.Cmd) {
	if len(msg.Items) > 0 {
		delete(m.drafts, msg.Items[0].ConversationID)
	}
	m.composing, m.focus, m.lastQueued = false, focusThread, msg.Items
	m.composer, _ = m.composer.Update(msg)
	window := m.common.UndoWindow.Round(time.Second)
	notice := "queued"
	if window > 0 {
		notice = fmt.Sprintf("queued: goes in %s · %s takes it back", window, m.common.Keys.Binding(keys.TakeBack).Help().Key)
	}
	m.status.SetNotice(notice)
	m.layout()
	m.kick()
	return m, tea.Batch(m.thread.Reload(), m.inbox.Reload(), loadCounts(m.common.Store))
}

// handleOutboxKey takes the last send back, or shows the outbox.
func (m Model) handleOutboxKey(a keys.Action) (tea.Model, tea.Cmd) {
	if a == keys.Outbox {
		m.open, m.side, m.focus = true, sideOutbox, focusOutbox
		m.layout()
		return m, m.outboxView.Load()
	}
	if len(m.lastQueued) == 0 {
		return m, notice("nothing to take back")
	}
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
	m.reopen = &it
	if m.open && m.side == sideThread && m.thread.ConversationID() == it.ConversationID {
		return m.reopenComposer(it.ConversationID)
	}
	m.open, m.side, m.focus = true, sideThread, focusThread
	m.layout()
	return m, m.thread.Open(it.ConversationID, 0)
}

// replyAsked starts the reply (or DM) asked for from the inbox, now its
// thread is shown.
func (m Model) replyAsked(r common.OpenConversationMsg) (tea.Model, tea.Cmd) {
	m.replyOnLoad = nil
	to, _, ok := m.thread.ReplyTarget()
	if !ok {
		return m, nil
	}
	return m, func() tea.Msg { return common.ReplyMsg{To: to, DM: r.DM} }
}

// reopenComposer opens the composer on a taken-back item once its thread
// is shown.
func (m Model) reopenComposer(convID uint64) (tea.Model, tea.Cmd) {
	it := m.reopen
	if it == nil || it.ConversationID != convID {
		return m, nil
	}
	m.reopen = nil
	to, user, ok := m.thread.ReplyTarget()
	if !ok {
		return m, nil
	}
	m.composing, m.focus = true, focusComposer
	m.layout()
	return m, tea.Batch(m.composer.Open(composer.Target{Post: to, Author: user, DM: it.DM}, it.Text), m.outboxView.Load())
}

// kick wakes the sender.
func (m Model) kick() {
	if m.common.Kick != nil {
		m.common.Kick()
	}
}
