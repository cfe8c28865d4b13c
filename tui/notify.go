package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/browser"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/tui/common"
)

// inbound counts the conversations with a new post from someone else.
func inbound(posts []model.Post) int {
	convs := map[uint64]bool{}
	for _, p := range posts {
		if !p.Kind.Ours() {
			convs[p.ConversationID] = true
		}
	}
	return len(convs)
}

// notify tells of n conversations with new posts as config says: a bell,
// or an OSC 9 desktop notification. Its text is hark's own, never a
// post's.
func notify(how string, n int) tea.Cmd {
	switch how {
	case config.NotifyBell:
		return tea.Raw("\a")
	case config.NotifyOSC9:
		return tea.Raw(fmt.Sprintf("\x1b]9;hark: %s with new posts\x07", plural(n, "conversation")))
	}
	return nil
}

// postLink is a post's address on its network; DMs have none, nor a
// network hark does not know.
func postLink(p model.Post) (string, bool) {
	if r := network.RulesOf(p.Network()); r != nil {
		return r.PostURL(p)
	}
	return "", false
}

// openURL opens an address in the browser, without waiting for it.
func openURL(url string) tea.Cmd {
	return func() tea.Msg {
		if err := browser.Open(url); err != nil {
			return common.ErrorMsg{Err: err}
		}
		return nil
	}
}
