package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/handoff"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
)

// emailedMsg says where a conversation handed off to e-mail went.
type emailedMsg struct {
	convID uint64
	where  string
	undo   store.Undo
	err    error
}

// canEmail: a conversation open in the thread, and a way to e-mail it.
func (m Model) canEmail() bool {
	return m.keysFree() && m.common.ToEmail != nil && m.screen.right == sideThread && m.thread.ConversationID() != 0
}

// toEmail hands the conversation shown off to e-mail, in a command.
func (m Model) toEmail() (Model, tea.Cmd) {
	id, send := m.thread.ConversationID(), m.common.ToEmail
	return m, func() tea.Msg {
		where, undo, err := send(context.Background(), id)
		return emailedMsg{convID: id, where: where, undo: undo, err: err}
	}
}

// emailed tells where the transcript went, keeps its note in the undo
// history, and opens a DM to the customer asking for their address (the
// email-ask snippet), to send or leave: the status changes only when
// that DM leaves, and discarding it leaves the conversation as it was.
func (m Model) emailed(msg emailedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status.SetError(msg.err)
		return m, nil
	}
	m.status.SetNotice("handed off to e-mail: " + msg.where + " · " + m.common.Keys.Binding(keys.Undo).Help().Key + " takes the note back")
	m.undo = append(m.undo, undoStep{undo: msg.undo, label: "the hand-off's note (the e-mail itself has gone)"})
	refresh := m.refresh()
	to, customer, ok := m.thread.ReplyTarget()
	if !ok || msg.convID != m.thread.ConversationID() {
		return m, refresh
	}
	if m.drafts[msg.convID] == "" {
		m.drafts[msg.convID] = handoff.AskText(customer, m.common.Account, m.common.Snippets)
	}
	next, open := m.compose(to, true)
	return next, tea.Batch(refresh, open)
}
