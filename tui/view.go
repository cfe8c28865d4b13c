package tui

import (
	"fmt"
	"strings"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
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

// layout gives each pane its size from the window's, and the focus to
// the pane that has the keys.
func (m *Model) layout() {
	m.status.SetWidth(m.common.Width)
	for _, p := range m.placements() {
		p.pane.SetSize(p.w, p.h)
	}
	focused := m.focusedPane()
	for _, p := range m.panes() {
		p.SetFocus(p == focused)
	}
}

// render draws the tabs, the panes, the prompt, the status bar and the
// hint bar.
func (m Model) render() string {
	w, h := m.common.Width, m.common.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	body := m.bodyHeight()
	left, right := m.split()
	var middle string
	switch {
	case m.showHelp:
		middle = layout.Fit(m.helpView(w, body), w, body)
	case m.screen.reporting:
		middle = m.reportView.View()
	case right == 0:
		middle = m.leftView()
	case left == 0:
		middle = m.rightView()
	default:
		sep := strings.TrimSuffix(strings.Repeat(m.common.Styles.TitleDim.Render("│")+"\n", body), "\n")
		middle = joinColumns(m.leftView(), sep, m.rightView())
	}
	screen := layout.Line(m.tabs(), w) + "\n" + middle + "\n"
	if m.prompt.Active() {
		screen += m.prompt.View() + "\n"
	}
	return screen + m.status.View() + "\n" + layout.Line(m.hintBar(), w)
}

// leftView is the inbox, or the search in its place.
func (m Model) leftView() string {
	if m.screen.searching {
		return m.search.View()
	}
	return m.inbox.View()
}

// rightView is what the right half shows: the thread (and the composer
// under it), the customer file or the outbox.
func (m Model) rightView() string {
	switch m.screen.right {
	case sideCustomer:
		return m.customer.View()
	case sideOutbox:
		return m.outboxView.View()
	}
	if m.screen.composing {
		return m.thread.View() + "\n" + m.composer.View()
	}
	return m.thread.View()
}

// bodyHeight is what the panes get: all but the tabs, the status bar,
// the hint bar and an open prompt.
func (m Model) bodyHeight() int {
	used := 3
	if m.prompt.Active() {
		used++
	}
	return max(m.common.Height-used, 1)
}

// viewName labels a view's tab: its name, capitalised ("Inbox").
func viewName(v store.View) string {
	if v == "" {
		return ""
	}
	return strings.ToUpper(string(v[:1])) + string(v[1:])
}

// tab is one label of the top line.
type tab struct {
	key, name, count string
	active           bool
	// oldest marks a view listed oldest first.
	oldest bool
}

// tabs is the top line: every view with its key and count. Where they do
// not fit, names shrink to three letters, then to nothing but the one
// shown; they are never cut off.
func (m Model) tabs() string {
	st := m.common.Styles
	all := m.tabList()
	var line string
	for short := range 3 {
		line = st.Title.Render("hark")
		for _, t := range all {
			name := t.name
			switch {
			case t.active || short == 0:
			case short == 1:
				name = string([]rune(name)[:min(3, len([]rune(name)))])
			default:
				name = ""
			}
			label := strings.Join(strings.Fields(t.key+" "+name+" "+t.count), " ")
			if t.active && t.oldest {
				label += [...]string{" · oldest first", " ·old↑", " ↑"}[short]
			}
			if t.active {
				line += " " + st.TabActive.Render(label)
			} else {
				line += " " + st.Tab.Render(label)
			}
		}
		if m.newAbove > 0 && !m.screen.searching {
			line += " " + st.Woken.Render(fmt.Sprintf("↑ %d new", m.newAbove))
		}
		if layout.Width(line) <= m.common.Width {
			break
		}
	}
	return line
}

// tabList lists the views for the tabs, built-in then saved, and a
// search not saved.
func (m Model) tabList() []tab {
	var out []tab
	for i, v := range store.Views {
		name, count := viewName(v), fmt.Sprint(m.counts.ByView[v])
		if acct := m.inbox.Account(); acct != 0 && v == m.inbox.CurrentView() {
			// narrowed to one account: the counts are every account's, so
			// the narrowed tab shows none rather than a wrong one
			u, _ := m.common.AccountByID(acct)
			name, count = name+" @"+u.Username, ""
		}
		out = append(out, tab{
			key:    m.common.Keys.Binding(keys.Views[i]).Help().Key,
			name:   name,
			count:  count,
			active: v == m.inbox.CurrentView() && !m.screen.searching && !m.screen.reporting,
			oldest: v == m.inbox.CurrentView() && m.inbox.Order() == store.OldestFirst,
		})
	}
	if t, ok := m.mineTab(); ok {
		out = append(out, t)
	}
	for i, sv := range m.savedViews {
		out = append(out, tab{
			key:    m.common.Keys.Binding(keys.Views[len(store.Views)+i]).Help().Key,
			name:   sv.Name,
			count:  strings.TrimSpace(savedCount(m.savedCounts, sv.Query)),
			active: m.screen.searching && m.search.Query() == sv.Query,
		})
	}
	if m.screen.reporting { // shown while open, as the search's tab is: the line is full of views
		out = append(out, tab{
			key:    m.common.Keys.Binding(keys.Report).Help().Key,
			name:   "Report",
			active: true,
		})
	}
	if m.screen.searching && !m.isSaved(m.search.Query()) {
		out = append(out, tab{
			key:    "/",
			name:   "search",
			active: true,
		})
	}
	return out
}

func (m Model) isSaved(q string) bool {
	for _, sv := range m.savedViews {
		if sv.Query == q {
			return true
		}
	}
	return false
}

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
