package composer

import (
	tea "charm.land/bubbletea/v2"
	"github.com/harkhq/hark/snippets"

	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/keys"
)

// Bindings lists the composer's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the composer, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the composer's keys: the snippet picker's while it is
// open, else the composer's own. Every other key is typing.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Back, Do: Model.pickerBack, When: Model.picking, Hint: true},
		{Action: keys.Open, Do: Model.pickerEnter, When: Model.picking, Hint: true},
		{Action: keys.ListPrev, Do: Model.pickerPrev, When: Model.picking},
		{Action: keys.ListNext, Do: Model.pickerNext, When: Model.picking},
		{Action: keys.Send, Do: Model.send, When: Model.writing, Hint: true},
		{Action: keys.Back, Do: Model.close, When: Model.writing, Hint: true},
		{Action: keys.DiscardDraft, Do: Model.discard, When: Model.writing},
		{Action: keys.ComposeDM, Do: Model.toggleDM, When: Model.writing, Hint: true},
		{Action: keys.AlsoPublic, Do: Model.toggleAlsoPublic, When: Model.canAlsoPublic},
		{Action: keys.SplitThread, Do: Model.toggleSplit, When: Model.canSplit},
		{Action: keys.Snippet, Do: Model.openPicker, When: Model.writing},
		{Action: keys.Editor, Do: Model.openEditor, When: Model.writing},
	}
}

func (m Model) picking() bool { return m.picker.active }
func (m Model) writing() bool { return !m.picker.active }

func (m Model) canAlsoPublic() bool { return m.writing() && m.dm && m.eligible }
func (m Model) canSplit() bool      { return m.writing() && !m.dm }

// close gives the text back to the root as a draft to keep (TakeClosed).
func (m Model) close() (Model, tea.Cmd) {
	m.closed = &Closed{
		ConversationID: m.target.Post.ConversationID,
		Draft:          m.ta.Value(),
	}
	m.ta.Blur()
	return m, nil
}

// discard closes the composer and drops its text.
func (m Model) discard() (Model, tea.Cmd) {
	m.ta.Reset()
	return m.close()
}

func (m Model) toggleDM() (Model, tea.Cmd) {
	m.dm, m.err, m.warnings, m.overridden = !m.dm, "", nil, false
	m.setPlaceholder()
	if m.dm {
		m.split = false
	} else {
		m.alsoPublic = false
	}
	m.count = m.countOf() // a DM counts against its own limit
	return m, nil
}

func (m Model) toggleAlsoPublic() (Model, tea.Cmd) {
	m.alsoPublic = !m.alsoPublic
	return m, nil
}

func (m Model) toggleSplit() (Model, tea.Cmd) {
	m.split = !m.split
	return m, nil
}

func (m Model) openPicker() (Model, tea.Cmd) {
	return m, m.picker.open(snippets.NewVars(m.target.Author.Name, m.target.Author.Username, m.common.Account.Name))
}

// openEditor hands the draft to $EDITOR; never for a person over SSH
// unless [team] allow_editor (it would run on the server).
func (m Model) openEditor() (Model, tea.Cmd) {
	if !m.common.EditorAllowed() {
		m.err = "no $EDITOR here: it would run on the server ([team] allow_editor = true allows it)"
		return m, nil
	}
	return m, prepareEditor(m.ta.Value())
}
