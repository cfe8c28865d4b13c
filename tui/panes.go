package tui

import (
	"github.com/harkhq/hark/tui/common"
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

// panes are every pane, for what the root does to each alike.
func (m *Model) panes() []common.Pane {
	return []common.Pane{&m.inbox, m.search, &m.thread, m.composer, &m.customer, &m.outboxView, &m.reportView, m.prompt}
}

// focusedPane is the pane that has the keys: the prompt while it is open.
func (m *Model) focusedPane() common.Pane {
	if m.prompt.Active() {
		return m.prompt
	}
	switch m.screen.focus {
	case focusThread:
		return &m.thread
	case focusComposer:
		return m.composer
	case focusCustomer:
		return &m.customer
	case focusOutbox:
		return &m.outboxView
	case focusSearch:
		return m.search
	case focusReport:
		return &m.reportView
	}
	return &m.inbox
}

// name names a pane in help and in the README.
func (f focus) name() string {
	switch f {
	case focusThread:
		return "conversation"
	case focusComposer:
		return "composer"
	case focusCustomer:
		return "customer file"
	case focusOutbox:
		return "outbox"
	case focusSearch:
		return "search"
	case focusReport:
		return "report"
	}
	return "inbox"
}

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

// placements size every pane for the screen.
func (m *Model) placements() []placement {
	left, right := m.split()
	body := m.bodyHeight()
	threadH, composerH := body, 0
	if m.screen.composing {
		composerH = min(composerHeight, body/2)
		threadH = body - composerH
	}
	return []placement{
		{pane: &m.inbox, w: left, h: body},
		{pane: m.search, w: left, h: body},
		{pane: &m.thread, w: right, h: threadH},
		{pane: m.composer, w: right, h: composerH},
		{pane: &m.customer, w: right, h: body},
		{pane: &m.outboxView, w: right, h: body},
		{pane: &m.reportView, w: m.common.Width, h: body},
		{pane: m.prompt, w: m.common.Width, h: 1},
	}
}
