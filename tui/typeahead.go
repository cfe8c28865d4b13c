package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/tui/keys"
)

// typeAheadFor is how long keys typed after a reply was asked for are
// kept for its composer: its conversation opening and its thread
// loading take milliseconds; past this the composer is not coming.
const typeAheadFor = 2 * time.Second

// maxTypeAhead bounds the keys kept meanwhile.
const maxTypeAhead = 1024

// typeAhead is the keys typed between asking for a composer (r, D) and
// its opening, which takes a message or two and a load: typed fast, the
// words of a reply are never taken for commands on the inbox or the
// thread ("n" a note, "d" done).
type typeAhead struct {
	asked time.Time // when a composer was asked for; zero when none is
	keys  []tea.KeyPressMsg
}

// asksForComposer reports whether the key asks for a composer, as the
// pane it goes to reads it.
func (m Model) asksForComposer(msg tea.KeyPressMsg) bool {
	_, a, ok := m.keyOwner(msg)
	return ok && (a == keys.Reply || a == keys.DM)
}

// holdsKey keeps a key typed while a composer is on its way. ctrl+c is
// never held.
func (m *Model) holdsKey(msg tea.KeyPressMsg) bool {
	t := &m.typedAhead
	if t.asked.IsZero() || m.screen.composing || len(t.keys) >= maxTypeAhead {
		return false
	}
	if _, a, ok := m.keyOwner(msg); ok && a == keys.Interrupt {
		return false
	}
	if m.common.Now().Sub(t.asked) > typeAheadFor { // the composer is not coming
		m.dropTyped()
		return false
	}
	t.keys = append(t.keys, msg)
	return true
}

// dropTyped forgets the keys held for a composer that did not open, and
// says so: applied now they would be commands the person never meant.
func (m *Model) dropTyped() {
	if n := len(m.typedAhead.keys); n > 0 {
		m.status.SetNotice(fmt.Sprintf("%d keys typed for a reply that did not open were dropped", n))
	}
	m.typedAhead = typeAhead{}
}

// replayTyped hands the keys held to the composer once it is open.
func (m Model) replayTyped() (Model, tea.Cmd) {
	if !m.screen.composing || m.typedAhead.asked.IsZero() {
		return m, nil
	}
	held := m.typedAhead.keys
	m.typedAhead = typeAhead{}
	return m.press(held)
}

// listWait is the keys typed while what they act on was on its way: the
// list's page (see inbox.Moving) or, with the keys in the thread, the
// conversation just opened (thread.Loading). They are applied, in
// order, once it lands, so that a burst like "G g j j r" replies to the
// third row, never to the row the cursor was on before the page replaced
// it, and "enter r thanks" writes a reply, never r on a thread still
// empty (ignored) and then "n" for a note.
type listWait struct {
	since time.Time // when the first key was held; zero when none is
	keys  []tea.KeyPressMsg
}

// loading reports that the keys' target is on its way: the list's
// page, or the thread that has the keys.
func (m Model) loading() bool {
	return m.inbox.Moving() || m.screen.focus == focusThread && m.thread.Loading()
}

// holdsForList keeps a key typed while its target loads (see loading),
// where the key goes to the list or the thread or acts on their
// selection: not in the composer, a prompt, the search, the report or
// the help. ctrl+c is never held.
func (m *Model) holdsForList(msg tea.KeyPressMsg) bool {
	w := &m.listWait
	s := m.screen
	if !m.loading() || s.composing || s.searching || s.reporting || m.showHelp || m.prompt.Active() || len(w.keys) >= maxTypeAhead {
		return false
	}
	if _, a, ok := m.keyOwner(msg); ok && a == keys.Interrupt {
		return false
	}
	if w.since.IsZero() {
		w.since = m.common.Now()
	} else if m.common.Now().Sub(w.since) > typeAheadFor { // the page is not coming: the keys would act blind
		m.status.SetNotice(fmt.Sprintf("%d keys typed while the list or the conversation did not load were dropped", len(w.keys)))
		m.listWait = listWait{}
		return false
	}
	w.keys = append(w.keys, msg)
	return true
}

// replayForList applies the keys held once what they act on has landed;
// a key that moves it again holds the rest anew.
func (m Model) replayForList() (Model, tea.Cmd) {
	if m.loading() || len(m.listWait.keys) == 0 {
		return m, nil
	}
	held := m.listWait.keys
	m.listWait = listWait{}
	return m.press(held)
}

// press runs keys through Update in order, as typed: the one way held
// and generated keys (type-ahead, the list's wait, a command line's
// words) are applied.
func (m Model) press(keys []tea.KeyPressMsg) (Model, tea.Cmd) {
	cmds := make([]tea.Cmd, 0, len(keys))
	var out tea.Model = m
	for _, k := range keys {
		var c tea.Cmd
		out, c = out.Update(k)
		cmds = append(cmds, c)
	}
	return out.(Model), tea.Batch(cmds...)
}
