package tui

import (
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/composer"
	"github.com/harkhq/hark/tui/customer"
	"github.com/harkhq/hark/tui/inbox"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/outboxview"
	"github.com/harkhq/hark/tui/prompt"
	"github.com/harkhq/hark/tui/reportview"
	"github.com/harkhq/hark/tui/searchview"
	"github.com/harkhq/hark/tui/thread"
)

// Fixed parts of the layout.
const (
	// minInboxWidth is the list's width from widePanes columns up.
	minInboxWidth = 34
	// widePanes: below it the thread gets at least 60% of the width.
	widePanes = 100
	// onePane: below it one pane shows at a time, the focused one.
	onePane        = 60
	composerHeight = 11
)

// place is where a pane is drawn, for its size.
type place int

const (
	placeLeft     place = iota // the list's half
	placeRight                 // the right half, whole
	placeThread                // the right half, above the composer while it is open
	placeComposer              // under the thread
	placeWhole                 // the whole body (the Report)
	placeLine                  // one line across (the prompt)
)

// paneRow is one pane of the table: the focus that gives it the keys,
// its name in help and the README, how to reach it, its own actions and
// whether it is typed into (then only the interrupt of the root's keys
// works over it), and where it is drawn.
type paneRow struct {
	focus   focus
	name    string
	pane    func(m *Model) common.Pane
	actions func() []keys.Action
	typing  bool
	place   place
}

// paneTable is every pane, once: focus, names, the panes the root sends
// messages to and sizes, and the key contexts (help, the README's keys
// table, the conflict check) all read it. Its order is the README's.
var paneTable = []paneRow{
	{focusInbox, "inbox", func(m *Model) common.Pane { return &m.inbox }, inbox.Actions, false, placeLeft},
	{focusThread, "conversation", func(m *Model) common.Pane { return &m.thread }, thread.Actions, false, placeThread},
	{focusCustomer, "customer file", func(m *Model) common.Pane { return &m.customer }, customer.Actions, false, placeRight},
	{focusOutbox, "outbox", func(m *Model) common.Pane { return &m.outboxView }, outboxview.Actions, false, placeRight},
	// esc while the query is typed: the root's leaveSearch
	{focusSearch, "search", func(m *Model) common.Pane { return m.search }, func() []keys.Action { return append(searchview.Actions(), keys.Back) }, false, placeLeft},
	{focusReport, "report", func(m *Model) common.Pane { return &m.reportView }, reportview.Actions, false, placeWhole},
	{focusComposer, "composer", func(m *Model) common.Pane { return m.composer }, composer.Actions, true, placeComposer},
	// The prompt has the keys while it is open, whatever the screen's
	// focus: no transition gives it focusPrompt.
	{focusPrompt, "prompt", func(m *Model) common.Pane { return m.prompt }, prompt.Actions, true, placeLine},
}

// row is f's row of the table (the inbox's for an unknown f).
func row(f focus) paneRow {
	for _, r := range paneTable {
		if r.focus == f {
			return r
		}
	}
	return paneTable[0]
}

// panes are every pane, for what the root does to each alike.
func (m *Model) panes() []common.Pane {
	out := make([]common.Pane, len(paneTable))
	for i, r := range paneTable {
		out[i] = r.pane(m)
	}
	return out
}

// focusedPane is the pane that has the keys: the prompt while it is open.
func (m *Model) focusedPane() common.Pane {
	if m.prompt.Active() {
		return m.prompt
	}
	return row(m.screen.focus).pane(m)
}

// name names a pane in help and in the README.
func (f focus) name() string { return row(f).name }

// focusName names the pane that has the keys.
func (m Model) focusName() string {
	if m.prompt.Active() {
		return "prompt"
	}
	return m.screen.focus.name()
}

// split is the width of the left and the right half; 0 for a half not
// shown. Narrow windows give the thread more: from 100 columns the list
// has 2/5 (at least 34), below that the thread has 3/5, and below 60
// one half shows at a time, the focused one.
func (m Model) split() (left, right int) {
	w := m.common.Width
	switch {
	case !m.screen.open():
		return w, 0
	case w < onePane && m.screen.focus == m.screen.left():
		return w, 0
	case w < onePane:
		return 0, w
	case w < widePanes:
		right = (w*3 + 4) / 5
		return w - right - 1, right
	}
	left = max(minInboxWidth, w*2/5)
	return left, max(w-left-1, 10)
}

// placement is a pane and the size it gets.
type placement struct {
	pane common.Pane
	w, h int
}

// placements size every pane for the screen, by where each is drawn.
func (m *Model) placements() []placement {
	left, right := m.split()
	body := m.bodyHeight()
	threadH, composerH := body, 0
	if m.screen.composing {
		composerH = min(composerHeight, body/2)
		threadH = body - composerH
	}
	size := map[place][2]int{
		placeLeft: {left, body}, placeRight: {right, body}, placeThread: {right, threadH},
		placeComposer: {right, composerH}, placeWhole: {m.common.Width, body}, placeLine: {m.common.Width, 1},
	}
	out := make([]placement, len(paneTable))
	for i, r := range paneTable {
		out[i] = placement{pane: r.pane(m), w: size[r.place][0], h: size[r.place][1]}
	}
	return out
}
