package composer

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/cursor"
)

// picker chooses a canned reply by fuzzy name, then asks its blanks.
type picker struct {
	common  *common.Common
	active  bool
	input   textinput.Model
	matches []snippets.Snippet
	chosen  int
	// While filling blanks: the snippet, its prompts and the answers.
	filling *snippets.Snippet
	prompts []string
	answers []string
	width   int
	// vars are the customer's and the shop's, for the previews.
	vars snippets.Vars
}

func newPicker(c *common.Common) picker {
	in := textinput.New()
	in.Prompt = "snippet: "
	in.SetStyles(c.Styles.Input)
	return picker{common: c, input: in}
}

func (p *picker) open(v snippets.Vars) tea.Cmd {
	p.vars = v
	p.active, p.filling, p.answers, p.chosen = true, nil, nil, 0
	p.input.Prompt = "snippet: "
	p.input.SetValue("")
	p.matches = snippets.Match("", p.common.Snippets)
	return p.input.Focus()
}

func (p *picker) close() { p.active, p.filling = false, nil }

func (p *picker) setWidth(w int) {
	p.width = w
	p.input.SetWidth(max(10, w-20))
}

// typePicker filters the snippets by what is typed, or takes the text of
// a blank; a finished snippet is inserted into the text, where it stays
// editable.
func (m Model) typePicker(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	p := &m.picker
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.filling == nil {
		p.matches, p.chosen = snippets.Match(p.input.Value(), m.common.Snippets), 0
	}
	return m, cmd
}

func (m Model) pickerBack() (Model, tea.Cmd) {
	m.picker.close()
	return m, m.ta.Focus()
}

func (m Model) pickerPrev() (Model, tea.Cmd) {
	m.picker.chosen = max(0, m.picker.chosen-1)
	return m, nil
}

func (m Model) pickerNext() (Model, tea.Cmd) {
	m.picker.chosen = cursor.Down(m.picker.chosen, len(m.picker.matches))
	return m, nil
}

// pickerEnter chooses the snippet or takes one blank's answer.
func (m Model) pickerEnter() (Model, tea.Cmd) {
	p := &m.picker
	if p.filling == nil {
		if len(p.matches) == 0 {
			return m, nil
		}
		chosen := p.matches[p.chosen]
		prompts, err := snippets.Prompts(chosen)
		if err != nil {
			m.err = err.Error()
			p.close()
			return m, nil
		}
		p.filling, p.prompts = &chosen, prompts
	} else {
		p.answers = append(p.answers, p.input.Value())
	}
	if len(p.answers) < len(p.prompts) {
		p.input.Prompt = p.prompts[len(p.answers)] + ": "
		p.input.SetValue("")
		return m, nil
	}
	out, err := snippets.Render(*p.filling, snippets.NewVars(m.target.Author.Name, m.target.Author.Username, m.common.Account.Name), p.answers)
	p.close()
	if err != nil {
		m.err = err.Error()
		return m, m.ta.Focus()
	}
	m.ta.InsertString(out)
	m.count = m.countOf()
	return m, m.ta.Focus()
}

// view lists the matches, or asks the next blank.
func (p picker) view() string {
	st := p.common.Styles
	var b strings.Builder
	b.WriteString(p.input.View() + "\n")
	if p.filling != nil {
		b.WriteString(st.TitleDim.Render(fmt.Sprintf("blank %d of %d for %q", len(p.answers)+1, len(p.prompts), p.filling.Name)))
		return b.String()
	}
	switch {
	case len(p.common.Snippets) == 0:
		b.WriteString(st.TitleDim.Render("no canned replies yet: they live in snippets.toml beside config.toml"))
	case len(p.matches) == 0:
		b.WriteString(st.TitleDim.Render("no snippet matches"))
	}
	for i, s := range p.matches {
		preview := strings.Join(strings.Fields(snippets.Preview(s, p.vars)), " ") // as this customer would read it
		line := "  " + s.Name + "  " + st.TitleDim.Render(preview)
		if i == p.chosen {
			line = st.RowSelected.Render("▸ " + s.Name)
			line += "  " + st.TitleDim.Render(preview)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
