package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/prompt"
)

// canFilter: the list is on the left (not the search's results).
func (m Model) canFilter() bool { return m.keysFree() && !m.screen.searching && !m.screen.reporting }

// openFilter opens the filter's prompt: the list narrows as it is typed
// (handles, names, tags, the newest post's words), enter keeps it, esc
// shows the view whole again. Unlike /, it looks only at the view shown.
func (m Model) openFilter() (Model, tea.Cmd) {
	text, _ := m.inbox.Filtering()
	open := m.prompt.Open(prompt.Request{
		Kind:  prompt.Filter,
		Label: "filter",
		Hint:  "narrows the list as you type · enter keeps it · esc clears",
		Live:  true,
	}, nil)
	var clear tea.Cmd
	if text != "" {
		clear = m.inbox.SetFilter("") // typed afresh; its page must land, or the list would wait for it
	}
	return m, tea.Batch(open, clear)
}

// filterChanged narrows the list to what is typed.
func (m Model) filterChanged(value string) (Model, tea.Cmd) {
	m.screen = m.screen.list()
	return m, m.inbox.SetFilter(value)
}

// filterKept says the filter stays, and how to leave it.
func (m Model) filterKept() (Model, tea.Cmd) {
	text, on := m.inbox.Filtering()
	if !on {
		return m, nil
	}
	n, scanned, capped := m.inbox.FilterCount()
	of := fmt.Sprintf("%d", scanned)
	if capped {
		of = fmt.Sprintf("the newest %d", scanned)
	}
	m.status.SetNotice(fmt.Sprintf("filtered by %q: %d of %s · %s shows all", text, n, of, m.common.Keys.Binding(keys.Back).Help().Key))
	return m, nil
}

// clearFilter shows the view whole again.
func (m Model) clearFilter() (Model, tea.Cmd) {
	return m, m.inbox.SetFilter("")
}

// filtered: the list is narrowed, and esc would clear it.
func (m Model) filtered() bool {
	_, on := m.inbox.Filtering()
	return on && m.keysFree() && !m.screen.searching
}
