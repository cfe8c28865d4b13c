// Package reportview is the Report view: the service report's figures
// and charts over the whole window, and the ten longest waits now, which
// enter opens.
package reportview

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/report/render"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/cursor"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// Period is what the view reports on: the last 30 days.
const Period = 30 * 24 * time.Hour

// Model is the Report view.
type Model struct {
	common  *common.Common
	focused bool
	r       report.Report
	names   map[uint64]report.Waiter
	loaded  bool
	// seq numbers the loads, so that an answer to an older one is
	// dropped; cancel stops the one running.
	seq    int
	cancel context.CancelFunc
	cursor int
	width  int
	height int
}

type loadedMsg struct {
	seq   int
	r     report.Report
	names map[uint64]report.Waiter
	err   error
}

// New returns an empty view.
func New(c *common.Common) Model { return Model{common: c} }

// Load computes the report of the last 30 days in the background; a load
// still running is cancelled (its answer would be dropped anyway).
func (m *Model) Load() tea.Cmd {
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.seq++
	m.cancel = cancel
	st, settings, now, seq := m.common.Store, m.common.Service, m.common.Now(), m.seq
	return func() tea.Msg {
		defer cancel()
		r, err := report.FromStore(ctx, st, settings, now.Add(-Period), report.Through(now), now)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		return loadedMsg{seq: seq, r: r, names: report.Waiters(st, r.Longest)}
	}
}

// SetSize sets the view's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.loaded { // smaller, fewer waits fit: the cursor stays on one drawn
		m.cursor = cursor.Clamp(m.cursor, m.waitsShown())
	}
}

// SetFocus tells the view whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// Update takes a computed report and the view's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil // an older load's answer
		}
		if msg.err != nil {
			if msg.err == context.Canceled {
				return m, nil
			}
			return m, func() tea.Msg { return common.ErrorMsg{Err: msg.err} }
		}
		m.r, m.names, m.loaded = msg.r, msg.names, true
		m.cursor = cursor.Clamp(m.cursor, m.waitsShown())
	case tea.KeyPressMsg:
		next, cmd, _ := bindings().Dispatch(m, m.common.Keys, msg)
		return next, cmd
	}
	return m, nil
}

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}

// Bindings lists the view's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the view, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the view's keys: move among the longest waits, open one.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Up, Do: Model.up},
		{Action: keys.Down, Do: Model.down},
		{Action: keys.Open, Do: Model.open, When: Model.hasWaits, Hint: true},
	}
}

func (m Model) hasWaits() bool { return len(m.r.Longest) > 0 }

func (m Model) up() (Model, tea.Cmd) {
	m.cursor = cursor.Up(m.cursor)
	return m, nil
}

func (m Model) down() (Model, tea.Cmd) {
	m.cursor = cursor.Down(m.cursor, m.waitsShown()) // never onto a row the page has no room to draw
	return m, nil
}

// Cursor is the wait under the cursor; WaitsShown how many are drawn.
func (m Model) Cursor() int { return m.cursor }

// WaitsShown is how many of the longest waits are drawn.
func (m Model) WaitsShown() int { return m.waitsShown() }

// waitsShown is how many of the longest waits the page has room for.
func (m Model) waitsShown() int {
	return max(0, min(len(m.r.Longest), m.height-len(m.head())))
}

// head is the page above the waits: figures, charts, the waits' title.
func (m Model) head() []string {
	st := m.common.Styles
	h := chartHeight(m.height)
	if len(m.r.Tags) > 0 {
		h-- // the tags' line
	}
	top := render.Top(m.r, render.HoursText(m.common.Service.Hours), m.width, h, st.Report)
	return append(strings.Split(top, "\n"), st.Title.Render("longest waits now")+st.TitleDim.Render(" · enter opens"))
}

// open opens the conversation of the wait under the cursor.
func (m Model) open() (Model, tea.Cmd) {
	id := m.r.Longest[m.cursor].Conv
	return m, func() tea.Msg { return common.OpenConversationMsg{ConversationID: id} }
}

// chartHeight is the charts' height for a view h lines high: the
// figures take 5 lines, the charts' titles and dates 2, the waits' title
// and at least 5 of them 6.
func chartHeight(h int) int { return min(max(h-5-2-6, 3), 12) }

// View draws the page: figures, charts, the longest waits.
func (m Model) View() string {
	st := m.common.Styles
	if !m.loaded {
		return layout.Fit(st.Empty.Render("Working out the last 30 days…"), m.width, m.height)
	}
	lines := m.head()
	if len(m.r.Longest) == 0 {
		lines = append(lines, st.Empty.Render("  nobody is waiting"))
	}
	for i, w := range m.r.Longest[:m.waitsShown()] {
		who := m.names[w.Conv]
		line := render.WaitLine(w, who.Who, who.Words, m.width)
		if i == m.cursor && m.focused {
			line = st.RowSelected.Render(layout.Line(line, m.width))
		}
		lines = append(lines, line)
	}
	return layout.Fit(strings.Join(lines, "\n"), m.width, m.height)
}
