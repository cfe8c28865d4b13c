package inbox

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/layout"
	"github.com/harkhq/hark/when"
)

// Column widths of a row.
const (
	maxHandleWidth = 20
	ageWidth       = when.AgeWidth
	// wakeWidth is the Snoozed view's time column: "Mon 15:04".
	wakeWidth = 9
)

// renderRow draws one conversation: unread mark, @handle (and the number
// of posts), a one-line snippet of the newest post, and its age.
func (m Model) renderRow(row store.Row, selected bool) string {
	st := m.common.Styles
	c := row.Conversation
	unread := c.Unread > 0
	mark, plainMark := "  ", "  "
	switch {
	case m.marked[c.ID]:
		mark, plainMark = st.Marked.Render("✓")+" ", "✓ "
	case m.failed[c.ID]: // a reply or DM that did not go: the outbox says why
		mark, plainMark = st.Error.Render("✗")+" ", "✗ "
	case m.drafts[c.ID] != "": // a reply begun here, kept
		mark, plainMark = st.Note.Render("✎")+" ", "✎ "
	case c.Woken: // ⏰ is two cells wide: a space after it, the handle one cell narrower
		mark, plainMark = st.Woken.Render("⏰")+" ", "⏰ "
	case unread:
		mark, plainMark = st.UnreadDot.Render("●")+" ", "● "
	}
	who := "@" + row.Customer.Username
	if row.Customer.Username == "" {
		who = "@?"
	}
	if _, dm := model.IsDMConversation(c.ID); dm {
		who = "✉ " + who // a DM conversation: private, answered by DM
	}
	if n := row.Conversation.Posts; n > 1 {
		who += fmt.Sprintf(" (%d)", n)
	}
	handleWidth := min(maxHandleWidth, m.width/3)
	who = layout.Line(who, handleWidth-(layout.Width(plainMark)-2))
	age, ageWidth := m.age(row), ageWidth
	if m.view == store.ViewSnoozed && c.Snoozed() {
		age, ageWidth = wakeTime(c.SnoozeUntil, m.common.Now()), wakeWidth
	}
	snippetWidth := max(0, m.width-2-handleWidth-1-ageWidth-1)
	snippet, styled := m.snippet(row, snippetWidth)

	text := st.Handle.Render(who) + " " + styled + " " + st.Age.Render(fmt.Sprintf("%*s", ageWidth, age))
	line := mark + text
	switch {
	case selected:
		cursor := st.RowSelected // reversed where the keys are, underlined where not
		if !m.focused {
			cursor = st.RowCursorBlur
		}
		return cursor.Render(layout.Line(plainMark+who+" "+snippet+" "+fmt.Sprintf("%*s", ageWidth, age), m.width))
	case unread:
		return st.RowUnread.Render(line)
	}
	return st.Row.Render(line)
}

// whoSpoke names who of the shop wrote its last post on a row: "you"
// alone or for this person's own; on a team, the person, or "shop" for
// one written elsewhere (the network's app).
func (m Model) whoSpoke(by string) string {
	switch {
	case !m.common.OnTeam() || by == m.common.Me:
		return "you"
	case by == "":
		return "shop"
	}
	return by
}

// replying names the others of the team replying in conversation id
// ("" for none).
func (m Model) replying(id uint64) string {
	if len(m.claims) == 0 { // alone, or no one replying: each row of each frame asks
		return ""
	}
	return strings.Join(m.claims.Others(id, m.common.Me), ",")
}

// netName is a network's name as the theme keys its colour ("" is X's).
func netName(net string) string {
	if net == "" {
		return network.X
	}
	return net
}

// snippet is the row's middle: the account that answers it (another of
// the shop's, in its colour), the customer's other open conversations,
// the tags, and the newest post's words; plain and styled.
func (m Model) snippet(row store.Row, width int) (plain, styled string) {
	st, c := m.common.Styles, row.Conversation
	type part struct {
		text  string
		style lipgloss.Style
	}
	var parts []part
	multi := m.common.MultiNetwork()
	if multi { // the shop is on more than one network: say which this is
		net := row.Last.Network()
		parts = append(parts, part{common.NetworkMark(net) + " ", st.Network(netName(net))})
	}
	if label := m.common.AccountLabel(c.Account); label != "" && !(multi && m.common.AloneOnItsNetwork(c.Account)) {
		parts = append(parts, part{"→" + label + " ", st.Account(m.common.AccountIndex(c.Account), false)})
	}
	if r := m.replying(c.ID); r != "" { // another of the team is answering it now
		parts = append(parts, part{"✎" + r + " ", st.CounterWarn})
	}
	if c.Assignee != "" && m.view != store.Mine(m.common.Me) { // in Mine, every row is this person's

		parts = append(parts, part{"▸" + c.Assignee + " ", st.Tag})
	}
	if more := moreOpen(row); more != "" && width >= minWidthForMore { // "+2": two more open; the customer file (p) lists them
		parts = append(parts, part{more + " ", st.Tag})
	}
	for _, t := range c.Tags {
		parts = append(parts, part{"#" + t + " ", st.Tag})
	}
	prefix := ""
	for _, p := range parts {
		prefix += p.text
	}
	you := ""
	if row.Last.Kind.Ours() { // the shop spoke last: the row waits for the customer
		you = m.whoSpoke(row.Last.By) + ": "
	}
	plain = layout.Line(prefix+you+snippetOf(row.Last.Text), width)
	rest, ok := strings.CutPrefix(plain, prefix)
	if !ok || prefix == "" { // cut inside the prefix: drawn plain
		return plain, plain
	}
	for _, p := range parts {
		styled += p.style.Render(p.text)
	}
	return plain, styled + rest
}

// minWidthForMore is the narrowest snippet that shows "+2": in a list
// beside a thread at 80 columns the words come first.
const minWidthForMore = 20

// moreOpen marks a row whose customer has other open conversations:
// "+2", "+8…" where only the newest of theirs were read.
func moreOpen(row store.Row) string {
	switch {
	case row.MoreOpen > 0 && row.MoreOpenFloor:
		return fmt.Sprintf("+%d…", row.MoreOpen)
	case row.MoreOpen > 0:
		return fmt.Sprintf("+%d", row.MoreOpen)
	}
	return ""
}

// wakeTime is when a snooze ends, shortly: the weekday and time within
// a week, else the date.
func wakeTime(t, now time.Time) string {
	t = t.Local()
	if t.Before(now.AddDate(0, 0, 6)) {
		return t.Format("Mon 15:04")
	}
	return t.Format("Jan 2")
}

func (m Model) age(row store.Row) string {
	return when.Age(m.common.Now(), row.Last.CreatedAt)
}

// snippetOf folds a post onto one line without its leading @mentions,
// which X's own lists hide too: the words start at once.
func snippetOf(s string) string {
	words := strings.Fields(s)
	i := 0
	for i < len(words)-1 && strings.HasPrefix(words[i], "@") {
		i++
	}
	return strings.Join(words[i:], " ")
}
