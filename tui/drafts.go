package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
)

// draftPause is how long typing must pause before the draft is saved:
// a crash loses at most that much of what was typed.
const draftPause = time.Second

// draftsMsg carries the drafts kept in the database, at start.
type draftsMsg struct{ drafts map[uint64]store.Draft }

// draftTickMsg fires when typing in the composer paused.
type draftTickMsg struct{ seq int }

func loadDrafts(st *store.Store, person string) tea.Cmd {
	return func() tea.Msg {
		d, err := st.Drafts(person)
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return draftsMsg{drafts: d}
	}
}

// keepDraft records a conversation's draft (empty: none) and saves it.
// m.drafts mirrors the database for the composer, which opens at once;
// the database is what a quit or a crash leaves.
func (m *Model) keepDraft(convID uint64, text string) tea.Cmd {
	if strings.TrimSpace(text) == "" {
		delete(m.drafts, convID)
	} else {
		m.drafts[convID] = text
	}
	st, now, me := m.common.Store, m.common.Now(), m.common.Me
	return func() tea.Msg {
		if err := st.SaveDraft(convID, me, text, now); err != nil {
			return common.ErrorMsg{Err: err}
		}
		return nil
	}
}

// typed schedules a save of the composer's text once typing pauses.
func (m *Model) typed() tea.Cmd {
	if !m.screen.composing || !m.timers { // tests turn the clock off
		return nil
	}
	if conv, text := m.composer.Draft(); m.drafts[conv] == text {
		return nil
	}
	m.draftSeq++
	seq := m.draftSeq
	return tea.Tick(draftPause, func(time.Time) tea.Msg { return draftTickMsg{seq: seq} })
}

// saveTyped saves what the composer holds, when typing paused.
func (m Model) saveTyped(msg draftTickMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.draftSeq || !m.screen.composing {
		return m, nil
	}
	conv, text := m.composer.Draft()
	m.renewClaim()
	return m, m.keepDraft(conv, text)
}

// unfinished says what quitting now would leave: a draft (kept) and
// replies still in their undo window (they go out anyway), or "".
func (m Model) unfinished() string {
	var what []string
	if _, text := m.composer.Draft(); m.screen.composing && strings.TrimSpace(text) != "" {
		what = append(what, "draft kept")
	}
	for _, it := range m.lastQueued {
		if it.NotBefore.After(m.common.Now()) {
			what = append(what, "a reply waits in its undo window: quit now and it goes when hark next runs online")
			break
		}
	}
	return strings.Join(what, " · ")
}

// quit leaves, saving the draft being written first. When something is
// unfinished it asks first: the same key again quits.
func (m Model) quit(a keys.Action) (tea.Model, tea.Cmd) {
	save := func() tea.Msg { return nil }
	if m.screen.composing {
		conv, text := m.composer.Draft()
		save = m.keepDraft(conv, text)
	}
	if what := m.unfinished(); what != "" && m.quitArmed != a {
		m.quitArmed = a
		m.status.SetNotice(what + " · " + m.common.Keys.Binding(a).Help().Key + " again quits")
		return m, save
	}
	return m, tea.Sequence(save, tea.Quit)
}
