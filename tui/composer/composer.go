// Package composer is where a reply or DM is written: it counts as X
// counts while you type, shows what runs past the limit, knows before
// sending what X would refuse, and queues what it sends in the outbox.
package composer

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// Target is what the composer answers.
type Target struct {
	Post   model.Post // the post a reply answers
	Author model.User // its author, who a DM goes to
	// From is the shop's account it goes from; the zero User for the
	// first account.
	From model.User
	DM   bool // start as a DM
}

// Model is the composer pane.
type Model struct {
	common *common.Common
	// focused tells whether the pane has the keys.
	focused bool
	// closed is what the last key closed, for the root (TakeClosed).
	closed *Closed
	ta     textarea.Model
	target Target
	// eligible is false where X refuses a public reply.
	eligible bool
	dm       bool
	// alsoPublic adds a public "sent you a DM" reply to a DM.
	alsoPublic bool
	// split sends a text over 280 as a numbered thread.
	split      bool
	count      network.Count
	warnings   []string
	overridden bool
	// forced is set once a duplicate was refused: a second send sends it
	// anyway (outbox.FixForce).
	forced  bool
	err     string
	sending bool
	picker  picker
	width   int
	height  int
	// replying are the others of the team with a reply open here too
	// (hark serve): said above the text, and warned of at send.
	replying []string
}

// SetReplying says who else of the team is replying here now.
func (m *Model) SetReplying(people []string) {
	if len(people) > 0 != (len(m.replying) > 0) { // the warning's line comes out of the text's
		m.replying = people
		m.SetSize(m.width, m.height)
	}
	m.replying = people
}

// Closed is a composer closed by a key, with the draft left in it.
type Closed struct {
	ConversationID uint64
	Draft          string
}

// New returns a closed composer.
func New(c *common.Common) Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.Placeholder = "Write a reply that answers the question…"
	ta.CharLimit = 0
	ta.SetStyles(c.Styles.Textarea)
	return Model{common: c, ta: ta, picker: newPicker(c)}
}

// Open starts a reply (or a DM) with a saved draft if there is one. To
// a post X takes no public reply to (it did not mention the shop), it
// opens as a DM and says why.
func (m *Model) Open(t Target, draft string) tea.Cmd {
	if t.From.ID == 0 {
		t.From = m.common.Account
	}
	m.eligible = network.Answerable(t.Post, t.From)
	m.target, m.dm, m.alsoPublic, m.split = t, t.DM || !m.eligible, false, false
	m.err, m.sending, m.warnings, m.overridden, m.forced = "", false, nil, false, false
	m.picker.close()
	m.ta.SetValue(draft)
	m.count = m.countOf()
	m.setPlaceholder()
	return m.ta.Focus()
}

// setPlaceholder says what is being written: a reply, or a DM.
func (m *Model) setPlaceholder() {
	m.ta.Placeholder = "Write a reply that answers the question…"
	if m.dm {
		m.ta.Placeholder = "Write a DM to @" + m.target.Author.Username + " (only they see it)…"
	}
}

// SetSize sets the pane's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, max(h, 8)
	m.ta.SetWidth(w)
	reserved := reservedLines
	if len(m.replying) > 0 {
		reserved++
	}
	m.ta.SetHeight(m.height - reserved)
	m.picker.setWidth(w)
}

// Draft is the conversation written in and the text so far.
func (m Model) Draft() (convID uint64, text string) {
	return m.target.Post.ConversationID, m.ta.Value()
}

// Update handles typing and the composer's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case QueuedMsg:
		m.sending = false
		m.ta.Reset()
		m.count = m.rules().Count("")
		return m, nil
	case preparedMsg:
		return m.afterPrepare(msg)
	case SendFailedMsg:
		m.sending, m.err = false, msg.Err.Error()
		return m, nil
	case editedMsg:
		return m.afterEditor(msg)
	case editorReadyMsg:
		return m, m.runEditor(msg)
	case tea.KeyPressMsg:
		if next, cmd, ok := bindings().Dispatch(m, m.common.Keys, msg); ok {
			return next, cmd
		}
		if m.picker.active {
			return m.typePicker(msg)
		}
	}
	before := m.ta.Value()
	var cmd tea.Cmd
	m.ta, cmd = m.ta.Update(msg)
	if m.ta.Value() != before {
		m.count = m.countOf()
		m.err, m.warnings, m.overridden, m.forced = "", nil, false, false
	}
	return m, cmd
}

// reservedLines are the composer's lines besides the text: the title, the
// count, an error, and a notice of up to two lines.
const reservedLines = 5

// View draws the title, the text, the count and what would stop a send.
func (m Model) View() string {
	st := m.common.Styles
	k := m.common.Keys
	title := st.ComposerTitle.Render(m.title()) + " " + st.TitleDim.Render("· "+k.Binding(keys.Send).Help().Key+" send · "+
		k.Binding(keys.Back).Help().Key+" keeps the draft")
	if m.picker.active {
		return layout.Fit(title+"\n"+m.picker.view(), m.width, m.height)
	}
	lines := []string{title}
	if len(m.replying) > 0 { // before a word is typed: the person may leave it to them
		lines = append(lines, st.CounterWarn.Render("⚠ "+strings.Join(m.replying, ", ")+" "+isAre(len(m.replying))+" replying here too · "+
			k.Binding(keys.Back).Help().Key+" leaves it to them"))
	}
	lines = append(lines, m.ta.View(), m.statusLine())
	if m.err != "" {
		lines = append(lines, st.Error.Render(m.err))
	}
	if notice := m.noticeLine(); strings.Contains(notice, "\n") { // the thread's parts, a line each
		parts := strings.Split(notice, "\n")
		lines = append(lines, parts[:min(maxPreviewLines, len(parts))]...)
	} else if notice != "" {
		wrapped := strings.Split(layout.Wrap(notice, m.width, ""), "\n")
		lines = append(lines, wrapped[:min(2, len(wrapped))]...)
	}
	return layout.Fit(strings.Join(lines, "\n"), m.width, m.height)
}

