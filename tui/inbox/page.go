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
	order   store.Order // filled in by load from orders
	orders  map[store.View]store.Order
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
	// orders are the owner's orders, read for a model that had none.
	orders map[store.View]store.Order
	rows   []store.Row
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
		if msg.orders, msg.err = readOrders(st, &r); msg.err != nil {
			return msg
		}
		msg.rows, msg.atTop, msg.replace, msg.err = fetch(st, r)
		if msg.err == nil {
			msg.err = st.CountOpen(msg.rows[:min(len(msg.rows), r.height)]) // the rows shown: "+2"
		}
		return msg
	}
}

func fetch(st *store.Store, r request) (rows []store.Row, atTop, replace bool, err error) {
	h, o := r.height, r.order
	switch r.dir {
	case top:
		rows, err = st.Page(r.view, o, store.InboxKey{}, h+1)
		return rows, true, true, err
	case bottom:
		if rows, err = st.PageLast(r.view, o, h); err != nil || len(rows) == 0 {
			return rows, true, true, err
		}
		atTop, err = isFirst(st, r, rows[0].Key)
		return rows, atTop, true, err
	case below:
		rows, err = st.Page(r.view, o, r.key, h+1)
		return rows, false, false, err
	case from:
		prev, err := st.PageBefore(r.view, o, r.key, 1)
		if err != nil || len(prev) == 0 {
			return fetch(st, request{view: r.view, order: o, dir: top, height: h})
		}
		if rows, err = st.Page(r.view, o, prev[0].Key, h+1); err != nil || len(rows) >= h {
			return rows, false, true, err
		}
		return fillFromAbove(st, r, rows)
	case above:
		prev, err := st.PageBefore(r.view, o, r.key, 2)
		if err != nil || len(prev) == 0 {
			return nil, true, false, err
		}
		return append([]store.Row{prev[len(prev)-1]}, r.current...), len(prev) < 2, true, nil
	case pageAbove:
		prev, err := st.PageBefore(r.view, o, r.key, h)
		if err != nil || len(prev) < h {
			return fetch(st, request{view: r.view, order: o, dir: top, height: h})
		}
		atTop, err = isFirst(st, r, prev[0].Key)
		return append(prev, r.current...), atTop, true, err
	}
	return nil, false, false, nil
}

// fillFromAbove tops a window that ends before the window does (it grew,
// or rows left the view) up with the rows above it, so that no row
// hides above a window with room for it.
func fillFromAbove(st *store.Store, r request, rows []store.Row) ([]store.Row, bool, bool, error) {
	if len(rows) == 0 {
		return fetch(st, request{view: r.view, order: r.order, dir: top, height: r.height})
	}
	prev, err := st.PageBefore(r.view, r.order, rows[0].Key, r.height-len(rows))
	if err != nil || len(prev) == 0 {
		return rows, len(prev) == 0, true, err
	}
	atTop, err := isFirst(st, r, prev[0].Key)
	return append(prev, rows...), atTop, true, err
}

// isFirst reports whether no conversation comes before key in the
// request's view and order.
func isFirst(st *store.Store, r request, key store.InboxKey) (bool, error) {
	prev, err := st.PageBefore(r.view, r.order, key, 1)
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
