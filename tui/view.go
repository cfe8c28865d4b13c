package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// Fixed parts of the layout.
const (
	minInboxWidth  = 34
	composerHeight = 11
)

// laidOut is what a layout was made for.
type laidOut struct {
	width, height int
	screen        screen
	prompt        bool
}

// layoutIfChanged lays the panes out when what they were laid out for
// changed: a pane's SetSize may render (the thread wraps every post).
func (m *Model) layoutIfChanged() {
	now := laidOut{width: m.common.Width, height: m.common.Height, screen: m.screen, prompt: m.prompt.Active()}
	if now == m.laid {
		return
	}
	m.laid = now
	m.layout()
}

// layout gives each pane its size from the window's.
func (m *Model) layout() {
	w := m.common.Width
	body := m.bodyHeight()
	m.status.SetWidth(w)
	m.help.SetWidth(w)
	m.prompt.SetWidth(w)
	if !m.screen.open() {
		m.inbox.SetSize(w, body)
		m.search.SetSize(w, body)
		return
	}
	inboxW := max(minInboxWidth, w*2/5)
	threadW := max(w-inboxW-1, 10)
	m.inbox.SetSize(inboxW, body)
	m.search.SetSize(inboxW, body)
	m.customer.SetSize(threadW, body)
	m.outboxView.SetSize(threadW, body)
	threadH := body
	if m.screen.composing {
		ch := min(composerHeight, body/2)
		threadH = body - ch
		m.composer.SetSize(threadW, ch)
	}
	m.thread.SetSize(threadW, threadH)
}

// render draws the title line, the panes and the status bar.
func (m Model) render() string {
	w, h := m.common.Width, m.common.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	body := m.bodyHeight()
	var middle string
	switch {
	case m.showHelp:
		middle = layout.Fit(m.helpView(), w, body)
	case m.screen.open():
		right := m.thread.View()
		if m.screen.composing {
			right += "\n" + m.composer.View()
		}
		switch m.screen.right {
		case sideCustomer:
			right = m.customer.View()
		case sideOutbox:
			right = m.outboxView.View()
		}
		sep := strings.TrimSuffix(strings.Repeat(m.common.Styles.TitleDim.Render("│")+"\n", body), "\n")
		middle = joinColumns(m.left(), sep, right)
	default:
		middle = m.left()
	}
	screen := layout.Line(m.tabs(), w) + "\n" + middle + "\n"
	if m.prompt.Active() {
		screen += m.prompt.View() + "\n"
	}
	return screen + m.status.View()
}

// left is the inbox, or the search in its place.
func (m Model) left() string {
	if m.screen.searching {
		return m.search.View()
	}
	return m.inbox.View()
}

// bodyHeight is what the panes get: all but the tabs, the status bar and
// an open prompt.
func (m Model) bodyHeight() int {
	used := 2
	if m.prompt.Active() {
		used++
	}
	return max(m.common.Height-used, 1)
}

// viewNames label the tabs.
var viewNames = map[store.View]string{
	store.ViewInbox: "Inbox", store.ViewQuestions: "Questions", store.ViewUnread: "Unread", store.ViewWaiting: "Waiting",
	store.ViewSnoozed: "Snoozed", store.ViewDone: "Done", store.ViewAll: "All",
}

// tabs is the top line: every view with its key and count.
func (m Model) tabs() string {
	st := m.common.Styles
	line := st.Title.Render("hark")
	for i, v := range store.Views {
		label := fmt.Sprintf("%s %s %d", m.common.Keys.Binding(keys.Views[i]).Help().Key, viewNames[v], m.counts.ByView[v])
		line += " "
		if v == m.inbox.CurrentView() && !m.screen.searching {
			line += st.TabActive.Render(label)
		} else {
			line += st.Tab.Render(label)
		}
	}
	for i, sv := range m.savedViews {
		label := m.common.Keys.Binding(keys.Views[len(store.Views)+i]).Help().Key + " " + sv.Name + savedCount(m.savedCounts, sv.Query)
		line += " "
		if m.screen.searching && m.search.Query() == sv.Query {
			line += st.TabActive.Render(label)
		} else {
			line += st.Tab.Render(label)
		}
	}
	if m.screen.searching && !m.isSaved(m.search.Query()) {
		line += " " + st.TabActive.Render("/ search")
	}
	return line
}

func (m Model) isSaved(q string) bool {
	for _, sv := range m.savedViews {
		if sv.Query == q {
			return true
		}
	}
	return false
}

// helpView is the full help: the focused pane's keys and the global ones.
func (m Model) helpView() string {
	var groups [][]key.Binding
	switch m.screen.focus {
	case focusThread:
		groups = m.thread.FullHelp()
	case focusComposer:
		groups = m.composer.FullHelp()
	case focusCustomer:
		groups = m.customer.FullHelp()
	case focusOutbox:
		groups = m.outboxView.FullHelp()
	case focusSearch:
		groups = m.search.FullHelp()
	default:
		groups = m.inbox.FullHelp()
	}
	if m.screen.focus != focusComposer { // the composer takes every key itself
		groups = withGlobals(groups, m.common.Keys.Bindings(globalActions...))
	}
	return m.common.Styles.HelpBox.Render(m.help.FullHelpView(groups)) + "\n\n any key closes this help"
}

// withGlobals adds the root's keys that a pane's help does not list
// already to its shortest column, so the box stays as wide as the pane's.
func withGlobals(groups [][]key.Binding, globals []key.Binding) [][]key.Binding {
	if len(groups) == 0 {
		return groups
	}
	listed := map[key.Help]bool{}
	shortest := 0
	for i, g := range groups {
		for _, b := range g {
			listed[b.Help()] = true
		}
		if len(g) < len(groups[shortest]) {
			shortest = i
		}
	}
	col := slices.Clip(groups[shortest])
	for _, b := range globals {
		if !listed[b.Help()] {
			col = append(col, b)
		}
	}
	groups[shortest] = col
	return groups
}

// globalActions are the root's own keys, which work whichever pane has
// the focus (but the composer).
var globalActions = []keys.Action{keys.Search, keys.SaveView, keys.Outbox, keys.TakeBack}

// joinColumns puts equally tall blocks side by side, line by line.
func joinColumns(blocks ...string) string {
	split := make([][]string, len(blocks))
	rows := 0
	for i, b := range blocks {
		split[i] = strings.Split(b, "\n")
		rows = max(rows, len(split[i]))
	}
	var out strings.Builder
	for r := range rows {
		if r > 0 {
			out.WriteByte('\n')
		}
		for _, lines := range split {
			if r < len(lines) {
				out.WriteString(lines[r])
			}
		}
	}
	return out.String()
}
