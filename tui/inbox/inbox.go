// Package inbox is the list of conversations, newest activity first or
// oldest first as the owner chose for the view (see Order). It is
// virtualised: it holds one screen of rows, paged from the store by key.
package inbox

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/presence"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// Model is the inbox pane.
type Model struct {
	common *common.Common
	// focused tells whether the pane has the keys.
	focused bool
	view    store.View
	// account narrows the list to one of the shop's accounts; 0 for all.
	account uint64
	rows    []store.Row // the visible rows
	cursor  int
	width   int
	height  int
	// more tells whether a row exists below the window; atTop whether the
	// window starts at the newest conversation.
	more, atTop bool
	// marked holds the conversations marked for a bulk action.
	marked map[uint64]bool
	// failed holds the conversations with a reply or DM that failed.
	failed map[uint64]bool
	// claims are the team's: who is replying where (empty alone).
	claims presence.Claims
	// drafts are the conversations with a reply being written, by id.
	drafts map[uint64]string
	// seq numbers the loads asked for; only the latest's answer shows.
	seq int
	// filter narrows the list in place (see SetFilter).
	filter filtering
	// rowCache keeps rows as last drawn (see cachedRow).
	rowCache *rowCache
	// orders are the owner's choice of order by view (see Order); nil
	// until the first page read them.
	orders map[store.View]store.Order
	// awaiting is the number of the load on its way, 0 when none: until
	// it lands, where the cursor will be is not known (see Moving).
	awaiting      int
	awaitingSince time.Time
}

// New returns an empty inbox; Init loads it.
func New(c *common.Common) Model {
	return Model{common: c, view: store.ViewInbox, atTop: true, rowCache: &rowCache{lines: map[rowKey]string{}}}
}

// AtTop reports whether the window starts at the newest conversation.
func (m Model) AtTop() bool { return m.atTop }

// CurrentView returns the view shown.
func (m Model) CurrentView() store.View { return m.view }

// SetView shows another view from its top.
func (m *Model) SetView(v store.View) tea.Cmd {
	m.view, m.rows, m.cursor, m.more, m.atTop, m.filter = v, nil, 0, false, true, filtering{}
	return m.load(m.topRequest())
}

// Account is the account the list is narrowed to; 0 for every one.
func (m Model) Account() uint64 { return m.account }

// SetAccount narrows the list to one of the shop's accounts (0: every
// one), from its top: a view per account.
func (m *Model) SetAccount(id uint64) tea.Cmd {
	m.account = id
	return m.SetView(m.view)
}

// scope is the view as the store reads it: narrowed to the account.
func (m Model) scope() store.View { return m.view.For(m.account) }

// Init loads the first page. It cannot number its request (Init changes
// no model): it goes as number 0, taken only until another is made.
func (m Model) Init() tea.Cmd {
	r := m.topRequest()
	r.seq = m.seq
	return load(m.common.Store, r)
}

// load numbers a request and runs it: only the answer to the latest is
// shown (a page asked for at the old height, answered after a resize's,
// would show one row where twenty fit).
func (m *Model) load(r request) tea.Cmd {
	m.seq++
	r.seq, m.awaiting, m.awaitingSince = m.seq, m.seq, m.common.Now()
	return load(m.common.Store, r)
}

// maxAwait bounds how long the list counts as moving: a load's answer
// takes milliseconds; one that never comes (a command dropped) must not
// hold the owner's keys for good.
const maxAwait = 2 * time.Second

// Moving reports a load on its way: its page places the cursor (the top,
// the bottom, the next page, the same conversation after a reload), so a
// key that moves or acts on the cursor must wait for it, or it would
// act on a row that is about to be replaced (g j j r replying to row 1).
func (m Model) Moving() bool {
	return m.awaiting != 0 && m.common.Now().Sub(m.awaitingSince) < maxAwait
}

// SetSize sets the pane's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, max(h, 1)
}

// Selected returns the row under the cursor.
func (m Model) Selected() (store.Row, bool) {
	if m.cursor < len(m.rows) {
		return m.rows[m.cursor], true
	}
	return store.Row{}, false
}

