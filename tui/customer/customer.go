// Package customer shows the customer file: who the person is, every
// conversation with them, the notes kept on them, and how fast they were
// answered.
package customer

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/cursor"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// Model is the customer file pane.
type Model struct {
	common *common.Common
	// focused tells whether the pane has the keys.
	focused bool
	vp      viewport.Model
	userID  uint64
	file    store.CustomerFile
	// cursor is the conversation chosen; firstRow the line of the first
	// conversation, as last rendered.
	cursor   int
	firstRow int
	width    int
	height   int
}

type loadedMsg struct {
	userID uint64
	file   store.CustomerFile
	err    error
}

// New returns an empty pane.
func New(c *common.Common) Model { return Model{common: c, vp: viewport.New()} }

// Open shows a person's file; the command reads it.
func (m *Model) Open(userID uint64) tea.Cmd {
	if userID != m.userID {
		m.cursor = 0
	}
	m.userID = userID
	st := m.common.Store
	return func() tea.Msg {
		f, err := st.Customer(userID)
		return loadedMsg{userID: userID, file: f, err: err}
	}
}

// Person is the person whose file is shown (their X user id), 0 for none.
func (m Model) Person() uint64 { return m.userID }

// Reload reads the shown file again.
func (m *Model) Reload() tea.Cmd {
	if m.userID == 0 {
		return nil
	}
	return m.Open(m.userID)
}

// SetSize sets the pane's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.SetWidth(w)
	m.vp.SetHeight(h)
	m.vp.SetContent(m.render())
}

// Update handles the loaded file and scrolling.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.userID != m.userID {
			return m, nil
		}
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrorMsg{Err: msg.err} }
		}
		m.file = msg.file
		m.cursor = cursor.Clamp(m.cursor, len(m.file.Conversations))
		m.vp.SetContent(m.render())
	case tea.KeyPressMsg:
		next, cmd, _ := bindings().Dispatch(m, m.common.Keys, msg)
		return next, cmd
	}
	return m, nil
}

// Bindings lists the file's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the file, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the file's keys: the cursor moves over the person's
// conversations, and enter opens one.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Up, Do: Model.up},
		{Action: keys.Down, Do: Model.down},
		{Action: keys.Open, Do: Model.open, When: Model.hasConversations, Hint: true},
	}
}

func (m Model) hasConversations() bool { return len(m.file.Conversations) > 0 }

func (m Model) up() (Model, tea.Cmd) {
	if m.cursor == 0 {
		m.vp.GotoTop() // above the first conversation: who they are
		return m, nil
	}
	m.cursor--
	m.show()
	return m, nil
}

func (m Model) down() (Model, tea.Cmd) {
	m.cursor = cursor.Down(m.cursor, len(m.file.Conversations))
	m.show()
	return m, nil
}

// show redraws with the cursor and scrolls its line into sight.
func (m *Model) show() {
	m.vp.SetContent(m.render())
	line := m.firstRow + m.cursor
	switch {
	case line < m.vp.YOffset():
		m.vp.SetYOffset(line)
	case line >= m.vp.YOffset()+m.height:
		m.vp.SetYOffset(line - m.height + 1)
	}
}

// open asks the root to open the conversation under the cursor.
func (m Model) open() (Model, tea.Cmd) {
	open := common.OpenConversationMsg{ConversationID: m.file.Conversations[m.cursor].Conversation.ID}
	return m, func() tea.Msg { return open }
}

// View draws the file.
func (m Model) View() string { return layout.Fit(m.vp.View(), m.width, m.height) }

func (m *Model) render() string {
	st, f := m.common.Styles, m.file
	u := f.User
	var b strings.Builder
	b.WriteString(st.Title.Render("@"+u.Username) + " " + st.TitleDim.Render("· "+u.Name) + "\n")
	if u.Description != "" {
		b.WriteString(layout.Wrap(u.Description, max(20, m.width-2), " ") + "\n")
	}
	facts := fmt.Sprintf("%d followers · first seen %s", u.Followers, day(f.FirstSeen))
	if f.Answered > 0 {
		facts += fmt.Sprintf(" · median first response %s (%d of %d answered)", short(f.MedianFirstResponse), f.Answered, len(f.Conversations))
	}
	b.WriteString(st.TitleDim.Render(facts) + "\n\n")
	b.WriteString(st.Section.Render(fmt.Sprintf("Conversations (%d)", len(f.Conversations))) + st.TitleDim.Render("  last activity, status, posts") + "\n")
	m.firstRow = strings.Count(b.String(), "\n")
	for i, row := range f.Conversations {
		c := row.Conversation
		line := fmt.Sprintf("  %s  %-7s %3d  ", c.LastAt.Local().Format("Jan 2 15:04"), c.Status, c.Posts)
		for _, t := range c.Tags {
			line += "#" + t + " "
		}
		line = layout.Line(line+strings.Join(strings.Fields(row.Last.Text), " "), m.width)
		if i == m.cursor {
			line = st.RowSelected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + st.Section.Render(fmt.Sprintf("Notes on this person (%d)", len(f.Notes))) + "\n")
	for _, n := range f.Notes {
		b.WriteString(st.Note.Render("  "+n.At.Local().Format("Jan 2 15:04")+"  "+n.Text) + "\n")
	}
	if len(f.Notes) == 0 {
		b.WriteString(st.TitleDim.Render("  none yet: "+m.common.Keys.Binding(keys.PersonNote).Help().Key+" adds one") + "\n")
	}
	return b.String()
}

func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("Jan 2, 2006")
}

// short writes a duration to the minute.
func short(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < time.Minute {
		return "under a minute"
	}
	return strings.TrimSuffix(d.String(), "0s")
}

// SetFocus tells the pane whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}
