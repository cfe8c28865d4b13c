package tui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/keys"
)

// rootBindings are the root's own keys. Interrupt works everywhere; the
// others work over the panes that are not typed into (not the composer,
// the prompt or a search being typed), and before the focused pane's.
func rootBindings() bind.List[Model] {
	l := bind.List[Model]{
		{Action: keys.Interrupt, Do: quitWith(keys.Interrupt)},
		{Action: keys.Help, Do: Model.openHelp, When: Model.keysFree, Hint: true},
		{Action: keys.CommandLine, Do: Model.openCommandLine, When: Model.keysFree},
		{Action: keys.Filter, Do: Model.openFilter, When: Model.canFilter},
		{Action: keys.Quit, Do: quitWith(keys.Quit), When: Model.keysFree, Hint: true},
		{Action: keys.SwitchPane, Do: Model.switchPane, When: Model.twoPanes},
		{Action: keys.Back, Do: Model.back, When: Model.canGoBack},
		{Action: keys.Back, Do: Model.clearFilter, When: Model.filtered}, // nothing else to leave: the filter goes
		{Action: keys.Back, Do: Model.leaveSearch, When: Model.typingSearch, Hint: true},
		{Action: keys.Search, Do: Model.openSearch, When: Model.keysFree, Hint: true},
		{Action: keys.SaveView, Do: Model.askViewName, When: Model.searchKept},
		{Action: keys.RenameView, Do: Model.askRename, When: Model.onSavedView},
		{Action: keys.DeleteView, Do: Model.askDelete, When: Model.onSavedView},
		{Action: keys.Outbox, Do: Model.showOutbox, When: Model.keysFree},
		{Action: keys.Report, Do: Model.showReport, When: Model.keysFree},
		{Action: keys.TakeBack, Do: Model.takeBack, When: Model.canTakeBack},
	}
	for _, a := range triageActions {
		l = append(l, bind.Binding[Model]{
			Action: a,
			Do:     triageWith(a),
			When:   Model.onConversation,
			Hint:   a == keys.Done || a == keys.Tag || a == keys.Snooze,
		})
	}
	l = append(l,
		bind.Binding[Model]{Action: keys.HandOff, Do: Model.askHandOff, When: Model.canHandOff},
		bind.Binding[Model]{Action: keys.AccountView, Do: Model.nextAccountView, When: Model.severalAccounts},
		bind.Binding[Model]{Action: keys.Assign, Do: Model.askAssign, When: Model.canAssign},
		bind.Binding[Model]{Action: keys.MineView, Do: Model.showMine, When: Model.onTeam},
		bind.Binding[Model]{Action: keys.ToEmail, Do: Model.toEmail, When: Model.canEmail},
		bind.Binding[Model]{Action: keys.Undo, Do: Model.undoLast, When: Model.keysFree},
		bind.Binding[Model]{Action: keys.OpenOnX, Do: Model.openOnX, When: Model.onPublicPost},
		bind.Binding[Model]{Action: keys.CopyLink, Do: Model.copyLink, When: Model.onPublicPost},
	)
	for i, a := range keys.Views {
		l = append(l, bind.Binding[Model]{Action: a, Do: viewWith(i), When: hasView(i)})
	}
	return l
}

// keysFree reports whether keys are commands, not typing.
func (m Model) keysFree() bool {
	f := m.screen.focus
	return !m.prompt.Active() && f != focusComposer && !(f == focusSearch && m.search.Editing())
}

func (m Model) twoPanes() bool { return m.keysFree() && m.screen.open() }

func (m Model) canGoBack() bool {
	return m.keysFree() && (m.screen.open() || m.screen.searching || m.screen.reporting)
}

func (m Model) searchKept() bool {
	return m.keysFree() && m.screen.searching && m.search.Query() != ""
}

func (m Model) canTakeBack() bool { return m.keysFree() && len(m.lastQueued) > 0 }

// onConversation reports whether a conversation is at hand to act on:
// marked, open, or under the cursor.
func (m Model) onConversation() bool {
	return m.keysFree() && m.screen.focus != focusOutbox && m.screen.focus != focusReport && len(m.targets()) > 0
}

