package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
)

// A command line's @handle names a person, not the row under the cursor:
// ":reply @nina_k thanks!" answers Nina's one open conversation;
// where she has several, her customer file opens on them to choose from
// (enter opens one), as `hark send @nina_k` refuses with the list. The
// rule of which are open is store.CustomerFile.Open, the CLI's too.

// handleActions are the commands that take an @handle.
var handleActions = []keys.Action{keys.Open, keys.Reply, keys.DM, keys.Customer}

// handleMsg is a person found by handle, with their open conversations.
type handleMsg struct {
	action keys.Action
	handle string
	rest   string // the words after the handle, for the composer
	means  store.Handle
	err    error
}

// byHandle starts finding the person a command's first word names, when
// it is an @handle and the action takes one; ok is false otherwise.
func (m Model) byHandle(a keys.Action, words string) (tea.Cmd, bool) {
	first, rest, _ := strings.Cut(words, " ")
	if !strings.HasPrefix(first, "@") || !slices.Contains(handleActions, a) {
		return nil, false
	}
	st := m.common.Store
	return func() tea.Msg {
		msg := handleMsg{action: a, handle: first, rest: strings.TrimSpace(rest)}
		msg.means, msg.err = st.HandleMeans(context.Background(), first)
		return msg
	}, true
}

// handleFound opens what the command asked for on the person's one open
// conversation, or their customer file to choose from.
func (m Model) handleFound(msg handleMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status.SetError(fmt.Errorf(":%s %s: %w", msg.action, msg.handle, msg.err))
		return m, nil
	}
	conv, one := msg.means.Conversation()
	if msg.action == keys.Customer || !one {
		m.chosen = nil
		if !one && msg.action != keys.Customer {
			m.status.SetNotice(fmt.Sprintf("@%s has %d open: choose one (enter %s)", msg.means.Person.Username, len(msg.means.Open), chosenDoes(msg)))
			m.chosen = &msg // the words typed wait for the choice
		}
		m.screen = m.screen.show(sideCustomer)
		return m, m.customer.Open(msg.means.Person.ID)
	}
	return m.openAsAsked(msg, conv)
}

// openAsAsked opens conv as the command asked: a reply or a DM with its
// words in the composer, or the conversation.
func (m Model) openAsAsked(msg handleMsg, conv uint64) (Model, tea.Cmd) {
	if msg.rest != "" && msg.action != keys.Open {
		m.cmdWords = pendingWords{words: msg.rest, since: m.common.Now()}
	}
	open := common.OpenConversationMsg{ConversationID: conv, Reply: msg.action != keys.Open, DM: msg.action == keys.DM}
	return m, func() tea.Msg { return open }
}

// chooseFromFile carries out a ":reply @handle words" on the conversation
// chosen in the person's file (enter there); false when none waits.
func (m Model) chooseFromFile(open common.OpenConversationMsg) (Model, tea.Cmd, bool) {
	c := m.chosen
	m.chosen = nil
	if c == nil || m.screen.right != sideCustomer || m.customer.Person() != c.means.Person.ID || open.Reply {
		return m, nil, false
	}
	next, cmd := m.openAsAsked(*c, open.ConversationID)
	return next, cmd, true
}

// chosenDoes says what enter will do with the conversation chosen.
func chosenDoes(msg handleMsg) string {
	switch {
	case msg.action == keys.Open:
		return "opens it"
	case msg.rest != "":
		return "answers it with your words"
	}
	return "answers it"
}
