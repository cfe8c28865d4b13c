// Package tui is hark's terminal interface. This root model is a router:
// it lays the panes out, sends each message to the pane it concerns, and
// turns the poller's events into refreshes.
package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/presence"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/composer"
	"github.com/harkhq/hark/tui/customer"
	"github.com/harkhq/hark/tui/inbox"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/outboxview"
	"github.com/harkhq/hark/tui/prompt"
	"github.com/harkhq/hark/tui/reportview"
	"github.com/harkhq/hark/tui/searchview"
	"github.com/harkhq/hark/tui/statusbar"
	"github.com/harkhq/hark/tui/thread"
)

// Sources are the background workers' streams; nil ones when offline.
type Sources struct {
	Listen <-chan listen.Event
	Outbox <-chan outbox.Event
	// Changed tells that another hark command changed the database.
	Changed <-chan struct{}
	// HookFailed tells of a hook that failed (its posts wait for it).
	HookFailed <-chan error
	// ServeErr is why this inbox could not serve other hark commands
	// (its socket could not be bound): they wait until it closes.
	ServeErr error
}

// Model is the root model.
type Model struct {
	common *common.Common
	inbox  inbox.Model
	thread thread.Model
	// The composer, the prompt and the search hold text inputs, whose
	// styles make each several kilobytes: they are kept by pointer, so
	// that copying the root (every Update, every method call) stays
	// cheap. Only the root changes them, in its Update.
	composer   *composer.Model
	customer   customer.Model
	prompt     *prompt.Model
	status     statusbar.Model
	outboxView outboxview.Model
	reportView reportview.Model
	search     *searchview.Model
	// screen is what is shown and where the keys go; laid is the window
	// and screen the panes were last laid out for.
	screen     screen
	laid       laidOut
	savedViews []store.SavedView
	// savedCounts is how many posts each saved search finds, by query.
	savedCounts map[string]int
	showHelp    bool
	// drafts mirrors the drafts kept in the database (see keepDraft);
	// draftSeq numbers the pauses in typing, older ones are dropped.
	drafts   map[uint64]string
	draftSeq int
	// quitArmed is the quit key pressed once while something was
	// unfinished: pressed again, it quits.
	quitArmed keys.Action
	counts    store.Counts
	// cursorWas is the conversation the list's cursor was on, to follow
	// it when it moves.
	cursorWas uint64
	// followArmed is set while the person moves the list's cursor: only
	// then does the thread follow it.
	followArmed bool
	// newAbove counts the conversations that got new posts above the
	// window while the person was down the list.
	newAbove int
	// noticeTimed is the notice whose expiry is on the clock.
	noticeTimed int
	// undo puts back the triage actions, newest last; lastQueued is what
	// ctrl+z takes back from the outbox.
	undo       []undoStep
	lastQueued []store.Item
	// composeAfter is a composer waiting for its thread to be shown;
	// typedAhead the keys typed before a composer opened, for it.
	composeAfter composeOnLoad
	typedAhead   typeAhead
	// listWait holds the keys typed while the list's page is on its way.
	listWait listWait
	// cmdWords are a command line's words waiting for what its key opens.
	cmdWords pendingWords
	// chosen is what ":reply @handle words" does with the conversation
	// chosen in the person's file, when they had several open.
	chosen     *handleMsg
	events     <-chan listen.Event
	sends      <-chan outbox.Event
	changes    <-chan struct{}
	hookFailed <-chan error
	// claims are the team's (who is replying where), claimed the
	// conversation this person's claim is on (0: none); alone, empty.
	claims  presence.Claims
	claimed uint64
	// timers runs the clock-driven refreshes (countdowns, snooze wake-ups);
	// tests turn it off and send the messages themselves.
	timers bool
}

// New returns the root model over the workers' streams.
func New(c *common.Common, src Sources) Model {
	events := src.Listen
	return Model{
		common:     c,
		inbox:      inbox.New(c),
		thread:     thread.New(c),
		composer:   ptr(composer.New(c)),
		customer:   customer.New(c),
		prompt:     ptr(prompt.New(c)),
		outboxView: outboxview.New(c),
		reportView: reportview.New(c),
		search:     ptr(searchview.New(c)),
		status:     statusbar.New(c, events != nil, src.ServeErr),
		drafts:     map[uint64]string{},
		events:     events,
		sends:      src.Outbox,
		changes:    src.Changed,
		hookFailed: src.HookFailed,
		timers:     true,
	}
}

