package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// dwelledMsg says a conversation followed beside the list has been shown
// for mark_read_after.
type dwelledMsg struct{ convID uint64 }

// defaultDwell is mark_read_after when the settings give none.
const defaultDwell = 2 * time.Second

// dwell starts the clock after which a conversation the thread follows
// to is read: passing over it with j, k or a burst of keys reads
// nothing (mark_read "dwell"); with mark_read "open", only opening it
// does.
func (m Model) dwell(convID uint64) tea.Cmd {
	if m.common.MarkRead == "open" {
		return nil
	}
	after := m.common.MarkReadAfter
	if after <= 0 {
		after = defaultDwell
	}
	return tea.Tick(after, func(time.Time) tea.Msg { return dwelledMsg{convID: convID} })
}

// dwelled reads the conversation if it is still the one shown and under
// the cursor.
func (m Model) dwelled(msg dwelledMsg) (Model, tea.Cmd) {
	if id, _ := m.underCursor(); id != msg.convID || m.thread.ConversationID() != msg.convID || m.screen.right != sideThread {
		return m, nil
	}
	return m, markRead(m.common.Store, msg.convID)
}
