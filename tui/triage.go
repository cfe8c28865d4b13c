package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/prompt"
	"github.com/harkhq/hark/when"
)

// triageActions are the keys that act on conversations.
var triageActions = []keys.Action{
	keys.Done, keys.Reopen, keys.ToggleUnread, keys.Tag, keys.Snooze, keys.Note, keys.PersonNote, keys.Customer,
}

// undoDepth is how many triage actions undo can take back, newest first.
const undoDepth = 50

// undoStep is one triage action that undo can take back, and what it was.
type undoStep struct {
	undo  store.Undo
	label string
}

// triagedMsg reports a finished triage action.
type triagedMsg struct {
	undo   store.Undo
	notice string
	err    error
	// asked is the prompt's answer the action carried out, if one did:
	// failed, it opens again with the text (see Reopen).
	asked *prompt.SubmitMsg
}

// tagsMsg carries the tags in use, for the tag prompt's completion.
type tagsMsg struct {
	req  prompt.Request
	tags []string
}

// wakeMsg asks for the snoozes that are due to end.
type wakeMsg struct{}

// wokeMsg tells how many snoozes ended.
type wokeMsg struct{ n int }

// wakeEvery is how often hark looks for snoozes that ended.
const wakeEvery = 30 * time.Second

// targets are the conversations an action applies to: the marked ones, or
// else the one open or under the cursor.
func (m Model) targets() []uint64 {
	marked := m.inbox.Marked()
	if m.screen.searching {
		marked = m.search.Marked()
	}
	if len(marked) > 0 {
		return marked
	}
	if id, _ := m.current(); id != 0 {
		return []uint64{id}
	}
	return nil
}

// current is the conversation open, else the one under the cursor, and
// its customer; zeros for none.
func (m Model) current() (conv, customer uint64) {
	if m.screen.open() && m.screen.focus != m.screen.left() && m.thread.ConversationID() != 0 {
		return m.thread.ConversationID(), m.thread.CustomerID()
	}
	if m.screen.searching {
		if hit, ok := m.search.Selected(); ok {
			return hit.Post.ConversationID, hit.Conversation.CustomerID
		}
		return 0, 0
	}
	if row, ok := m.inbox.Selected(); ok {
		return row.Conversation.ID, row.Conversation.CustomerID
	}
	return 0, 0
}

// currentPost is the post at hand: the open thread's post a reply would
// answer when it has the keys, else the newest post of the result or
// row under the cursor.
func (m Model) currentPost() model.Post {
	if m.screen.open() && m.screen.focus != m.screen.left() {
		if p, _, ok := m.thread.ReplyTarget(); ok {
			return p
		}
		return model.Post{}
	}
	if m.screen.searching {
		hit, _ := m.search.Selected()
		return hit.Post
	}
	row, _ := m.inbox.Selected()
	return row.Last
}

// handleTriage starts a triage action.
func (m Model) handleTriage(a keys.Action) (tea.Model, tea.Cmd) {
	st, ids, me := m.common.Store, m.targets(), m.common.Me
	if len(ids) == 0 {
		return m, nil
	}
	n := plural(len(ids), "conversation")
	switch a {
	case keys.Done:
		m.moveOn(ids)
		return m, triage("done: "+n, func() (store.Undo, error) { return st.SetStatus(ids, store.StatusDone, me) })
	case keys.Reopen:
		return m, triage("reopened: "+n, func() (store.Undo, error) { return st.SetStatus(ids, store.StatusOpen, me) })
	case keys.ToggleUnread:
		return m, triage("read state toggled: "+n, func() (store.Undo, error) { return st.ToggleUnread(ids) })
	case keys.Tag:
		req := prompt.Request{Kind: prompt.Tags, Label: "Tags for " + n, Hint: "+add -remove, tab completes", Targets: ids}
		return m, func() tea.Msg {
			tags, _ := st.Tags()
			return tagsMsg{req: req, tags: tags}
		}
	case keys.Snooze:
		return m.openPrompt(prompt.Request{
			Kind:    prompt.Snooze,
			Label:   "Snooze " + n + " until",
			Hint:    "5m · in 2 hours · tomorrow 9am · mon 14:00 · 2026-12-01 09:00",
			Targets: ids,
			Check:   snoozeCheck(m.common.Now),
		})
	case keys.Note:
		return m.openPrompt(prompt.Request{Kind: prompt.Note, Label: "Note on this conversation", Hint: "never sent", Targets: ids[:1]})
	case keys.PersonNote:
		if _, c := m.current(); c != 0 {
			return m.openPrompt(prompt.Request{Kind: prompt.PersonNote, Label: "Note on this person", Hint: "never sent", Person: c})
		}
	case keys.Customer:
		if _, c := m.current(); c != 0 {
			m.screen = m.screen.show(sideCustomer)
			return m, m.customer.Open(c)
		}
	}
	return m, nil
}

