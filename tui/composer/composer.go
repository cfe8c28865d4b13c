// Package composer is where a reply is written: it counts as X counts
// while you type, shows what runs past the limit, and sends only what X
// will accept.
package composer

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
	"github.com/harkhq/hark/twitter/text"
)

// Model is the composer pane.
type Model struct {
	common  *common.Common
	ta      textarea.Model
	to      model.Post
	toUser  model.User
	count   text.Result
	err     string
	sending bool
	width   int
	height  int
}

// ClosedMsg tells that the composer closed, with the draft left in it.
type ClosedMsg struct {
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
	return Model{common: c, ta: ta}
}

// Open starts a reply to a post, with a saved draft if there is one.
func (m *Model) Open(to model.Post, toUser model.User, draft string) tea.Cmd {
	m.to, m.toUser, m.err, m.sending = to, toUser, "", false
	m.ta.SetValue(draft)
	m.count = text.Parse(draft)
	return m.ta.Focus()
}

// SetSize sets the pane's size in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, max(h, 5)
	m.ta.SetWidth(w)
	m.ta.SetHeight(m.height - 3)
}

// Update handles typing, sending and closing.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case SentMsg:
		m.sending = false
		m.ta.Reset()
		m.count = text.Parse("")
		return m, nil
	case SendFailedMsg:
		m.sending, m.err = false, msg.Err.Error()
		return m, nil
	case tea.KeyPressMsg:
		if action, ok := m.common.Keys.Match(msg, keys.Send, keys.Back); ok {
			return m.handleAction(action)
		}
	}
	var cmd tea.Cmd
	m.ta, cmd = m.ta.Update(msg)
	m.count = text.Parse(m.ta.Value())
	if _, isKey := msg.(tea.KeyPressMsg); isKey {
		m.err = ""
	}
	return m, cmd
}

func (m Model) handleAction(action keys.Action) (Model, tea.Cmd) {
	if action == keys.Back {
		closed := ClosedMsg{ConversationID: m.to.ConversationID, Draft: m.ta.Value()}
		m.ta.Blur()
		return m, func() tea.Msg { return closed }
	}
	if m.sending {
		return m, nil
	}
	body := m.ta.Value()
	if reason := refusal(m.count, body); reason != "" {
		m.err = reason
		return m, nil
	}
	m.sending, m.err = true, ""
	return m, send(m.common.Client, m.common.Store, m.common.Account, m.to, body)
}

// refusal says why X would refuse the text, or "".
func refusal(r text.Result, body string) string {
	switch {
	case strings.TrimSpace(body) == "":
		return "nothing to send yet"
	case r.WeightedLength > 280:
		return fmt.Sprintf("too long: %d/280, cut %d", r.WeightedLength, r.WeightedLength-280)
	case !r.Valid:
		return "X would refuse this text (it holds a character X does not accept)"
	}
	return ""
}

// ShortHelp lists the composer's keys.
func (m Model) ShortHelp() []key.Binding {
	return m.common.Keys.Bindings(keys.Send, keys.Back)
}

// FullHelp lists the composer's keys.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.common.Keys.Bindings(keys.Send, keys.Back, keys.Interrupt)}
}

// View draws the title, the text, the count and any refusal.
func (m Model) View() string {
	st := m.common.Styles
	title := st.ComposerTitle.Render("Reply to @"+m.toUser.Username) + " " + st.TitleDim.Render("("+m.common.Keys.Binding(keys.Send).Help().Key+" send, "+m.common.Keys.Binding(keys.Back).Help().Key+" keeps the draft)")
	status := m.countView()
	if m.sending {
		status += "  " + st.TitleDim.Render("sending…")
	}
	if m.err != "" {
		status += "  " + st.Error.Render(m.err)
	}
	return layout.Fit(title+"\n"+m.ta.View()+"\n"+status+"\n"+m.overflowView(), m.width, m.height)
}

// countView is "N/280", coloured as the limit nears and passes.
func (m Model) countView() string {
	st := m.common.Styles
	n := m.count.WeightedLength
	s := fmt.Sprintf("%d/280", n)
	switch {
	case n > 280:
		return st.CounterOver.Render(s)
	case n > 260:
		return st.CounterWarn.Render(s)
	}
	return st.Counter.Render(s)
}

// overflowView shows, highlighted, the text past the limit: what to cut.
func (m Model) overflowView() string {
	if m.count.Valid || m.count.WeightedLength <= 280 {
		return ""
	}
	body := m.ta.Value()
	over := strings.Join(strings.Fields(body[text.ByteOffset(body, m.count.ValidRangeEnd+1):]), " ")
	return m.common.Styles.TitleDim.Render("past 280: ") + m.common.Styles.Overflow.Render(over)
}