// MarkedCount is how many conversations are marked.
func (m Model) MarkedCount() int { return len(m.marked) }

// Marked returns the marked conversations, or none.
func (m Model) Marked() []uint64 { return common.Marked(m.marked) }

// Select puts the cursor on the ith row shown, if there is one.
func (m *Model) Select(i int) bool {
	if i < 0 || i >= len(m.rows) {
		return false
	}
	m.cursor = i
	return true
}

// OpenSelected asks the root to open the row under the cursor.
func (m Model) OpenSelected() tea.Cmd { return m.openSelected(false, false) }

// Scroll moves the cursor a row, down or up (the mouse wheel).
func (m Model) Scroll(down bool) (Model, tea.Cmd) {
	if down {
		return m.down()
	}
	return m.up()
}

// MoveOn moves the cursor past a conversation just dealt with, when it
// is on it: the next one is what comes next.
func (m *Model) MoveOn(convID uint64) {
	if row, ok := m.Selected(); ok && row.Conversation.ID == convID && m.cursor+1 < len(m.rows) {
		m.cursor++
	}
}

// SelectConversation puts the cursor on the conversation's row when the
// list shows it: a conversation opened from elsewhere (its customer's
// file, ":reply @handle") is then the row the list points at.
func (m *Model) SelectConversation(id uint64) bool {
	for i, r := range m.rows {
		if r.Conversation.ID == id {
			m.cursor = i
			return true
		}
	}
	return false
}

// SetFailed names the conversations whose reply or DM failed: their
// rows say so (✗) until the item is retried or cancelled.
func (m *Model) SetFailed(ids map[uint64]bool) { m.failed = ids }

// SetClaims says who of the team is replying where (hark serve).
func (m *Model) SetClaims(c presence.Claims) { m.claims = c }

// SetDrafts names the conversations with a draft: their rows say so (✎)
// until it is sent or discarded.
func (m *Model) SetDrafts(d map[uint64]string) { m.drafts = d }

// ClearMarks unmarks everything.
func (m *Model) ClearMarks() { m.marked = nil }

// markAll marks every row shown; with all of them marked already, it
// unmarks everything.
func (m Model) markAll() (Model, tea.Cmd) {
	rows := m.rows
	if m.filter.text != "" { // every match, not only the screenful: marking by pattern
		rows = m.filter.matches
	}
	all := true
	for _, r := range rows {
		all = all && m.marked[r.Conversation.ID]
	}
	if all {
		m.marked = nil
		return m, nil
	}
	marked := make(map[uint64]bool, len(m.marked)+len(rows))
	for id := range m.marked {
		marked[id] = true
	}
	for _, r := range rows {
		marked[r.Conversation.ID] = true
	}
	m.marked = marked
	return m, nil
}

// toggleMark marks or unmarks the selected row and moves down.
func (m Model) toggleMark() (Model, tea.Cmd) {
	row, ok := m.Selected()
	if !ok {
		return m, nil
	}
	m.marked = common.Toggle(m.marked, row.Conversation.ID)
	return m.down()
}

// Reload reloads the window, keeping the cursor on the same conversation
// where it is still on screen. New activity shows when the window is at
// the top; further down the rows stay put until the next page.
func (m *Model) Reload() tea.Cmd {
	keep := uint64(0)
	if row, ok := m.Selected(); ok {
		keep = row.Conversation.ID
	}
	if m.filter.text != "" { // narrowed: the matches read again
		return m.loadFilter(keep)
	}
	r := m.request()
	r.dir, r.keep = from, keep
	if m.atTop || len(m.rows) == 0 {
		r.dir = top
	} else {
		r.key = m.rows[0].Key
	}
	return m.load(r)
}

