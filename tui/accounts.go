package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/prompt"
)

// answeringAccount is the shop's account that answers the conversation
// at hand: the open thread's, else the row's under the cursor (0: the
// first account).
func (m Model) answeringAccount() uint64 {
	if m.screen.open() && m.thread.ConversationID() != 0 {
		return m.thread.Account()
	}
	row, _ := m.inbox.Selected()
	return row.Conversation.Account
}

// severalAccounts: the shop has more than one account, and keys are free.
func (m Model) severalAccounts() bool { return m.keysFree() && len(m.common.Accounts) > 1 }

// nextAccountView narrows the list to the next of the shop's accounts,
// and after the last shows them all again: a view per account.
func (m Model) nextAccountView() (Model, tea.Cmd) {
	next := uint64(0)
	accounts := m.common.Accounts
	switch i := slices.IndexFunc(accounts, func(u model.User) bool { return u.ID == m.inbox.Account() }); {
	case m.inbox.Account() == 0:
		next = accounts[0].ID
	case i >= 0 && i+1 < len(accounts):
		next = accounts[i+1].ID
	}
	m.screen = m.screen.list()
	load := m.inbox.SetAccount(next)
	if next == 0 {
		m.status.SetNotice("every account's conversations")
	} else {
		u, _ := m.common.AccountByID(next)
		m.status.SetNotice("only @" + u.Username + "'s conversations")
	}
	return m, load
}

// canHandOff: a conversation at hand, and another account to give it.
func (m Model) canHandOff() bool { return m.onConversation() && len(m.common.Accounts) > 1 }

// askHandOff asks which account takes the conversations, and why.
func (m Model) askHandOff() (Model, tea.Cmd) {
	names := model.Accounts(m.common.Accounts).Handles()
	ids := m.targets()
	accountNamed := m.common.AccountNamed
	return m, m.prompt.Open(prompt.Request{
		Kind:    prompt.HandOff,
		Label:   "Hand off " + plural(len(ids), "conversation") + " to",
		Hint:    strings.Join(names, " or ") + " (tab completes), then a note for them",
		Targets: ids,
		Check: func(s string) (string, error) { // an unknown account keeps the prompt and its text, with the reason
			name, note, _ := strings.Cut(s, " ")
			to, ok := accountNamed(name)
			switch {
			case !ok:
				return "", fmt.Errorf("%q is not one of the shop's accounts: %s", name, strings.Join(names, ", "))
			case strings.TrimSpace(note) == "":
				return "@" + to.Username + ": now a note for them (the customer is not told)", nil
			}
			return "@" + to.Username + ", with the note", nil
		},
	}, names)
}

// handOff gives conversations to the account named first in value, the
// rest of it the note.
func (m Model) handOff(msg prompt.SubmitMsg) (tea.Model, tea.Cmd) {
	name, note, _ := strings.Cut(strings.TrimSpace(msg.Value), " ")
	to, ok := m.common.AccountNamed(name)
	if !ok {
		return m, func() tea.Msg { return common.ErrorMsg{Err: fmt.Errorf("%q is not one of the shop's accounts", name)} }
	}
	st, ids, now := m.common.Store, msg.Targets, m.common.Now()
	m.moveOn(ids)
	return m, triage("handed off to @"+to.Username, func() (store.Undo, error) {
		return st.HandOff(ids, to, strings.TrimSpace(note), now)
	})
}
