// Package statusbar is the bottom line: the account, what the poller is
// doing and when it acts next, the unread count and the last error.
package statusbar

import (
	"errors"
	"fmt"
	"time"

	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/tui/layout"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/when"
)

// Model is the status bar.
type Model struct {
	common *common.Common
	// answering is the account that answers the conversation at hand.
	answering uint64
	state     listen.State
	// live is the push's latest state; nil while nothing is pushed.
	live    *listen.LiveState
	polling bool
	counts  store.Counts
	err     error
	// serveErr is why this inbox serves no other hark command (its
	// socket could not be had): they wait until it closes.
	serveErr error
	// hookErr is why a hook fails, until it works again.
	hookErr error
	// errAt is when the error came: a key pressed errSeen later clears it.
	errAt  time.Time
	notice string
	// noticeSeq numbers the notices, so that a notice's expiry clears
	// that notice and not a newer one.
	noticeSeq int
	// marked counts the conversations marked for a bulk action.
	marked int
	// queue is how many items wait in the outbox, and why if X holds them.
	queue       int
	queueReason string
	// today is what X billed today; stand is where the month's spend
	// stands against the budget.
	today spend.Micros
	stand spend.Standing
	width int
}

// New returns a status bar; polling is false when hark runs offline;
// serveErr is why the inbox serves no other hark command, if it does not.
func New(c *common.Common, polling bool, serveErr error) Model {
	return Model{common: c, polling: polling, serveErr: serveErr}
}

// SetWidth sets the bar's width in cells.
func (m *Model) SetWidth(w int) { m.width = w }

// SetState records the poller's latest state.
func (m *Model) SetState(s listen.State) { m.state = s }

// SetLive records the push's latest state.
func (m *Model) SetLive(s listen.LiveState) { m.live = &s }

// SetCounts records the inbox totals.
func (m *Model) SetCounts(c store.Counts) { m.counts = c }

// NoticeLife is how long a notice shows; errSeen how long an error
// shows before a key press clears it (the person has seen it).
const (
	NoticeLife = 6 * time.Second
	errSeen    = 2 * time.Second
)

// SetError records the latest error (nil clears it); an error replaces
// the notice, and stays until a key is pressed once it was seen.
func (m *Model) SetError(err error) {
	m.err, m.errAt = err, m.common.Now()
	if err != nil {
		m.notice = ""
	}
}

// KeyPressed clears an error shown long enough to have been read.
func (m *Model) KeyPressed() {
	if m.err != nil && m.common.Now().Sub(m.errAt) >= errSeen {
		m.err = nil
	}
}

// NoticeSeq numbers the notice shown; the root asks it to expire after
// NoticeLife.
func (m Model) NoticeSeq() int { return m.noticeSeq }

// Expire clears the notice numbered seq, if it still shows.
func (m *Model) Expire(seq int) {
	if seq == m.noticeSeq {
		m.notice = ""
	}
}

// SetSpend records today's spend and where the month stands against the
// budget.
func (m *Model) SetSpend(today spend.Micros, stand spend.Standing) { m.today, m.stand = today, stand }

// SetQueue records how many items wait to be sent, and why.
func (m *Model) SetQueue(n int, reason string) { m.queue, m.queueReason = n, reason }

// SetMarked records how many conversations are marked, for the bar.
func (m *Model) SetMarked(n int) { m.marked = n }

// SetHookErr records why a hook fails (its posts wait for it), shown
// until it works again (nil): the feeder tells a failure once.
func (m *Model) SetHookErr(err error) { m.hookErr = err }

// SetAnswering names the shop's account that answers the conversation
// at hand (its X user id; 0 for the first account).
func (m *Model) SetAnswering(id uint64) { m.answering = id }

// accountView is the account that answers the conversation at hand, in
// its colour where the shop has several.
func (m Model) accountView() string {
	u := m.common.Account
	if a, ok := m.common.AccountByID(m.answering); ok && len(m.common.Accounts) > 1 {
		u = a
	}
	who := " @" + u.Username
	if m.common.OnTeam() { // on a team: who is at this terminal, for the shop
		who = " " + m.common.Me + " for @" + u.Username
	}
	return m.common.Styles.Account(m.common.AccountIndex(u.ID), true).Render(who)
}

// SetNotice shows what the last action did, and clears the error.
func (m *Model) SetNotice(s string) {
	m.notice, m.err = s, nil
	m.noticeSeq++
}