// Update handles keys and loaded pages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case filterMsg:
		if msg.err != nil {
			m.awaiting = 0
			return m, func() tea.Msg { return common.ErrorMsg{Err: msg.err} }
		}
		return m.applyFilter(msg), nil
	case pageMsg:
		if msg.seq == m.awaiting {
			m.awaiting = 0 // landed (or failed): the cursor is where it will stay
		}
		m = m.keepOrders(msg.orders)
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrorMsg{Err: msg.err} }
		}
		return m.apply(msg), nil
	case common.ConversationReadMsg:
		for i := range m.rows {
			if m.rows[i].Conversation.ID == msg.ConversationID {
				m.rows[i].Conversation.Unread = 0
			}
		}
	case tea.KeyPressMsg:
		next, cmd, _ := bindings().Dispatch(m, m.common.Keys, msg)
		return next, cmd
	}
	return m, nil
}

// Bindings lists the inbox's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the inbox, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the inbox's keys.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Up, Do: Model.up},
		{Action: keys.Down, Do: Model.down},
		{Action: keys.Top, Do: Model.top},
		{Action: keys.Bottom, Do: Model.bottom},
		{Action: keys.PageUp, Do: Model.pageUp},
		{Action: keys.PageDown, Do: Model.pageDown},
		{Action: keys.Open, Do: Model.open, When: Model.hasRows, Hint: true},
		{Action: keys.Reply, Do: Model.reply, When: Model.hasRows, Hint: true},
		{Action: keys.DM, Do: Model.dm, When: Model.hasRows},
		{Action: keys.Mark, Do: Model.toggleMark, When: Model.hasRows, Hint: true},
		{Action: keys.MarkAll, Do: Model.markAll, When: Model.hasRows},
		{Action: keys.Sort, Do: Model.toggleOrder},
	}
}

func (m Model) hasRows() bool { return len(m.rows) > 0 }

func (m Model) request() request {
	return request{view: m.scope(), orders: m.orders, height: m.height, cursor: m.cursor}
}

func (m Model) open() (Model, tea.Cmd)  { return m, m.openSelected(false, false) }
func (m Model) reply() (Model, tea.Cmd) { return m, m.openSelected(true, false) }
func (m Model) dm() (Model, tea.Cmd)    { return m, m.openSelected(true, true) }

// openSelected asks the root to open the row under the cursor.
func (m Model) openSelected(reply, dm bool) tea.Cmd {
	row, ok := m.Selected()
	if !ok {
		return nil
	}
	open := common.OpenConversationMsg{
		ConversationID: row.Conversation.ID,
		Reply:          reply,
		DM:             dm,
	}
	return func() tea.Msg { return open }
}

// emptyText says why a view is empty, and what would fill it.
func (m Model) emptyText() string {
	if m.filter.text != "" {
		return "Nothing here holds \"" + m.filter.text + "\" (esc shows them all; / searches every post)."
	}
	if _, mine := m.view.MineOf(); mine {
		return "Nothing assigned to you is open. " + m.common.Keys.Binding(keys.Assign).Help().Key + " assigns the conversation at hand to a person of the team, or to you."
	}
	switch m.view {
	case store.ViewInbox:
		return "Inbox zero: nothing waits for an answer. New mentions of @" + m.common.Account.Username + " appear here."
	case store.ViewQuestions:
		return "No open questions."
	case store.ViewUnread:
		return "Nothing unread."
	case store.ViewWaiting:
		return "No conversation waits for a customer's answer."
	case store.ViewSnoozed:
		return "Nothing snoozed."
	case store.ViewDone:
		return "Nothing done yet."
	case store.ViewHeard:
		k := m.common.Keys
		return "Nothing heard: posts your [[search]] finds that do not mention @" + m.common.Account.Username + " wait here. " +
			k.Binding(keys.Reopen).Help().Key + " brings one into the inbox, " + k.Binding(keys.Done).Help().Key + " dismisses it."
	}
	return "No conversations yet. Mentions of @" + m.common.Account.Username + " appear here as they arrive."
}

// View draws the visible rows.
func (m Model) View() string {
	if len(m.rows) == 0 {
		return layout.Fit(m.common.Styles.Empty.Render(m.emptyText()), m.width, m.height)
	}
	lines := make([]string, 0, len(m.rows))
	for i, row := range m.rows {
		lines = append(lines, m.cachedRow(row, i == m.cursor))
	}
	return layout.Fit(strings.Join(lines, "\n"), m.width, m.height)
}

// SetFocus tells the pane whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}
