package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/presence"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/prompt"
)

// The team's part of the inbox (hark serve): who is replying where, the
// notices others send, assignment and Mine. Alone (common.Team nil) none
// of it shows.

// claimsMsg carries the team's claims, each time they change.
type claimsMsg struct{ claims presence.Claims }

// teamNoticeMsg carries a notice another of the team sent this person.
type teamNoticeMsg struct{ text string }

// waitClaims waits for the board's next claims (never, alone).
func waitClaims(c *common.Common) tea.Cmd {
	if c.Team == nil {
		return nil
	}
	return waitOn[presence.Claims](c.Team.Board, func(claims presence.Claims) tea.Msg { return claimsMsg{claims: claims} })
}

// waitTeamNotice waits for a notice from another of the team.
func waitTeamNotice(c *common.Common) tea.Cmd {
	if c.Team == nil {
		return nil
	}
	return waitOn[string](c.Team.Notices, func(text string) tea.Msg { return teamNoticeMsg{text: text} })
}

// handleTeam takes the board's news.
func (m Model) handleTeam(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case claimsMsg:
		m.claims = msg.claims
		m.inbox.SetClaims(msg.claims)
		m.thread.SetClaims(msg.claims)
		return m, waitClaims(m.common)
	case teamNoticeMsg:
		m.status.SetNotice(msg.text)
		return m, waitTeamNotice(m.common)
	}
	return m, nil
}

// followClaim keeps this person's claim on the conversation the composer
// is open on, and on none when it is closed: the claim follows the
// screen, whatever closed the composer (a send, esc, a quit). The board
// is memory behind a mutex, never I/O.
func (m *Model) followClaim() {
	if m.common.Team == nil {
		return
	}
	conv := uint64(0)
	if m.screen.composing {
		conv, _ = m.composer.Draft()
	}
	if conv == m.claimed {
		m.composer.SetReplying(m.claims.Others(conv, m.common.Me))
		return
	}
	if m.claimed != 0 {
		m.common.Team.Release(m.claimed)
	}
	m.claimed = conv
	if conv != 0 {
		m.composer.SetReplying(m.common.Team.Claim(conv))
	}
}

// renewClaim tells the board this person is still replying (the draft
// was saved as they typed): a claim not renewed runs out.
func (m Model) renewClaim() {
	if m.common.Team != nil && m.claimed != 0 {
		m.common.Team.Claim(m.claimed)
	}
}

// tellAlso tells the others whose reply was queued to the same
// conversation just before this person's.
func (m Model) tellAlso(people []string, who string) {
	if m.common.Team == nil {
		return
	}
	for _, p := range people {
		k := m.common.Keys // the outbox names the item: ctrl+z would take back whatever that person sent last
		m.common.Team.Tell(p, fmt.Sprintf("⚠ %s queued a reply to @%s too: %s, then %s on yours, cancels it", m.common.Me, who,
			k.Binding(keys.Outbox).Help().Key, k.Binding(keys.CancelItem).Help().Key))
	}
}

// onTeam: this inbox is a person's of a team, and keys are free.
func (m Model) onTeam() bool { return m.keysFree() && m.common.OnTeam() }

// canAssign: on a team, with a conversation at hand.
func (m Model) canAssign() bool { return m.common.OnTeam() && m.onConversation() }

// askAssign asks who of the team takes the conversations.
func (m Model) askAssign() (Model, tea.Cmd) {
	people := m.common.People
	ids := m.targets()
	return m, m.prompt.Open(prompt.Request{
		Kind:    prompt.Assign,
		Label:   "Assign " + plural(len(ids), "conversation") + " to",
		Hint:    strings.Join(people, ", ") + " (tab completes), me, or - for nobody",
		Targets: ids,
		Check: func(s string) (string, error) {
			switch s = strings.TrimSpace(s); {
			case s == "" || s == "-" || s == "me":
				return "", nil
			case !slices.Contains(people, s):
				return "", fmt.Errorf("%q is not one of the team: %s", s, strings.Join(people, ", "))
			}
			return s, nil
		},
	}, people)
}

// assign gives the conversations to the person named ("me": this
// person; "-": nobody).
func (m Model) assign(msg prompt.SubmitMsg) (tea.Model, tea.Cmd) {
	to := strings.TrimSpace(msg.Value)
	switch to {
	case "me":
		to = m.common.Me
	case "-":
		to = ""
	}
	if to != "" && !slices.Contains(m.common.People, to) {
		return m, func() tea.Msg { return common.ErrorMsg{Err: fmt.Errorf("%q is not one of the team", to)} }
	}
	st, ids, me := m.common.Store, msg.Targets, m.common.Me
	label := "assigned to " + to
	if to == "" {
		label = "assigned to nobody"
	}
	return m, triage(label+": "+plural(len(ids), "conversation"), func() (store.Undo, error) { return st.Assign(ids, to, me) })
}

// showMine lists the conversations assigned to this person, or goes
// back to the Inbox from there.
func (m Model) showMine() (Model, tea.Cmd) {
	m.screen = m.screen.list()
	m.followArmed = true
	v := store.Mine(m.common.Me)
	if m.inbox.CurrentView() == v {
		v = store.ViewInbox
	}
	return m, tea.Batch(m.inbox.SetView(v), loadCounts(m.common))
}

// mineTab is the Mine view's tab, on a team.
func (m Model) mineTab() (tab, bool) {
	if !m.common.OnTeam() {
		return tab{}, false
	}
	v := store.Mine(m.common.Me)
	return tab{
		key:    m.common.Keys.Binding(keys.MineView).Help().Key,
		name:   "mine",
		count:  fmt.Sprint(m.counts.Mine),
		active: m.inbox.CurrentView() == v && !m.screen.searching && !m.screen.reporting,
	}, true
}
