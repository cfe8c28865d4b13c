package composer

import (
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/network"
)

// editorReadyMsg carries the file the draft was written to.
type editorReadyMsg struct {
	path string
	err  error
}

// editedMsg carries the text back from the editor.
type editedMsg struct {
	text string
	err  error
}

// prepareEditor writes the draft to a private file for the editor.
func prepareEditor(draft string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "hark-draft-*.txt")
		if err != nil {
			return editorReadyMsg{err: err}
		}
		defer f.Close()
		_, err = f.WriteString(draft)
		return editorReadyMsg{path: f.Name(), err: err}
	}
}

// runEditor hands the terminal to $VISUAL, $EDITOR or vi.
func (m Model) runEditor(msg editorReadyMsg) tea.Cmd {
	if msg.err != nil {
		return func() tea.Msg { return editedMsg{err: msg.err} }
	}
	return tea.ExecProcess(EditorCommand(msg.path), func(err error) tea.Msg {
		return ReadEdited(msg.path, err)
	})
}

// EditorCommand is the command that edits path.
func EditorCommand(path string) *exec.Cmd {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	args := strings.Fields(editor)
	return exec.Command(args[0], append(args[1:], path)...)
}

// ReadEdited reads the edited draft back and removes the file.
func ReadEdited(path string, runErr error) tea.Msg {
	defer os.Remove(path)
	if runErr != nil {
		return editedMsg{err: runErr}
	}
	b, err := os.ReadFile(path)
	return editedMsg{text: strings.TrimRight(string(b), "\n"), err: err}
}

func (m Model) afterEditor(msg editedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.err = "editor: " + msg.err.Error()
		return m, m.ta.Focus()
	}
	m.ta.SetValue(msg.text)
	m.count, m.err = m.countOf(), ""
	return m, m.ta.Focus()
}

// countOf counts the text as the conversation's network does: as a DM
// or as a post.
func (m Model) countOf() network.Count {
	if m.dm {
		return m.rules().CountDM(m.ta.Value())
	}
	return m.rules().Count(m.ta.Value())
}

// rules are the rules of the network of the conversation written in. A
// network hark no longer knows (no adapter registers it) is counted by
// X's, so that the composer still counts; the outbox refuses to send
// there.
func (m Model) rules() network.Rules {
	if r := network.RulesOf(m.target.Post.Network()); r != nil {
		return r
	}
	return network.RulesOf(network.X)
}
