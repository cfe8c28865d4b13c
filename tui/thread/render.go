package thread

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/harkhq/hark/hints"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
	"github.com/harkhq/hark/when"
)

// View draws the header and the posts.
func (m Model) View() string {
	return layout.Fit(m.header()+"\n"+m.vp.View(), m.width, m.height)
}

func (m Model) header() string {
	st := m.common.Styles
	if len(m.posts) == 0 {
		return st.TitleDim.Render("No conversation open")
	}
	_, user, _ := m.ReplyTarget()
	title := st.TitleDim // the title is lit where the keys are
	if m.focused {
		title = st.Title
	}
	what := "post"
	if _, dm := model.IsDMConversation(m.conv.ID); dm {
		what = "DM"
	}
	if len(m.posts) != 1 {
		what += "s"
	}
	head := title.Render(fmt.Sprintf("@%s · %s", user.Username, user.Name))
	if others := m.claims.Others(m.conv.ID, m.common.Me); len(others) > 0 { // first: the line is cut at the pane's edge
		head = st.CounterWarn.Render("✎ "+whoReplies(others)) + " " + head
	}
	if m.moreOpen > 0 { // the same customer waits elsewhere too: p lists where
		more := fmt.Sprint(m.moreOpen)
		if m.moreFloor {
			more += "…"
		}
		head += st.Tag.Render(fmt.Sprintf(" · +%s open (%s)", more, m.common.Keys.Binding(keys.Customer).Help().Key))
	}
	if above := m.postsAbove(); above > 0 { // opened scrolled (at a search hit, at the newest): say what is up there
		head += st.TitleDim.Render(fmt.Sprintf(" · ↑%d above", above))
	}
	head += st.TitleDim.Render(fmt.Sprintf(" · %d %s · %s", len(m.posts), what, m.conv.Status))
	if m.conv.StatusBy != "" {
		head += st.TitleDim.Render(" by " + m.conv.StatusBy)
	}
	if m.conv.Assignee != "" {
		head += st.Tag.Render(" · ▸" + m.conv.Assignee)
	}
	if m.conv.Snoozed() {
		head += st.TitleDim.Render(" · snoozed until " + m.conv.SnoozeUntil.Local().Format("Jan 2 15:04"))
	}
	for _, t := range m.conv.Tags {
		head += " " + st.Tag.Render("#"+t)
	}
	return head
}

// render lays the posts and notes out for the viewport, by time.
func (m *Model) render() {
	if m.width <= 0 {
		return
	}
	var b strings.Builder
	notes := m.notes
	m.postLines = m.postLines[:0]
	for i, p := range m.posts {
		for len(notes) > 0 && notes[0].At.Before(p.CreatedAt) {
			b.WriteString(m.renderNote(notes[0]))
			notes = notes[1:]
		}
		if i > 0 {
			b.WriteString("\n")
		}
		line := strings.Count(b.String(), "\n")
		m.postLines = append(m.postLines, line)
		if p.ID == m.focus {
			m.focusLine = line
		}
		b.WriteString(m.renderPost(p))
	}
	for _, n := range notes {
		b.WriteString(m.renderNote(n))
	}
	for _, it := range m.pending {
		b.WriteString(m.renderPending(it))
	}
	m.vp.SetContent(b.String())
}

// renderPending draws an item still in the outbox: when it goes, or why
// it did not.
func (m Model) renderPending(it store.Item) string {
	st := m.common.Styles
	what := it.What()
	var head string
	switch {
	case it.State == store.Failed:
		head = m.wrapped(st.Error, "✗ "+what+" not sent: "+it.LastError, "  ") // the whole reason, wrapped
	case it.State == store.Sending:
		head = st.Hint.Render("⏳ " + what + " being sent")
	default:
		wait := it.NotBefore.Sub(m.common.Now()).Round(time.Second)
		takeBack := " (" + m.common.Keys.Binding(keys.TakeBack).Help().Key + " takes it back)"
		when := "goes now"
		switch {
		case !m.common.Online():
			when = "waits for X (offline: it goes when hark runs online)" + takeBack
		case wait > 0:
			when = "goes in " + wait.String() + takeBack
		}
		if it.LastError != "" {
			when += " · " + it.LastError
		}
		head = st.Hint.Render("⏳ " + what + " " + when)
	}
	body := layout.Wrap(it.Text, max(10, m.width-5), " ")
	return "\n" + head + "\n" + st.Hint.Render("    "+strings.ReplaceAll(body, "\n", "\n    ")) + "\n"
}

// Rerender redraws the thread, for countdowns.
func (m *Model) Rerender() {
	if len(m.pending) > 0 {
		atBottom := m.vp.AtBottom()
		m.render()
		if atBottom {
			m.vp.GotoBottom()
		}
	}
}

// renderNote draws an internal note, which X never sees.
func (m Model) renderNote(n store.Note) string {
	st := m.common.Styles
	text := layout.Wrap(n.Text, max(10, m.width-4), " ")
	by := ""
	if n.By != "" {
		by = " by " + n.By
	}
	return "\n" + st.Note.Render("✎ note"+by+" · "+n.At.Local().Format("Jan 2 15:04")) + "\n" +
		st.Note.Render("  "+strings.ReplaceAll(text, "\n", "\n  ")) + "\n"
}

