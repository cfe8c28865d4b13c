package inbox

import (
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/tui/cursor"
)

// down moves the cursor a row down, paging when it leaves the window.
func (m Model) down() (Model, tea.Cmd) {
	if m.filter.text != "" {
		return m.moveFiltered(1)
	}
	if m.cursor+1 < len(m.rows) {
		m.cursor++
		return m, nil
	}
	if !m.more {
		return m, nil
	}
	r := m.request()
	r.dir, r.key = below, m.rows[0].Key
	return m, m.load(r)
}

func (m Model) up() (Model, tea.Cmd) {
	if m.filter.text != "" {
		return m.moveFiltered(-1)
	}
	if m.cursor > 0 || m.atTop || len(m.rows) == 0 {
		m.cursor = cursor.Up(m.cursor)
		return m, nil
	}
	r := m.request()
	r.dir, r.key, r.current = above, m.rows[0].Key, m.rows
	return m, m.load(r)
}

func (m Model) top() (Model, tea.Cmd) {
	if m.filter.text != "" {
		return m.showFiltered(0), nil
	}
	r := m.request()
	r.dir, r.cursor = top, 0
	return m, m.load(r)
}

func (m Model) bottom() (Model, tea.Cmd) {
	if m.filter.text != "" {
		return m.showFiltered(len(m.filter.matches) - 1), nil
	}
	r := m.request()
	r.dir, r.cursor = bottom, m.height-1
	return m, m.load(r)
}

func (m Model) pageDown() (Model, tea.Cmd) {
	if m.filter.text != "" {
		return m.moveFiltered(m.height)
	}
	if !m.more || len(m.rows) == 0 {
		m.cursor = max(0, len(m.rows)-1)
		return m, nil
	}
	r := m.request()
	r.dir, r.key = below, m.rows[len(m.rows)-1].Key
	return m, m.load(r)
}

func (m Model) pageUp() (Model, tea.Cmd) {
	if m.filter.text != "" {
		return m.moveFiltered(-m.height)
	}
	if m.atTop || len(m.rows) == 0 {
		m.cursor = 0
		return m, nil
	}
	r := m.request()
	r.dir, r.key, r.current = pageAbove, m.rows[0].Key, m.rows
	return m, m.load(r)
}
