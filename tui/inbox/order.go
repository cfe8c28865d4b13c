package inbox

import (
	"fmt"
	"maps"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
)

// Order is the order the list shows its view in (an account's narrowing
// shares its view's).
func (m Model) Order() store.Order { return m.orders[m.view] }

// toggleOrder lists the view the other way round (newest first, or the
// customer who has waited longest first), keeps the choice for the next
// time the view is shown, and shows it from its top.
func (m Model) toggleOrder() (Model, tea.Cmd) {
	o := store.OldestFirst
	if m.Order() == store.OldestFirst {
		o = store.NewestFirst
	}
	orders := maps.Clone(m.orders)
	if orders == nil {
		orders = map[store.View]store.Order{}
	}
	orders[m.view] = o
	m.orders = orders
	st, v := m.common.Store, m.view
	other := store.NewestFirst
	if o == store.NewestFirst {
		other = store.OldestFirst
	}
	said := fmt.Sprintf("listed %s · %s again: %s", o, m.common.Keys.Binding(keys.Sort).Help().Key, other)
	keep := func() tea.Msg {
		if err := st.SetOrder(v, o); err != nil {
			return common.ErrorMsg{Err: err}
		}
		return common.NoticeMsg{Text: said}
	}
	if m.filter.text != "" {
		m.filter.scan = nil // read again, in the new order
		return m, tea.Batch(keep, m.loadFilter(0))
	}
	m.rows, m.cursor, m.more, m.atTop = nil, 0, false, true
	return m, tea.Batch(keep, m.load(m.topRequest()))
}

// topRequest asks for the view's first page in its order.
func (m Model) topRequest() request {
	r := m.request()
	r.dir, r.cursor = top, 0
	return r
}

// readOrders fills in a request's order, reading the owner's choices
// from the store when the model has not had them yet (its first loads);
// it returns what it read, for the model to keep.
func readOrders(st *store.Store, r *request) (map[store.View]store.Order, error) {
	var read map[store.View]store.Order
	if r.orders == nil {
		var err error
		if read, err = st.Orders(); err != nil {
			return nil, err
		}
		r.orders = read
	}
	base, _ := r.view.Scope()
	r.order = r.orders[base]
	return read, nil
}

// keepOrders takes the orders a load read, when the model has none yet.
func (m Model) keepOrders(read map[store.View]store.Order) Model {
	if m.orders == nil && read != nil {
		m.orders = read
	}
	return m
}
