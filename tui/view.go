package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/harkhq/hark/tui/layout"
)

// Fixed parts of the layout.
const (
	minInboxWidth  = 34
	composerHeight = 9
)

// layout gives each pane its size from the window's.
func (m *Model) layout() {
	w, h := m.common.Width, m.common.Height
	body := max(h-2, 1) // the title line and the status bar
	m.status.SetWidth(w)
	m.help.SetWidth(w)
	if !m.open {
		m.inbox.SetSize(w, body)
		return
	}
	inboxW := max(minInboxWidth, w*2/5)
	threadW := max(w-inboxW-1, 10)
	m.inbox.SetSize(inboxW, body)
	threadH := body
	if m.composing {
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
	body := max(h-2, 1)
	var middle string
	switch {
	case m.showHelp:
		middle = layout.Fit(m.helpView(), w, body)
	case m.open:
		right := m.thread.View()
		if m.composing {
			right += "\n" + m.composer.View()
		}
		sep := strings.TrimSuffix(strings.Repeat(m.common.Styles.TitleDim.Render("│")+"\n", body), "\n")
		middle = joinColumns(m.inbox.View(), sep, right)
	default:
		middle = m.inbox.View()
	}
	return layout.Line(m.title(), w) + "\n" + middle + "\n" + m.status.View()
}

func (m Model) title() string {
	st := m.common.Styles
	where := "Inbox"
	switch m.focus {
	case focusThread:
		where = "Conversation"
	case focusComposer:
		where = "Reply"
	}
	return st.Title.Render(" hark ") + st.TitleDim.Render(fmt.Sprintf("· %s · @%s", where, m.common.Account.Username))
}

// helpView is the full help: the focused pane's keys and the global ones.
func (m Model) helpView() string {
	var groups [][]key.Binding
	switch m.focus {
	case focusThread:
		groups = m.thread.FullHelp()
	case focusComposer:
		groups = m.composer.FullHelp()
	default:
		groups = m.inbox.FullHelp()
	}
	return m.common.Styles.HelpBox.Render(m.help.FullHelpView(groups)) + "\n\n any key closes this help"
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
