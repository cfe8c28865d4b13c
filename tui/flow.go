package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/composer"
	"github.com/harkhq/hark/tui/drive"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/searchview"
)

// handleKey closes the help on any key; else the root's bindings come
// first, then the prompt's when it is open, else the focused pane's.
// While something is typed into, every key but the interrupt is its.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	armed := m.quitArmed // a quit key pressed once; any other key disarms it
	m.quitArmed = ""
	m.followArmed = false
	b, ok := rootBindings().Find(m, m.common.Keys, msg)
	if ok && (b.Action == keys.Quit || b.Action == keys.Interrupt) {
		m.quitArmed = armed
	}
	switch {
	case ok && b.Action == keys.Interrupt && m.prompt.Active(): // ctrl+c in a prompt cancels the prompt, as in a shell
		return m, m.prompt.Handle(drive.Key(m.common.Keys.Binding(keys.Back).Keys()[0]))
	case ok && b.Action == keys.Interrupt:
		return b.Do(m)
	case m.showHelp:
		m.showHelp = false
		return m, nil
	case ok:
		return b.Do(m)
	case m.prompt.Active():
		var cmd tea.Cmd
		cmd = m.prompt.Handle(msg)
		return m, cmd
	}
	next, cmd := m.route(msg)
	return next, tea.Batch(cmd, next.typed())
}

// keyOwner names who takes a key now and the action it runs: the root,
// or the focused pane (the prompt while open). It reads the same lists,
// in the same order, as handleKey and the panes' Update.
func (m Model) keyOwner(msg tea.KeyPressMsg) (owner string, a keys.Action, ok bool) {
	if a, ok := bind.Which(rootBindings().Show(m), m.common.Keys, msg); ok {
		return "root", a, true
	}
	pane := m.focusedPane()
	a, ok = bind.Which(pane.Bindings(), m.common.Keys, msg)
	return m.focusName(), a, ok
}

// switchView shows the ith view: a built-in one, or a saved search.
func (m Model) switchView(i int) (tea.Model, tea.Cmd) {
	if i < len(store.Views) {
		m.screen = m.screen.list()
		m.followArmed = true // the thread shows what the new view's cursor is on
		show := m.inbox.SetView(store.Views[i])
		return m, tea.Batch(show, loadCounts(m.common))
	}
	m.screen = m.screen.search()
	open := m.search.Open(m.savedViews[i-len(store.Views)].Query)
	return m, open
}

// handleEvent turns the poller's news into refreshes.
func (m Model) handleEvent(e listen.Event) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{waitEvent(m.events)}
	switch e := e.(type) {
	case listen.State:
		m.status.SetState(e)           // the poller's own trouble shows in its state; an error of the owner's action stays until read
		if e.Phase != listen.Syncing { // a sync's reads are billed even when nothing new came
			cmds = append(cmds, loadCounts(m.common))
		}
	case listen.LiveState:
		m.status.SetLive(e)
	case listen.FirstRead:
		m.status.SetNotice("reading your own posts back to " + e.Since.Local().Format("Jan 2") + ": replies from X's app join their conversations")
	case listen.Arrived:
		cmds = append(cmds, m.refresh(scopeList, scopeCounts))
		if m.screen.reporting { // the report redraws as posts arrive
			cmds = append(cmds, m.reportView.Load())
		}
		if n := inbound(e.Posts); n > 0 {
			if !m.inbox.AtTop() && m.inbox.Order() == store.NewestFirst {
				m.newAbove += n // the window stays put: say what came above (listed oldest first, it came below, at the end)
			}
			cmds = append(cmds, notify(m.common.Notify, n))
		}
		for _, p := range e.Posts {
			if m.screen.open() && p.ConversationID == m.thread.ConversationID() {
				cmds = append(cmds, m.refresh(scopeThread))
				break
			}
		}
	}
	return m, tea.Batch(cmds...)
}

// handleFlow moves between panes as conversations open, replies start,
// close and go out; other messages go to the panes.
func (m Model) handleFlow(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OpenConversationMsg:
		if next, cmd, ok := m.chooseFromFile(msg); ok {
			return next, cmd
		}
		m.screen = m.screen.show(sideThread)
		if !m.screen.searching {
			m.inbox.SelectConversation(msg.ConversationID) // the list points at what the thread shows
		}
		switch {
		case msg.Reply:
			m.composeAfter = composeOnLoad{convID: msg.ConversationID, dm: msg.DM}
		case msg.ConversationID != m.composeAfter.convID: // another conversation: the reply waiting is not for it
			m.composeAfter = composeOnLoad{}
		} // the same one again keeps its reply: "enter r" typed fast sends two opens, which may land in either order
		return m, tea.Batch(m.thread.Open(msg.ConversationID, msg.PostID), markRead(m.common.Store, msg.ConversationID))
	case common.ConversationReadMsg:
		m.inbox, _ = m.inbox.Update(msg)
		return m, loadCounts(m.common)
	case common.ReplyMsg:
		return m.compose(msg.To, msg.DM)
	case composer.QueuedMsg:
		return m.queued(msg)
	case common.TakenBackMsg:
		return m.takenBack(msg.Item)
	case common.ThreadLoadedMsg:
		return m.composeLoaded(msg.ConversationID)
	case searchview.KeptMsg:
		m.status.SetNotice("search kept · " + m.common.Keys.Binding(keys.SaveView).Help().Key + " saves it as a view")
		return m, nil
	case savedViewsMsg:
		m.savedViews = msg.views
		if !msg.undo.Empty() {
			m.undo = append(m.undo, undoStep{undo: msg.undo, label: msg.notice})
			msg.notice += undoHint(m, msg.undo)
		}
		if msg.notice != "" {
			m.status.SetNotice(msg.notice)
		}
		return m, loadSavedCounts(m.common.Store, msg.views, m.common.Now())
	case common.ItemsChangedMsg:
		m.kick()
		refresh := m.refresh(scopeOutbox, scopeThread)
		return m, tea.Batch(refresh, loadFailed(m.common.Store)) // a retry or a cancel takes a ✗ away
	}
	next, cmd := m.route(msg)
	return next, cmd
}

// route sends a message to the pane it concerns: a key to the focused
// pane, anything else to every pane (the composer only while it is
// open: what comes for a closed one is stale).
func (m Model) route(msg tea.Msg) (Model, tea.Cmd) {
	if _, isKey := msg.(tea.KeyPressMsg); isKey {
		if m.screen.focus == focusInbox || m.screen.focus == focusSearch && !m.search.Editing() {
			m.followArmed = true // the person moves the cursor (the list's, or the results')
		}
		cmd := m.focusedPane().Handle(msg)
		if c, closed := m.composer.TakeClosed(); closed { // in this message: the next key is the list's
			m.screen = m.screen.composed()
			return m, tea.Batch(cmd, m.keepDraft(c.ConversationID, c.Draft))
		}
		return m, cmd
	}
	var cmds []tea.Cmd
	for _, p := range m.panes() {
		if p == common.Pane(m.composer) && !m.screen.composing {
			continue
		}
		cmds = append(cmds, p.Handle(msg))
	}
	return m, tea.Batch(cmds...)
}

func markRead(st *store.Store, convID uint64) tea.Cmd {
	return func() tea.Msg {
		if _, err := st.MarkRead(convID); err != nil {
			return common.ErrorMsg{Err: err}
		}
		return common.ConversationReadMsg{ConversationID: convID}
	}
}