func (m Model) openPrompt(req prompt.Request) (tea.Model, tea.Cmd) {
	return m, m.prompt.Open(req, nil)
}

// submit carries out what a prompt asked for.
func (m Model) submit(msg prompt.SubmitMsg) (tea.Model, tea.Cmd) {
	st, now := m.common.Store, m.common.Now()
	ids := msg.Targets
	switch msg.Kind {
	case prompt.Command:
		return m.runCommand(msg.Value)
	case prompt.Filter:
		next, apply := m.filterChanged(msg.Value) // the text as entered, whatever changes are still on their way
		kept, notice := next.filterKept()
		return kept, tea.Batch(apply, notice)
	case prompt.Tags:
		add, remove := store.TagEdits(strings.Fields(msg.Value))
		return m, asked(msg, triage("tagged: "+plural(len(ids), "conversation"), func() (store.Undo, error) { return st.Tag(ids, add, remove) }))
	case prompt.Snooze:
		until, err := when.Parse(msg.Value, now)
		if err != nil {
			return m, func() tea.Msg { return common.ErrorMsg{Err: err} }
		}
		m.moveOn(ids)
		label := fmt.Sprintf("snoozed %s until %s", plural(len(ids), "conversation"), until.Format("Mon Jan 2 15:04"))
		return m, asked(msg, triage(label, func() (store.Undo, error) { return st.Snooze(ids, until) }))
	case prompt.Note:
		return m, asked(msg, triage("note kept", func() (store.Undo, error) {
			_, u, err := st.AddNote(ids[0], msg.Value, now, m.common.Me)
			return u, err
		}))
	case prompt.PersonNote:
		return m, asked(msg, triage("note on the person kept", func() (store.Undo, error) {
			_, u, err := st.AddPersonNote(msg.Person, msg.Value, now, m.common.Me)
			return u, err
		}))
	case prompt.HandOff:
		return m.handOff(msg)
	case prompt.Assign:
		return m.assign(msg)
	case prompt.ViewName:
		return m.changeViews("saved view "+msg.Value, func(st *store.Store) (store.Undo, error) { return st.SaveView(msg.Value, msg.Query) })
	case prompt.RenameView:
		return m.changeViews("renamed view "+msg.View+" to "+msg.Value, func(st *store.Store) (store.Undo, error) { return st.RenameView(msg.View, msg.Value) })
	case prompt.DeleteView:
		return m.changeViews("deleted view "+msg.View, func(st *store.Store) (store.Undo, error) { return st.DeleteView(msg.View) })
	}
	return m, nil
}

// snoozeCheck reads a snooze time as it is typed, for the prompt.
func snoozeCheck(now func() time.Time) func(string) (string, error) {
	return func(s string) (string, error) {
		t, err := when.Parse(s, now())
		if err != nil {
			return "", err
		}
		return t.Format("Mon Jan 2 15:04"), nil
	}
}

// triaged records an action's undo and refreshes what it changed.
func (m Model) triaged(msg triagedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.failedAfterPrompt(msg)
	}
	if !msg.undo.Empty() {
		m.undo = append(m.undo, undoStep{undo: msg.undo, label: msg.notice})
		m.undo = m.undo[max(0, len(m.undo)-undoDepth):]
	}
	m.status.SetNotice(msg.notice + undoHint(m, msg.undo))
	m.inbox.ClearMarks()
	m.search.ClearMarks()
	refresh := m.refresh()
	return m, refresh
}

// failedAfterPrompt says why an action failed; one a prompt asked for
// opens that prompt again with its text, while its conversations are
// still those at hand (else the text is said with the error: a prompt
// reopened over another conversation would act on the wrong one).
func (m Model) failedAfterPrompt(msg triagedMsg) (tea.Model, tea.Cmd) {
	a := msg.asked
	if a == nil {
		m.status.SetError(msg.err)
		return m, nil
	}
	if m.prompt.Active() || !m.keysFree() || !m.stillAtHand(*a) {
		m.status.SetError(fmt.Errorf("%w (you typed %q)", msg.err, a.Value))
		return m, nil
	}
	m.status.SetError(msg.err)
	return m, m.prompt.Reopen(*a, msg.err)
}

