package tui

import tea "charm.land/bubbletea/v2"

// followCursor shows the conversation under the list's cursor in the
// thread beside it when the person moved the cursor to another (a key
// in the list, or moving on from one dealt with), as mutt's pager
// follows its index; shown for a while, it is read (see dwell). A row that left the list as
// its reply went out does not change what is being read.
func (m *Model) followCursor() tea.Cmd {
	id, at := m.underCursor()
	if id == 0 {
		return nil // a page is on its way: follow when it comes
	}
	moved := id != m.cursorWas && m.followArmed
	m.cursorWas = id
	if moved {
		m.followArmed = false
	}
	_, right := m.split()
	s := m.screen
	if !moved || id == 0 || s.right != sideThread || s.composing || right == 0 || id == m.thread.ConversationID() {
		return nil
	}
	m.composeAfter = composeOnLoad{}
	return tea.Batch(m.thread.Open(id, at), m.dwell(id))
}

// underCursor is the conversation under the cursor of the list shown
// on the left, and for a search result the post found (0 for a row).
func (m Model) underCursor() (conv, post uint64) {
	if m.screen.searching { // the results preview too, at the post found
		hit, _ := m.search.Selected()
		return hit.Post.ConversationID, hit.Post.ID
	}
	row, _ := m.inbox.Selected()
	return row.Conversation.ID, 0
}
