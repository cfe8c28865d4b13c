// Package prompt is the one-line input at the bottom of the screen for
// tags (with completion), snooze times and notes.
package prompt

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/internal/match"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// Kind says what a prompt asks for.
type Kind int

// The prompts.
const (
	Tags Kind = iota
	Snooze
	Note
	PersonNote
	ViewName
	RenameView
	DeleteView
	HandOff
	// Assign names the person of the team a conversation goes to.
	Assign
	// Command is the : command line: an action by name, and its words.
	Command
	// Filter narrows the list in place as it is typed.
	Filter
)

// Request is what a prompt is opened for.
type Request struct {
	Kind  Kind
	Label string
	Hint  string
	// Targets are the conversations it acts on; Person the person, for a
	// note on a person.
	Targets []uint64
	Person  uint64
	// Query is the search a view name is for; View the saved view a
	// rename or a delete is for.
	Query string
	View  string
	// Check reads what is typed, as it is typed: what it means (shown
	// in place of the hint) or why it cannot be taken, which keeps the
	// prompt open with the text on enter. Nil takes anything.
	Check func(string) (string, error)
	// Live tells each change of the text as it is typed (ChangedMsg),
	// and a cancel (CancelledMsg).
	Live bool
	// YesNo takes one key: y submits "y", n cancels; nothing is typed.
	YesNo bool
	// Fuzzy completes a word with the completions that hold its letters
	// in order, exact and prefix matches first (the command line); else
	// only those it starts (tags, handles).
	Fuzzy bool
}

// ChangedMsg carries the text of a Live prompt as it is typed.
type ChangedMsg struct {
	Request
	Value string
}

// CancelledMsg says a Live prompt was closed with esc.
type CancelledMsg struct{ Request }

// hintRoom is the most of a prompt's line its hint takes from the input.
const hintRoom = 28

// SubmitMsg carries what was typed, with the request it answers.
type SubmitMsg struct {
	Request
	Value string
}

// Model is the prompt.
type Model struct {
	common *common.Common
	// focused tells whether the pane has the keys.
	focused     bool
	input       textinput.Model
	req         Request
	active      bool
	completions []string
	// refused is why enter did not take the text.
	refused string
	cycle   []string // candidates of the last completion, to cycle through
	cycleAt int
	width   int
	// history is what was entered at the command line, oldest first;
	// back counts how far ↑ went into it (0: the text being typed).
	history []string
	back    int
}

// New returns a closed prompt.
func New(c *common.Common) Model {
	in := textinput.New()
	in.Prompt = ""
	in.SetStyles(c.Styles.Input)
	return Model{common: c, input: in}
}

// Open asks for something; completions are offered on the completion key.
func (m *Model) Open(req Request, completions []string) tea.Cmd {
	m.req, m.active, m.completions, m.cycle, m.refused, m.back = req, true, completions, nil, "", 0
	m.input.SetValue("")
	m.SetWidth(m.width) // the label's length changed
	return m.input.Focus()
}

// Reopen opens an answered prompt again, its text as typed and why it
// failed beside it: an action that failed after the prompt closed (the
// database busy or read-only) loses nothing typed. Its completions are
// those it had.
func (m *Model) Reopen(msg SubmitMsg, err error) tea.Cmd {
	focus := m.Open(msg.Request, m.completions)
	m.input.SetValue(msg.Value)
	m.input.CursorEnd()
	m.refused = err.Error()
	return focus
}

// Value is the text typed now.
func (m Model) Value() string { return strings.TrimSpace(m.input.Value()) }

// Active reports whether the prompt is open.
func (m Model) Active() bool { return m.active }

// SetSize sets the prompt's width; it is one line tall.
func (m *Model) SetSize(w, _ int) { m.SetWidth(w) }

// SetWidth sets the prompt's width.
func (m *Model) SetWidth(w int) {
	m.width = w
	// The hint (or what the text reads as) gets at most hintRoom: the
	// text typed matters more.
	used := layout.Width(m.req.Label) + 2 + 2 + min(layout.Width(m.req.Hint), hintRoom)
	m.input.SetWidth(max(10, w-used-1))
}

// Update handles typing, completion, submitting and cancelling.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	key, isKey := msg.(tea.KeyPressMsg)
	if !m.active || !isKey {
		return m, nil
	}
	if next, cmd, ok := bindings().Dispatch(m, m.common.Keys, key); ok {
		return next, cmd
	}
	if m.req.YesNo { // one key answers
		switch strings.ToLower(key.Text) {
		case "y":
			m.input.SetValue("y")
			return m.submit()
		case "n":
			return m.cancel()
		}
		return m, nil
	}
	m.cycle, m.refused = nil, ""
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if value := m.input.Value(); m.req.Live && value != before {
		changed := ChangedMsg{Request: m.req, Value: value}
		cmd = tea.Batch(cmd, func() tea.Msg { return changed })
	}
	return m, cmd
}