// stillAtHand reports whether what a prompt acted on is still what an
// action would act on now.
func (m Model) stillAtHand(a prompt.SubmitMsg) bool {
	if a.Kind == prompt.PersonNote {
		_, person := m.current()
		return person == a.Person
	}
	return slices.Equal(m.targets(), a.Targets)
}

// asked tags a triage command's answer with the prompt answer it carries
// out.
func asked(msg prompt.SubmitMsg, cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		done := cmd().(triagedMsg)
		done.asked = &msg
		return done
	}
}

func undoHint(m Model, u store.Undo) string {
	if u.Empty() {
		return ""
	}
	return " · " + m.common.Keys.Binding(keys.Undo).Help().Key + " undoes"
}

// moveOn moves on from the conversation open in the thread once it is
// dealt with (done, snoozed, answered): the thread follows the list's
// cursor to the next one.
func (m *Model) moveOn(ids []uint64) {
	if len(ids) == 1 && m.screen.searching && m.screen.focus == focusSearch {
		m.search.MoveOn(ids[0])
		return
	}
	if conv := m.thread.ConversationID(); len(ids) == 1 && ids[0] == conv && m.screen.right == sideThread {
		m.inbox.MoveOn(conv)
		m.followArmed = true
	}
}

// undoLast takes back the newest triage action not yet undone, and says
// which it was.
func (m Model) undoLast() (Model, tea.Cmd) {
	if len(m.undo) == 0 {
		return m, notice("nothing to undo")
	}
	step := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	st := m.common.Store
	left := ""
	if n := len(m.undo); n > 0 {
		left = fmt.Sprintf(" (%d more to undo)", n)
	}
	undo := triage("undone: "+step.label+left, func() (store.Undo, error) { return store.Undo{}, st.Undo(step.undo) })
	return m, func() tea.Msg { // the undo done first, then the saved views read again: a view put back shows its tab
		done := undo()
		return tea.BatchMsg{func() tea.Msg { return done }, loadSavedViews(st)}
	}
}

// scope names what a refresh reloads.
type scope int

// The scopes.
const (
	scopeList     scope = 1 << iota // the list's window, and a kept search
	scopeCounts                     // the tabs' counts
	scopeThread                     // the thread shown
	scopeCustomer                   // the customer file shown
	scopeOutbox                     // the outbox pane
	// scopeAll is every one: what a change of any conversation may touch.
	scopeAll = scopeList | scopeCounts | scopeThread | scopeCustomer | scopeOutbox
)

// refresh reloads what the scopes name (everything, given none), each
// only where it is shown: the one place a change on disk reaches the
// screen.
func (m *Model) refresh(scopes ...scope) tea.Cmd {
	want := scope(0)
	for _, s := range scopes {
		want |= s
	}
	if want == 0 {
		want = scopeAll
	}
	var cmds []tea.Cmd
	if want&scopeList != 0 {
		cmds = append(cmds, m.inbox.Reload())
		if m.screen.searching {
			cmds = append(cmds, m.search.Reload())
		}
	}
	if want&scopeCounts != 0 {
		cmds = append(cmds, loadCounts(m.common))
	}
	if want&scopeThread != 0 && m.screen.open() {
		cmds = append(cmds, m.thread.Reload())
	}
	if want&scopeCustomer != 0 && m.screen.right == sideCustomer {
		cmds = append(cmds, m.customer.Reload())
	}
	if want&scopeOutbox != 0 && m.screen.right == sideOutbox {
		cmds = append(cmds, m.outboxView.Load())
	}
	return tea.Batch(cmds...)
}

func triage(label string, op func() (store.Undo, error)) tea.Cmd {
	return func() tea.Msg {
		u, err := op()
		return triagedMsg{undo: u, notice: label, err: err}
	}
}

func notice(s string) tea.Cmd {
	return func() tea.Msg { return triagedMsg{notice: s} }
}

// wake ends the snoozes that are due.
func wake(st *store.Store, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ids, err := st.WakeDue(now)
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return wokeMsg{n: len(ids)}
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