// ptr keeps a pane by pointer.
func ptr[M any](m M) *M { return &m }

// eventMsg carries one poller event.
type eventMsg struct{ event listen.Event }

// countsMsg carries the inbox totals.
type countsMsg struct {
	counts store.Counts
	// today is what X billed today; stand is where the month's spend
	// stands against the budget.
	today spend.Micros
	stand spend.Standing
}

// tickMsg refreshes countdowns in the status bar.
type tickMsg time.Time

// Init loads the inbox and starts listening.
func (m Model) Init() tea.Cmd {
	return tea.Batch(wake(m.common.Store, m.common.Now()), m.inbox.Init(), loadCounts(m.common), loadSavedViews(m.common.Store), loadDrafts(m.common.Store, m.common.Me), loadFailed(m.common.Store),
		waitEvent(m.events), waitSend(m.sends), waitChange(m.changes), waitHook(m.hookFailed), m.tick(), m.wakeTick(),
		waitClaims(m.common), waitTeamNotice(m.common))
}

// Update routes a message, then lays the panes out if the window, the
// screen or the prompt changed: the one place sizes are set.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	nm, typed := next.(Model).replayTyped()
	nm, held := nm.replayForList()
	nm, words := nm.typeCommandWords()
	cmd = tea.Batch(cmd, typed, held, words)
	if nm.inbox.AtTop() {
		nm.newAbove = 0
	}
	follow := nm.followCursor()
	nm.status.SetMarked(nm.inbox.MarkedCount() + nm.search.MarkedCount()) // counted, not listed: this runs on every message
	nm.status.SetAnswering(nm.answeringAccount())
	nm.inbox.SetDrafts(nm.drafts) // the rows read it as drawn: no copy
	nm.followClaim()
	nm.layoutIfChanged()
	return nm, tea.Batch(cmd, follow, nm.expireNotice())
}

// noticeExpiredMsg ends the notice numbered seq.
type noticeExpiredMsg struct{ seq int }

// expireNotice starts the clock of a new notice, once: a notice tells
// what was just done, and goes when it is no longer news.
func (m *Model) expireNotice() tea.Cmd {
	seq := m.status.NoticeSeq()
	if seq == m.noticeTimed || !m.timers {
		return nil
	}
	m.noticeTimed = seq
	return tea.Tick(statusbar.NoticeLife, func(time.Time) tea.Msg { return noticeExpiredMsg{seq: seq} })
}

