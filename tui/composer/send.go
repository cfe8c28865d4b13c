package composer

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/twitter/text"
)

// QueuedMsg carries what went into the outbox.
type QueuedMsg struct{ Items []store.Item }

// SendFailedMsg carries why nothing was queued; the draft stays.
type SendFailedMsg struct{ Err error }

// checkedMsg carries the gentle checks' warnings for items ready to queue.
type checkedMsg struct {
	items    []store.Item
	warnings []string
}

// send refuses what X would refuse, then checks a public reply (a
// command: it reads the shop's recent replies) before queueing.
func (m Model) send() (Model, tea.Cmd) {
	if m.sending {
		return m, nil
	}
	body := strings.TrimSpace(m.ta.Value())
	now := m.common.Now()
	if body == "" {
		m.err = "nothing to send yet"
		return m, nil
	}
	draft := outbox.Draft{
		Body:   body,
		To:     m.target.Author.ID,
		Public: !m.dm,
	}
	if m.dm {
		items := []store.Item{outbox.DirectMessage(m.target.Post.ConversationID, m.target.Author.ID, body, now, m.common.UndoWindow)}
		if m.alsoPublic {
			items = append(items, outbox.Replies(m.target.Post, []string{m.dmNotice()}, now, m.common.UndoWindow)...)
		}
		return m.checkThenQueue(draft, items, now)
	}
	if reason := m.refusal(body); reason != "" {
		m.err = reason
		return m, nil
	}
	parts := []string{body}
	if m.count.WeightedLength > 280 {
		parts = outbox.Split(body)
	}
	return m.checkThenQueue(draft, outbox.Replies(m.target.Post, parts, now, m.common.UndoWindow), now)
}

// checkThenQueue runs the gentle checks, unless their warnings were
// shown and the owner sends anyway, then queues.
func (m Model) checkThenQueue(d outbox.Draft, items []store.Item, now time.Time) (Model, tea.Cmd) {
	m.sending = true
	if m.overridden {
		return m, queue(m.common.Store, items)
	}
	return m, check(m.common.Store, d, items, now, m.common.HourlyLimit)
}

// refusal says why X would refuse the reply, or "".
func (m Model) refusal(body string) string {
	k := m.common.Keys
	switch r := m.count; {
	case !m.eligible:
		return "X would refuse: no mention of you (" + k.Binding(keys.ComposeDM).Help().Key + ": DM)"
	case r.WeightedLength > 280 && !m.split:
		return fmt.Sprintf("too long: %d/280 (%s: thread)", r.WeightedLength, k.Binding(keys.SplitThread).Help().Key)
	case !r.Valid && r.WeightedLength <= 280:
		return "X would refuse this text (it holds a character X does not accept)"
	case text.Parse(body).WeightedLength == 0:
		return "nothing to send yet"
	}
	return ""
}

// afterChecks queues, or shows the warnings once.
func (m Model) afterChecks(msg checkedMsg) (Model, tea.Cmd) {
	if len(msg.warnings) > 0 {
		m.sending, m.warnings, m.overridden = false, msg.warnings, true
		return m, nil
	}
	return m, queue(m.common.Store, msg.items)
}

// dmNotice is the public reply that tells the customer to look at their
// DMs: the "dm-notice" snippet if there is one.
func (m Model) dmNotice() string {
	vars := snippets.NewVars(m.target.Author.Name, m.target.Author.Username, m.common.Account.Name)
	for _, s := range m.common.Snippets {
		if s.Name == "dm-notice" {
			if out, err := snippets.Render(s, vars, nil); err == nil {
				return out
			}
		}
	}
	return "@" + m.target.Author.Username + " Sent you a DM 📩"
}

func check(st *store.Store, d outbox.Draft, items []store.Item, now time.Time, limit int) tea.Cmd {
	return func() tea.Msg {
		warnings, err := outbox.Warnings(st, d, now, limit)
		if err != nil {
			return SendFailedMsg{Err: err}
		}
		return checkedMsg{items: items, warnings: warnings}
	}
}

func queue(st *store.Store, items []store.Item) tea.Cmd {
	return func() tea.Msg {
		queued, err := st.Enqueue(items...)
		if err != nil {
			return SendFailedMsg{Err: err}
		}
		return QueuedMsg{Items: queued}
	}
}
