package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/drive"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/prompt"
)

// The : command line runs any action by the name config.toml's [keys]
// gives it, with the words it takes: ":done", ":tag +refund",
// ":snooze tomorrow 9am", ":search from:kenji_t", ":view waiting". It
// reads the one bindings table: a command is its action's key pressed
// where the owner is, so it does exactly what the key does, and only
// where the key would (":retry" outside the outbox is refused); its
// words are then typed into the prompt or pane the key opened, and
// entered. A new action is a new row of the table, nothing else.

// openCommandLine opens the command line.
func (m Model) openCommandLine() (Model, tea.Cmd) {
	var names []string
	for _, a := range keys.All() {
		if a != keys.CommandLine && a != keys.Interrupt {
			names = append(names, string(a))
		}
	}
	names = append(names, "view")
	open := m.prompt.Open(prompt.Request{
		Kind:  prompt.Command,
		Label: "",
		Hint:  "an action by name · tab completes · ↑ history",
		Check: commandMeaning,
		Fuzzy: true,
	}, names)
	return m, open
}

// commandMeaning says, as it is typed, what a command line does: its
// action's description, or why there is none.
func commandMeaning(line string) (string, error) {
	name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	if name == "" {
		return "", nil
	}
	if name == "view" {
		return "view: show a view by name (inbox, waiting, a saved view)", nil
	}
	a, ok := keys.Named(name)
	if !ok {
		if several := keys.Starting(name); len(several) > 1 {
			var names []string
			for _, s := range several[:min(4, len(several))] {
				names = append(names, string(s))
			}
			return "", fmt.Errorf("%s?", strings.Join(names, ", "))
		}
		return "", fmt.Errorf("no command %q: tab completes the names", name)
	}
	return string(a) + ": " + keys.Describe(a), nil
}

// runCommand carries out a command line entered.
func (m Model) runCommand(line string) (tea.Model, tea.Cmd) {
	name, words, _ := strings.Cut(strings.TrimSpace(line), " ")
	words = strings.TrimSpace(words)
	if name == "view" {
		return m.viewNamed(words)
	}
	a, ok := keys.Named(name)
	if !ok {
		m.status.SetError(fmt.Errorf("no command %q: tab completes the names", name))
		return m, nil
	}
	if find, ok := m.byHandle(a, words); ok {
		return m, find
	}
	b := m.common.Keys.Binding(a)
	if len(b.Keys()) == 0 {
		m.status.SetError(fmt.Errorf(":%s has no key to press", a))
		return m, nil
	}
	press := drive.Key(b.Keys()[0])
	if _, got, ok := m.keyOwner(press); !ok || got != a {
		m.status.SetError(fmt.Errorf(":%s does nothing here", a))
		return m, nil
	}
	if words != "" { // typed once what the key opens is there (a prompt's tags load first)
		m.cmdWords = pendingWords{words: words, since: m.common.Now()}
	}
	return m.Update(press)
}

// pendingWords are a command's words, waiting for what its key opens: a
// prompt, the search's input, the composer.
type pendingWords struct {
	words string
	since time.Time
}

// typeCommandWords types a command's words into what its key opened,
// once it is open, and enters them (a reply's words stay in the
// composer, to be read before sending). Words that find nothing open in
// time are dropped, and said so.
func (m Model) typeCommandWords() (Model, tea.Cmd) {
	w := m.cmdWords
	if w.words == "" {
		return m, nil
	}
	editing := m.screen.focus == focusSearch && m.search.Editing()
	if !m.prompt.Active() && !editing && !m.screen.composing {
		if m.common.Now().Sub(w.since) > typeAheadFor {
			m.cmdWords = pendingWords{}
			m.status.SetError(fmt.Errorf("the command's words %q found nothing to go into", w.words))
		}
		return m, nil
	}
	m.cmdWords = pendingWords{}
	seq := make([]tea.KeyPressMsg, 0, len(w.words)+1)
	for _, r := range w.words {
		seq = append(seq, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if !m.screen.composing {
		seq = append(seq, drive.Key(m.common.Keys.Binding(keys.Open).Keys()[0]))
	}
	return m.press(seq)
}

// viewNamed switches to a built-in view or a saved one, by name.
func (m Model) viewNamed(name string) (tea.Model, tea.Cmd) {
	want := strings.ToLower(name)
	for i, v := range store.Views {
		if strings.EqualFold(string(v), want) {
			return m.switchView(i)
		}
	}
	if i := slices.IndexFunc(m.savedViews, func(sv store.SavedView) bool { return strings.EqualFold(sv.Name, name) }); i >= 0 {
		return m.switchView(len(store.Views) + i)
	}
	m.status.SetError(fmt.Errorf("no view %q", name))
	return m, nil
}
