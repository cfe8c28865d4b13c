package tui

import (
	tea "charm.land/bubbletea/v2"
)

// click selects what is under the pointer: a row of the list is
// selected and opened; a click on the right half gives it the keys.
func (m Model) click(msg tea.MouseClickMsg) (tea.Model, tea.Cmd) {
	if msg.Button != tea.MouseLeft || m.showHelp || m.prompt.Active() || m.screen.focus == focusComposer {
		return m, nil
	}
	row := msg.Y - 1 // below the tabs
	left, _ := m.split()
	switch {
	case row < 0 || row >= m.bodyHeight():
		return m, nil
	case msg.X >= left:
		if m.screen.open() && m.screen.focus == m.screen.left() {
			m.screen = m.screen.switchPane()
		}
		return m, nil
	case m.screen.searching:
		return m, nil
	}
	if !m.inbox.Select(row) {
		return m, nil
	}
	m.screen = m.screen.list()
	open := m.inbox.OpenSelected()
	return m, open
}

// wheel scrolls what is under the pointer: the list's cursor, or the
// thread.
func (m Model) wheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	down := msg.Button == tea.MouseWheelDown
	if !down && msg.Button != tea.MouseWheelUp || m.showHelp || m.prompt.Active() {
		return m, nil
	}
	left, _ := m.split()
	var cmd tea.Cmd
	switch {
	case msg.X < left && !m.screen.searching:
		m.followArmed = true
		m.inbox, cmd = m.inbox.Scroll(down)
	case msg.X >= left && m.screen.right == sideThread:
		m.thread, cmd = m.thread.Scroll(down)
	}
	return m, cmd
}