// Bindings lists the prompt's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the prompt, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the prompt's keys; every other key is typing.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Open, Do: Model.submit, Hint: true},
		{Action: keys.Back, Do: Model.cancel, Hint: true},
		{Action: keys.Complete, Do: Model.completeNext, When: Model.completes, Hint: true},
		{Action: keys.ListPrev, Do: Model.older, When: Model.remembers},
		{Action: keys.ListNext, Do: Model.newer, When: Model.remembers},
	}
}

// remembers: the command line keeps its history.
func (m Model) remembers() bool { return m.req.Kind == Command && len(m.history) > 0 }

// older shows the command entered before the one shown (↑).
func (m Model) older() (Model, tea.Cmd) {
	m.back = min(m.back+1, len(m.history))
	m.input.SetValue(m.history[len(m.history)-m.back])
	m.input.CursorEnd()
	return m, nil
}

// newer goes back down the history (↓), to an empty line past its end.
func (m Model) newer() (Model, tea.Cmd) {
	m.back = max(m.back-1, 0)
	value := ""
	if m.back > 0 {
		value = m.history[len(m.history)-m.back]
	}
	m.input.SetValue(value)
	m.input.CursorEnd()
	return m, nil
}

func (m Model) completes() bool { return len(m.completions) > 0 }

// submit closes the prompt with what was typed, unless Check refuses
// it: then the text stays, with the reason.
func (m Model) submit() (Model, tea.Cmd) {
	if _, err := m.check(); err != nil {
		m.refused = err.Error()
		return m, nil
	}
	m.active = false
	submit := SubmitMsg{
		Request: m.req,
		Value:   strings.TrimSpace(m.input.Value()),
	}
	if m.req.Kind == Command && submit.Value != "" {
		m.history = append(m.history, submit.Value)
	}
	return m, func() tea.Msg { return submit }
}

func (m Model) cancel() (Model, tea.Cmd) {
	m.active = false
	if m.req.Live {
		cancelled := CancelledMsg{Request: m.req}
		return m, func() tea.Msg { return cancelled }
	}
	return m, nil
}

func (m Model) completeNext() (Model, tea.Cmd) {
	m.complete()
	return m, nil
}

// complete replaces the last word with the next completion that starts
// with it, keeping a leading + or -.
func (m *Model) complete() {
	value := m.input.Value()
	head, word := "", value
	if i := strings.LastIndexByte(value, ' '); i >= 0 {
		head, word = value[:i+1], value[i+1:]
	}
	sign := ""
	if strings.HasPrefix(word, "+") || strings.HasPrefix(word, "-") {
		sign, word = word[:1], word[1:]
	}
	if m.cycle == nil {
		if m.req.Fuzzy {
			m.cycle = match.Names(word, m.completions)
		} else {
			for _, c := range m.completions {
				if strings.HasPrefix(c, strings.ToLower(word)) {
					m.cycle = append(m.cycle, c)
				}
			}
		}
		m.cycleAt = -1
	}
	if len(m.cycle) == 0 {
		return
	}
	m.cycleAt = (m.cycleAt + 1) % len(m.cycle)
	m.input.SetValue(head + sign + m.cycle[m.cycleAt])
	m.input.CursorEnd()
}

// check reads the text with the request's Check.
func (m Model) check() (string, error) {
	if m.req.Check == nil {
		return "", nil
	}
	return m.req.Check(strings.TrimSpace(m.input.Value()))
}

// View draws the label, the input and the hint: what the text means as
// typed, or why enter refused it.
func (m Model) View() string {
	if !m.active {
		return ""
	}
	st := m.common.Styles
	line := st.PromptLabel.Render(m.req.Label+": ") + m.input.View()
	meaning, err := m.check()
	switch {
	case m.refused != "":
		line += "  " + st.Error.Render(m.refused)
	case strings.TrimSpace(m.input.Value()) != "" && err == nil && meaning != "":
		line += "  " + st.Hint.Render("→ "+meaning)
	case m.req.Hint != "":
		line += "  " + st.TitleDim.Render(m.req.Hint)
	}
	return layout.Line(line, m.width)
}

// SetFocus tells the pane whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}
