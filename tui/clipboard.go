package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// copiedMsg says how a link was copied, or why it was not.
type copiedMsg struct {
	url, how string
	err      error
}

// copyLink puts the post's link on the clipboard: through the runtime's
// Copy where it has one (inside tmux, whose default set-clipboard drops
// an application's OSC 52, its buffer), else by OSC 52, which reaches
// the clipboard of the terminal's machine, over ssh too, where the
// terminal allows it. The notice says which.
func (m Model) copyLink() (Model, tea.Cmd) {
	url, _ := postLink(m.currentPost())
	if cp := m.common.Copy; cp != nil {
		return m, func() tea.Msg {
			how, err := cp(context.Background(), url)
			return copiedMsg{url: url, how: how, err: err}
		}
	}
	m.status.SetNotice("copied " + url + " (by OSC 52, where the terminal allows it)")
	return m, tea.SetClipboard(url)
}

// copied tells how the link was copied.
func (m Model) copied(msg copiedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status.SetError(msg.err)
		return m, nil
	}
	m.status.SetNotice("copied " + msg.url + " (" + msg.how + ")")
	return m, nil
}