// View draws the bar.
func (m Model) View() string {
	st := m.common.Styles
	sep := st.Status.Render(" │ ")
	// What just happened comes first: on a narrow bar it is what is cut
	// last, and it goes by itself (a notice expires, an error is read).
	left := m.accountView()
	if m.err != nil {
		left += sep + st.StatusError.Render(oneLine(m.err))
	}
	if m.notice != "" {
		left += sep + st.Notice.Render(m.notice)
	}
	if m.marked > 0 { // what d, t or z will act on: said before what is cut first
		left += sep + st.Notice.Render(fmt.Sprintf("%d marked", m.marked))
	}
	left += sep + m.syncView() + m.liveView() + sep + st.Status.Render(fmt.Sprintf("%d unread", m.counts.Unread)) + sep + m.spendView()
	if m.hookErr != nil {
		left += sep + st.StatusWarn.Render(oneLine(m.hookErr))
	}
	if m.serveErr != nil { // it lasts as long as this inbox: said until it closes
		left += sep + st.StatusWarn.Render("other harks wait: "+oneLine(m.serveErr))
	}

	if m.queue > 0 {
		q := fmt.Sprintf("⏳ %d to send", m.queue)
		if m.queueReason != "" {
			q += " · " + layout.Truncate(m.queueReason, 30, "…")
		}
		left += sep + st.StatusWarn.Render(q)
	}
	if layout.Width(left) > m.width {
		left = layout.Truncate(left, m.width, "…")
	}
	return left + st.Status.Render(fmt.Sprintf("%*s", max(m.width-layout.Width(left), 0), ""))
}

// spendView says what X billed today, and warns near the budget.
func (m Model) spendView() string {
	st := m.common.Styles
	text := m.today.String() + " today"
	switch m.stand {
	case spend.Near:
		return st.StatusWarn.Render(text + " · budget 80%+")
	case spend.Spent:
		return st.StatusError.Render(text + " · budget spent")
	}
	return st.Status.Render(text)
}

// liveView says whether the network pushes: live since when, or polling
// and why, and when the push is tried again; nothing when none is asked.
func (m Model) liveView() string {
	st := m.common.Styles
	switch l := m.live; {
	case l == nil:
		return ""
	case l.Off:
		return st.Status.Render(" · live off: polling")
	case l.Live:
		return st.StatusSync.Render(" · ● live since " + l.Since.Local().Format("15:04"))
	}
	// the wait before the reason: a narrow bar cuts the reason, not when
	return st.StatusWarn.Render(" · polling, live again in " + until(m.common.Now(), m.live.Next) + ": " + shortError(m.live.Err))
}

// syncView says what the poller does.
func (m Model) syncView() string {
	st := m.common.Styles
	if !m.polling {
		return st.StatusWarn.Render("offline (no polling)")
	}
	now := m.common.Now()
	s := m.state
	switch s.Phase {
	case listen.Syncing:
		return st.StatusSync.Render("⟳ syncing…")
	case listen.Idle:
		idle := st.StatusSync.Render("✓ idle") + st.Status.Render(" · next poll in "+until(now, s.Next))
		if s.Note != "" {
			idle += st.StatusWarn.Render(" · ⚠ " + s.Note)
		}
		return idle
	case listen.RateLimited:
		return st.StatusWarn.Render("⏸ rate-limited until " + when.Clock(s.Next, now))
	case listen.Offline:
		return st.StatusWarn.Render("✗ offline") + st.Status.Render(" · retry in "+until(now, s.Next)+" · "+shortError(s.Err))
	case listen.Paused:
		return st.StatusError.Render("⏸ budget spent: not reading") + st.Status.Render(" · sends go on")
	case listen.Stopped:
		switch {
		case errors.Is(s.Err, network.ErrUnauthorized):
			return st.StatusError.Render("✗ " + m.title() + " refused the credentials")
		case errors.Is(s.Err, network.ErrOutOfCredits):
			return st.StatusError.Render("✗ out of " + m.title() + " credits: top up your " + m.title() + " developer account")
		case s.Err != nil:
			return st.StatusError.Render("✗ stopped: " + shortError(s.Err))
		}
		return st.StatusError.Render("✗ stopped")
	}
	return ""
}

func until(now, t time.Time) string {
	d := t.Sub(now).Round(time.Second)
	if d < 0 {
		d = 0
	}
	return d.String()
}

func shortError(err error) string {
	if err == nil {
		return ""
	}
	return layout.Truncate(oneLine(err), 40, "…")
}

func oneLine(err error) string {
	s := err.Error()
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

// title is the name of the account's network, as a person says it.
func (m Model) title() string { return network.TitleOf(m.common.Account.Network()) }
