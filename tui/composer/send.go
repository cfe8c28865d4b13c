package composer

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
)

// QueuedMsg carries what went into the outbox, and the people of the
// team whose own reply there was queued just before (to be told).
type QueuedMsg struct {
	Items []store.Item
	Also  []string
}

// SendFailedMsg carries why nothing was queued; the draft stays.
type SendFailedMsg struct{ Err error }

// preparedMsg carries a reply made ready (or refused) for the text body.
type preparedMsg struct {
	body string
	plan outbox.Plan
	err  error
}

// send hands what was written to outbox.Prepare, which holds every rule
// of a reply (a command: it reads the thread and the shop's recent
// replies); afterPrepare shows a refusal or the warnings, or queues.
func (m Model) send() (Model, tea.Cmd) {
	if m.sending {
		return m, nil
	}
	m.sending = true
	st, c := m.common.Store, m.common
	r := outbox.Reply{
		ConversationID: m.target.Post.ConversationID,
		Body:           m.ta.Value(),
		DM:             m.dm,
		AlsoPublic:     m.alsoPublic,
		Split:          m.split,
	}
	settings := outbox.Settings{
		Account:     c.Account,
		UndoWindow:  c.UndoWindow,
		HourlyLimit: c.HourlyLimit,
		Snippets:    c.Snippets,
		Force:       m.forced,
		By:          c.Me,
		Replying:    m.replying,
	}
	now := c.Now()
	return m, func() tea.Msg {
		plan, err := outbox.Prepare(st, r, settings, now)
		return preparedMsg{body: r.Body, plan: plan, err: err}
	}
}

// afterPrepare shows why X would refuse, or the warnings once, or
// queues. An answer for a text since changed is dropped.
func (m Model) afterPrepare(msg preparedMsg) (Model, tea.Cmd) {
	m.sending = false
	var refusal *outbox.Refusal
	switch {
	case msg.body != m.ta.Value():
		return m, nil
	case errors.As(msg.err, &refusal):
		m.err, m.forced = m.refusalText(refusal), refusal.Fix == outbox.FixForce
		return m, nil
	case msg.err != nil:
		m.err = msg.err.Error()
		return m, nil
	case len(msg.plan.Warnings) > 0 && !m.overridden:
		m.warnings, m.overridden = msg.plan.Warnings, true
		return m, nil
	}
	m.sending = true
	return m, queue(m.common.Store, msg.plan)
}

// refusalText words a refusal with the composer's key for its fix.
func (m Model) refusalText(r *outbox.Refusal) string {
	k := m.common.Keys
	switch r.Fix {
	case outbox.FixDM:
		return r.Reason + " (" + k.Binding(keys.ComposeDM).Help().Key + ": DM)"
	case outbox.FixSplit:
		return r.Reason + " (" + k.Binding(keys.SplitThread).Help().Key + ": thread)"
	case outbox.FixPublic:
		return r.Reason + " (" + k.Binding(keys.ComposeDM).Help().Key + ": public)"
	case outbox.FixForce:
		return r.Reason + " (" + k.Binding(keys.Send).Help().Key + " again sends it anyway)"
	}
	return r.Reason
}

func queue(st *store.Store, plan outbox.Plan) tea.Cmd {
	return func() tea.Msg {
		queued, err := st.Enqueue(plan.Items...)
		if err != nil {
			return SendFailedMsg{Err: err}
		}
		return QueuedMsg{Items: queued, Also: plan.Also}
	}
}