// onPublicPost reports whether a post with a link on X is at hand.
func (m Model) onPublicPost() bool {
	_, ok := postLink(m.currentPost())
	return m.keysFree() && m.screen.focus != focusOutbox && m.screen.focus != focusReport && ok
}

// openOnX opens the post at hand on X, in the browser.
func (m Model) openOnX() (Model, tea.Cmd) {
	url, _ := postLink(m.currentPost())
	if m.common.Remote() { // the browser would open on the server's desktop: the address goes to the person's clipboard
		m.status.SetNotice(url + " (copied by OSC 52: open it in your browser)")
		return m, tea.SetClipboard(url)
	}
	m.status.SetNotice("opening " + url)
	return m, openURL(url)
}

// hasView reports whether the ith view exists: built-in or saved.
func hasView(i int) func(Model) bool {
	return func(m Model) bool {
		return m.keysFree() && i < len(store.Views)+len(m.savedViews)
	}
}

// asRoot adapts a root handler to a binding's.
func asRoot(f func(Model) (tea.Model, tea.Cmd)) func(Model) (Model, tea.Cmd) {
	return func(m Model) (Model, tea.Cmd) {
		next, cmd := f(m)
		return next.(Model), cmd
	}
}

func quitWith(a keys.Action) func(Model) (Model, tea.Cmd) {
	return asRoot(func(m Model) (tea.Model, tea.Cmd) { return m.quit(a) })
}

func triageWith(a keys.Action) func(Model) (Model, tea.Cmd) {
	return asRoot(func(m Model) (tea.Model, tea.Cmd) { return m.handleTriage(a) })
}

func viewWith(i int) func(Model) (Model, tea.Cmd) {
	return asRoot(func(m Model) (tea.Model, tea.Cmd) { return m.switchView(i) })
}

func (m Model) openHelp() (Model, tea.Cmd) {
	m.showHelp = true
	return m, nil
}

func (m Model) switchPane() (Model, tea.Cmd) {
	m.screen = m.screen.switchPane()
	return m, nil
}

// back closes what is on top; leaving a search stops it.
func (m Model) back() (Model, tea.Cmd) {
	m.screen = m.screen.back(m.thread.ConversationID() != 0)
	m.chosen = nil // leaving the file drops a choice asked for there
	if !m.screen.searching {
		m.search.Stop()
	}
	return m, nil
}

// typingSearch: the search's query is being typed.
func (m Model) typingSearch() bool {
	return m.screen.searching && m.screen.focus == focusSearch && m.search.Editing() && !m.prompt.Active()
}

// leaveSearch leaves a search being typed at once, in this message: a
// key typed right after esc (esc z, fast) is the list's, never typed into
// the query (the search's own esc told the root by a message, which came
// after that key).
func (m Model) leaveSearch() (Model, tea.Cmd) {
	m.search.Stop()
	m.screen = m.screen.list()
	return m, nil
}

func (m Model) openSearch() (Model, tea.Cmd) {
	m.screen = m.screen.search()
	open := m.search.Open("")
	return m, open
}

// showReport shows the service report, worked out afresh.
func (m Model) showReport() (Model, tea.Cmd) {
	m.screen = m.screen.report()
	return m, m.reportView.Load()
}

func (m Model) showOutbox() (Model, tea.Cmd) {
	m.screen = m.screen.show(sideOutbox)
	return m, m.outboxView.Load()
}

// KeyContexts are the sets of actions whose keys are live at once: each
// pane's with the root's that work over it (only the interrupt, over what
// is typed into). A key bound twice in one is refused at start.
func KeyContexts() []keys.Context {
	root := rootBindings().Actions()
	var out []keys.Context
	for _, p := range paneTable {
		over := root
		if p.typing {
			over = []keys.Action{keys.Interrupt}
		}
		out = append(out, keys.Context{
			Name:    p.name,
			Actions: append(slices.Clip(p.actions()), over...),
		})
	}
	return out
}