// update routes a message.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.common.Width, m.common.Height = msg.Width, msg.Height
		m.layoutIfChanged() // the page reloaded is as tall as the new list
		reload := m.inbox.Reload()
		return m, reload
	case tea.KeyPressMsg:
		if both, ok := m.escAndKey(msg); ok {
			return m.press(both)
		}
		m.status.KeyPressed()
		if m.holdsKey(msg) || m.holdsForList(msg) {
			return m, nil
		}
		if m.asksForComposer(msg) {
			m.typedAhead = typeAhead{asked: m.common.Now()}
		}
		return m.handleKey(msg)
	case tea.MouseClickMsg:
		return m.click(msg)
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case changedMsg: // a hark command run through this one's socket
		refresh := m.refresh()
		return m, tea.Batch(refresh, loadSavedViews(m.common.Store), waitChange(m.changes))
	case handleMsg:
		return m.handleFound(msg)
	case claimsMsg, teamNoticeMsg:
		return m.handleTeam(msg)
	case common.NoticeMsg:
		m.status.SetNotice(msg.Text)
		return m, nil
	case noticeExpiredMsg:
		m.status.Expire(msg.seq)
		return m, nil
	case dwelledMsg:
		return m.dwelled(msg)
	case copiedMsg:
		return m.copied(msg)
	case failedMsg:
		m.inbox.SetFailed(msg.ids)
		return m, nil
	case eventMsg:
		return m.handleEvent(msg.event)
	case sendMsg:
		return m.handleSend(msg.event)
	case countsMsg: // what changed the counts may change the saved views' too
		m.counts = msg.counts
		m.status.SetCounts(msg.counts)
		m.status.SetSpend(msg.today, msg.stand)
		return m, loadSavedCounts(m.common.Store, m.savedViews, m.common.Now())
	case savedCountsMsg:
		m.savedCounts = msg.counts
		return m, nil
	case emailedMsg:
		return m.emailed(msg)
	case hookFailedMsg:
		m.status.SetHookErr(msg.err)
		return m, waitHook(m.hookFailed)
	case triagedMsg:
		return m.triaged(msg)
	case tagsMsg:
		return m, m.prompt.Open(msg.req, msg.tags)
	case prompt.SubmitMsg:
		return m.submit(msg)
	case prompt.ChangedMsg:
		// Changes come back as commands, which run side by side: typed
		// fast, "kenji" can land after "kenjij". The text is read as it is
		// now, and only while the prompt is open (its submit carries the
		// last word, its cancel clears it).
		if msg.Kind == prompt.Filter && m.prompt.Active() {
			return m.filterChanged(m.prompt.Value())
		}
		return m, nil
	case prompt.CancelledMsg:
		if msg.Kind == prompt.Filter {
			return m.clearFilter()
		}
		return m, nil
	case wakeMsg:
		return m, tea.Batch(wake(m.common.Store, m.common.Now()), m.wakeTick())
	case wokeMsg:
		if msg.n == 0 {
			return m, nil
		}
		refresh := m.refresh()
		return m, refresh
	case tickMsg:
		m.thread.Rerender()
		return m, m.tick()
	case common.ErrorMsg:
		m.status.SetError(msg.Err)
		return m, nil
	case draftsMsg:
		for conv, d := range msg.drafts {
			if _, typing := m.drafts[conv]; !typing {
				m.drafts[conv] = d.Text
			}
		}
		return m, nil
	case draftTickMsg:
		return m.saveTyped(msg)
	}
	return m.handleFlow(msg)
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion // click selects, the wheel scrolls
	v.WindowTitle = "hark — @" + m.common.Account.Username
	return v
}

func loadCounts(c *common.Common) tea.Cmd {
	st, prices, budget, now, me := c.Store, c.Prices, c.Budget, c.Now(), c.Me
	return func() tea.Msg {
		counts, err := st.CountsFor(me)
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		rows, err := st.SpendSince(spend.MonthDay(now))
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return countsMsg{
			counts: counts,
			today:  prices.Today(rows, now),
			stand:  budget.Stand(prices.Total(rows)),
		}
	}
}

// hookFailedMsg tells of a hook that failed, or (nil) that it works
// again.
type hookFailedMsg struct{ err error }

// waitHook waits for a hook to fail.
func waitHook(failed <-chan error) tea.Cmd {
	return waitOn(failed, func(err error) tea.Msg { return hookFailedMsg{err: err} })
}

// waitOn waits for a background stream's next value and hands it to
// Update as msg makes it: nil for no stream (offline, alone), nothing
// once the stream is closed. Each handler waits again after its message.
func waitOn[T any](ch <-chan T, msg func(T) tea.Msg) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		v, ok := <-ch
		if !ok {
			return nil
		}
		return msg(v)
	}
}

// changedMsg tells that another hark command changed the database.
type changedMsg struct{}

// waitChange waits for another hark command to change the database.
func waitChange(changes <-chan struct{}) tea.Cmd {
	return waitOn(changes, func(struct{}) tea.Msg { return changedMsg{} })
}

// waitEvent waits for the poller's next event (never, offline).
func waitEvent(events <-chan listen.Event) tea.Cmd {
	return waitOn(events, func(e listen.Event) tea.Msg { return eventMsg{event: e} })
}

// tick refreshes the status bar's countdowns each second while polling.
func (m Model) tick() tea.Cmd {
	if m.events == nil || !m.timers {
		return nil
	}
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// wakeTick asks, now and then, for the snoozes that ended.
func (m Model) wakeTick() tea.Cmd {
	if !m.timers {
		return nil
	}
	return tea.Tick(wakeEvery, func(time.Time) tea.Msg { return wakeMsg{} })
}