// Addressee is the handle of the person the reply is to.
func (m Model) Addressee() string { return m.target.Author.Username }

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func (m Model) title() string {
	from := ""
	if len(m.common.Accounts) > 1 {
		from = " from @" + m.target.From.Username // several accounts: say which speaks
	}
	if m.dm {
		t := "DM to @" + m.target.Author.Username + from
		if m.alsoPublic {
			t += " + public \"sent you a DM\""
		}
		return t
	}
	return "Reply to @" + m.target.Author.Username + from
}

// statusLine is the count, the mode keys and the last error.
func (m Model) statusLine() string {
	st := m.common.Styles
	k := m.common.Keys
	toggle := "DM"
	if m.dm {
		toggle = "public reply instead" // in a DM, the key goes back to a reply
	}
	line := m.countView() + "  " + st.TitleDim.Render(fmt.Sprintf("%s %s · %s snippet · %s editor",
		k.Binding(keys.ComposeDM).Help().Key, toggle, k.Binding(keys.Snippet).Help().Key, k.Binding(keys.Editor).Help().Key))
	if m.dm {
		line = st.TitleDim.Render("DM · ") + line
	}
	if m.sending {
		line += "  " + st.TitleDim.Render("queueing…")
	}
	return line
}

// noticeLine warns before the user tries: X's refusal, the overflow, the
// thread the text would become, or the gentle checks.
func (m Model) noticeLine() string {
	st := m.common.Styles
	refusal := outbox.Unanswerable(m.dm, false, m.target.Post, m.target.Author, m.eligible)
	switch {
	case m.dm && refusal != nil: // what Prepare will say, before the owner writes it
		return st.CounterWarn.Render("⚠ " + m.refusalText(refusal))
	case !m.eligible: // why this is a DM, or why a public reply here is refused
		return st.CounterWarn.Render("⚠ " + outbox.WhyNotEligible(m.target.Post, m.target.Author))
	case len(m.warnings) > 0:
		return st.CounterWarn.Render("⚠ " + strings.Join(m.warnings, "; ") + " — send again to send anyway")
	case !m.dm && m.split && m.count.Over():
		return st.TitleDim.Render(m.threadPreview())
	}
	return m.overflowView()
}

// maxPreviewLines bounds the lines the thread's preview takes.
const maxPreviewLines = 6

// threadPreview shows how the text would be cut: a line per part, its
// count, how it starts and how it ends, so a cut in the wrong place is
// seen before it is sent.
func (m Model) threadPreview() string {
	parts := outbox.Split(m.rules(), m.ta.Value())
	lines := []string{fmt.Sprintf("thread of %d:", len(parts))}
	for _, p := range parts {
		n := m.rules().Count(p).Length
		room := max(10, m.width-10)
		shown := p
		if layout.Width(p) > room {
			head := layout.Truncate(p, room/2, "")
			tail := p[len(p)-len(layout.Truncate(reverse(p), room/2-2, "")):]
			shown = head + " … " + tail
		}
		lines = append(lines, fmt.Sprintf("%3d  %s", n, shown))
	}
	return strings.Join(lines, "\n")
}

// reverse is s with its bytes' runes in reverse order, to measure its
// end with Truncate.
func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// countView is "N/280", coloured as the limit nears (the last 20) and
// passes; a DM's, far from its limit, is N alone.
func (m Model) countView() string {
	st := m.common.Styles
	n, limit := m.count.Length, m.count.Limit
	s := fmt.Sprintf("%d/%d", n, limit)
	switch {
	case m.dm && n <= limit:
		return st.Counter.Render(fmt.Sprintf("%d", n))
	case n > limit:
		return st.CounterOver.Render(s)
	case n > limit-20:
		return st.CounterWarn.Render(s)
	}
	return st.Counter.Render(s)
}

// overflowView shows, highlighted, the text past the limit: what to cut.
func (m Model) overflowView() string {
	if m.count.Valid || !m.count.Over() {
		return ""
	}
	body := m.ta.Value()
	over := strings.Join(strings.Fields(body[min(m.count.ValidEnd, len(body)):]), " ")
	hint := fmt.Sprintf("past %d (%s splits): ", m.count.Limit, m.common.Keys.Binding(keys.SplitThread).Help().Key)
	if m.dm {
		hint = fmt.Sprintf("past a DM's %d: ", m.count.Limit) // a DM is not split
	}
	return m.common.Styles.TitleDim.Render(hint) + m.common.Styles.Overflow.Render(over)
}

// SetFocus tells the pane whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// TakeClosed is what the last key closed, once: the root moves on in the
// same message, so that a key typed right after esc ("esc d", fast) is
// the list's, not lost in a composer on its way out (it told the root by
// a message, which came after that key).
func (m *Model) TakeClosed() (Closed, bool) {
	c := m.closed
	m.closed = nil
	if c == nil {
		return Closed{}, false
	}
	return *c, true
}

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}