// renderHints says what a customer's post seems to be, and why.
func (m Model) renderHints(text string) string {
	if m.hintsHidden {
		return ""
	}
	var parts []string
	for _, h := range hints.Of(text) {
		parts = append(parts, fmt.Sprintf("%s (%s)", h.Kind, strings.Join(h.Words, ", ")))
	}
	if len(parts) == 0 {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(layout.Wrap(strings.Join(parts, " · "), max(10, m.width-3), " "), "\n") {
		b.WriteString("  " + m.common.Styles.Hint.Render(l) + "\n")
	}
	return b.String()
}

func (m Model) renderPost(p model.Post) string {
	st := m.common.Styles
	u := m.users[p.AuthorID]
	when := p.CreatedAt.Local().Format("Jan 2 15:04") + " · " + when.Age(m.common.Now(), p.CreatedAt)
	header := st.PostHeader.Render("@"+u.Username) + " " + st.PostTime.Render(u.Name+" · "+when)
	body, indent := st.PostText, "  "
	switch p.Kind {
	case model.Reply:
		who := "↳ " + m.byWhom(p.By) + " (@" + u.Username + ")"
		if p.MadeElsewhere() {
			who += ", from " + network.TitleOf(p.Network()) // the shop's own timeline found it: the network's app, or another tool
		}
		header = st.OwnHeader.Render(who) + " " + st.PostTime.Render(when)
		body, indent = st.OwnText, "    "
	case model.DMSent:
		to := m.users[p.InReplyToUser]
		header = st.OwnHeader.Render("✉ "+m.byWhom(p.By)+", by DM to @"+to.Username) + " " + st.PostTime.Render(when)
		body, indent = st.OwnText, "    "
	case model.DMIn:
		header = st.PostHeader.Render("✉ @"+u.Username) + " " + st.PostTime.Render(u.Name+" · by DM · "+when)
	case model.Context:
		header += " " + st.PostTime.Render("· earlier, for context")
	case model.Unavailable:
		return st.PostTime.Render("  a post here is not available (deleted, or its author's posts are protected)") + "\n"
	case model.Deleted:
		return st.PostTime.Render("  a post was deleted by its author") + "\n"
	}
	if p.Edited() {
		header += " " + st.PostTime.Render(m.editedNote(len(p.Earlier)))
	}
	if m.common.MultiNetwork() {
		net := p.Network()
		if net == "" {
			net = network.X
		}
		header = st.Network(net).Render(common.NetworkMark(p.Network())) + " " + header
	}
	if p.ID == m.focus {
		header = st.Mark.Render("▸ found") + " " + header
	}
	wrapped := layout.Wrap(p.Text, max(10, m.width-len(indent)-1), " ")
	var lines []string
	for _, l := range strings.Split(wrapped, "\n") {
		lines = append(lines, indent+body.Render(l))
	}
	out := header + "\n" + strings.Join(lines, "\n") + "\n"
	if m.earlier {
		out += m.renderEarlier(p, indent)
	}
	if !p.Kind.Ours() {
		out += m.renderHints(p.Text)
	}
	return out
}

// editedNote marks an edited post in its header, short enough for a
// narrow pane: the hint bar says which key shows the earlier text.
func (m Model) editedNote(n int) string {
	switch {
	case n == 0:
		return "· edited (X did not give the earlier text)"
	case n == 1:
		return "· edited"
	}
	return fmt.Sprintf("· edited %d times", n)
}

// renderEarlier draws the texts an edited post had, oldest first.
func (m Model) renderEarlier(p model.Post, indent string) string {
	st := m.common.Styles
	var b strings.Builder
	for i, v := range p.Earlier {
		b.WriteString(indent + st.PostTime.Render(fmt.Sprintf("version %d of %d, before the edit:", i+1, len(p.Earlier)+1)) + "\n")
		for _, l := range strings.Split(layout.Wrap(v.Text, max(10, m.width-len(indent)-3), " "), "\n") {
			b.WriteString(indent + "  " + st.Hint.Render(l) + "\n")
		}
	}
	return b.String()
}

// wrapped renders text in style, wrapped to the pane, the lines after
// the first indented.
func (m Model) wrapped(style lipgloss.Style, text, indent string) string {
	lines := strings.Split(layout.Wrap(text, max(10, m.width-len(indent)-1), " "), "\n")
	for i, l := range lines {
		if i > 0 {
			l = indent + l
		}
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}

// PostsAbove counts the posts that start above the lines shown.
func (m Model) PostsAbove() int { return m.postsAbove() }

// postsAbove counts the posts that start above the lines shown.
func (m Model) postsAbove() int {
	n := 0
	for _, l := range m.postLines {
		if l < m.vp.YOffset() {
			n++
		}
	}
	return n
}

// byWhom names who of the shop wrote a reply: "you" for this person's
// own (and every one, alone), else the person of the team (hark serve),
// or "the shop" for one written elsewhere or before the team.
func (m Model) byWhom(by string) string {
	switch {
	case by == m.common.Me || !m.common.OnTeam():
		return "you"
	case by == "":
		return "the shop"
	}
	return by
}

// whoReplies says who of the team is replying in the conversation.
func whoReplies(names []string) string {
	verb := " is replying"
	if len(names) > 1 {
		verb = " are replying"
	}
	return strings.Join(names, ", ") + verb
}
