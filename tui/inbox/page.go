package inbox

import (
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
)

// direction says which window a load fetches.
type direction int

const (
	top       direction = iota // the newest rows
	bottom                     // the oldest rows
	below                      // the rows older than the key (scrolling down)
	from                       // the window starting at the key's place (a reload)
	above                      // one row more above the current window
	pageAbove                  // a whole window above the current one
)

// request is what a load needs: all values, never the model itself.
type request struct {
	view    store.View
	dir     direction
	key     store.InboxKey
	height  int
	current []store.Row // the window now, for loads that keep part of it
	cursor  int
	keep    uint64 // the conversation to keep the cursor on, if shown
	seq     int    // the model's request number: older answers are dropped
}

// pageMsg is a loaded window: up to height+1 rows, newest first, the
// extra one telling that more follow.
type pageMsg struct {
	view store.View
	rows []store.Row
	// replace is false for scrolls, which leave the window alone when
	// nothing lies that way.
	replace bool
	atTop   bool
	cursor  int
	keep    uint64
	seq     int
	err     error
}

// load runs a request against the store.
func load(st *store.Store, r request) tea.Cmd {
	return func() tea.Msg {
		msg := pageMsg{view: r.view, cursor: r.cursor, keep: r.keep, seq: r.seq}
		msg.rows, msg.atTop, msg.replace, msg.err = fetch(st, r)
		return msg
	}
}

func fetch(st *store.Store, r request) (rows []store.Row, atTop, replace bool, err error) {
	h := r.height
	switch r.dir {
	case top:
		rows, err = st.Inbox(r.view, store.InboxKey{}, h+1)
		return rows, true, true, err
	case bottom:
		if rows, err = st.InboxOldest(r.view, h); err != nil || len(rows) == 0 {
			return rows, true, true, err
		}
		atTop, err = isFirst(st, r.view, rows[0].Key)
		return rows, atTop, true, err
	case below:
		rows, err = st.Inbox(r.view, r.key, h+1)
		return rows, false, false, err
	case from:
		prev, err := st.InboxBefore(r.view, r.key, 1)
		if err != nil || len(prev) == 0 {
			return fetch(st, request{view: r.view, dir: top, height: h})
		}
		if rows, err = st.Inbox(r.view, prev[0].Key, h+1); err != nil || len(rows) >= h {
			return rows, false, true, err
		}
		return fillFromAbove(st, r.view, rows, h)
	case above:
		prev, err := st.InboxBefore(r.view, r.key, 2)
		if err != nil || len(prev) == 0 {
			return nil, true, false, err
		}
		return append([]store.Row{prev[len(prev)-1]}, r.current...), len(prev) < 2, true, nil
	case pageAbove:
		prev, err := st.InboxBefore(r.view, r.key, h)
		if err != nil || len(prev) < h {
			return fetch(st, request{view: r.view, dir: top, height: h})
		}
		atTop, err = isFirst(st, r.view, prev[0].Key)
		return append(prev, r.current...), atTop, true, err
	}
	return nil, false, false, nil
}

// fillFromAbove tops a window that ends before the window does (it grew,
// or rows left the view) up with the rows above it, so that no row
// hides above a window with room for it.
func fillFromAbove(st *store.Store, v store.View, rows []store.Row, h int) ([]store.Row, bool, bool, error) {
	if len(rows) == 0 {
		return fetch(st, request{view: v, dir: top, height: h})
	}
	prev, err := st.InboxBefore(v, rows[0].Key, h-len(rows))
	if err != nil || len(prev) == 0 {
		return rows, len(prev) == 0, true, err
	}
	atTop, err := isFirst(st, v, prev[0].Key)
	return append(prev, rows...), atTop, true, err
}

// isFirst reports whether no conversation is newer than key.
func isFirst(st *store.Store, v store.View, key store.InboxKey) (bool, error) {
	prev, err := st.InboxBefore(v, key, 1)
	return len(prev) == 0, err
}

// apply puts a loaded window in place (a failed load never comes here).
func (m Model) apply(msg pageMsg) Model {
	if msg.view != m.scope() || msg.seq != m.seq {
		return m // for a view no longer shown, or a request since replaced
	}
	if len(msg.rows) == 0 && !msg.replace {
		m.more = m.more && !msg.atTop
		m.atTop = m.atTop || msg.atTop
		return m
	}
	m.more = len(msg.rows) > m.height
	m.rows = msg.rows[:min(len(msg.rows), m.height)]
	m.atTop = msg.atTop
	m.cursor = min(max(msg.cursor, 0), max(len(m.rows)-1, 0))
	for i, r := range m.rows {
		if msg.keep != 0 && r.Conversation.ID == msg.keep {
			m.cursor = i
		}
	}
	return m
}
