package searchview

import (
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/cursor"
	"github.com/harkhq/hark/tui/keys"
)

// Bindings lists the search's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the search, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the search's keys: while the query is edited only enter
// is one, every other is typing but esc, which is the root's and leaves
// the search at once (tui's leaveSearch). Over the results, esc is the
// root's back, which closes the search.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Open, Do: Model.keep, When: Model.Editing, Hint: true},
		{Action: keys.Up, Do: Model.up, When: Model.browsing},
		{Action: keys.Down, Do: Model.down, When: Model.browsing},
		{Action: keys.Top, Do: Model.top, When: Model.browsing},
		{Action: keys.Open, Do: Model.open, When: Model.hasHits, Hint: true},
		{Action: keys.Mark, Do: Model.toggleMark, When: Model.hasHits, Hint: true},
	}
}

func (m Model) browsing() bool { return !m.editing }
func (m Model) hasHits() bool  { return !m.editing && m.cursor < len(m.hits) }

// keep ends the editing and keeps the results, to move through.
func (m Model) keep() (Model, tea.Cmd) {
	m.editing = false
	m.input.Blur()
	q := m.input.Value()
	run := m.run()
	return m, tea.Batch(run, func() tea.Msg { return KeptMsg{Query: q} })
}

func (m Model) up() (Model, tea.Cmd) {
	m.cursor = cursor.Up(m.cursor)
	m.scroll()
	return m, nil
}

// down moves to the next result, fetching more at the end.
func (m Model) down() (Model, tea.Cmd) {
	switch {
	case m.cursor+1 < len(m.hits):
		m.cursor++
	case m.more && len(m.hits) > 0:
		more := m.fetch(m.hits[len(m.hits)-1].Post.ID, true)
		return m, more
	}
	m.scroll()
	return m, nil
}

func (m Model) top() (Model, tea.Cmd) {
	m.cursor = 0
	m.scroll()
	return m, nil
}

// open asks the root to open the result's thread at the match.
func (m Model) open() (Model, tea.Cmd) {
	hit := m.hits[m.cursor].Post
	open := common.OpenConversationMsg{
		ConversationID: hit.ConversationID,
		PostID:         hit.ID,
	}
	return m, func() tea.Msg { return open }
}

// toggleMark marks or unmarks the result's conversation and moves on to
// the next conversation's result.
func (m Model) toggleMark() (Model, tea.Cmd) {
	conv := m.hits[m.cursor].Post.ConversationID
	m.marked = common.Toggle(m.marked, conv)
	m.MoveOn(conv)
	return m, nil
}
