// Package outboxview lists what the shop sent or tried to send: each item
// with its state, and keys to retry, edit or cancel it.
package outboxview

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/cursor"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// Model is the outbox pane.
type Model struct {
	common *common.Common
	// focused tells whether the pane has the keys.
	focused bool
	items   []store.Item // newest first
	cursor  int
	width   int
	height  int
}

type loadedMsg struct {
	items []store.Item
	err   error
}

// New returns an empty pane.
func New(c *common.Common) Model { return Model{common: c} }

// Load reads the outbox.
func (m Model) Load() tea.Cmd {
	st := m.common.Store
	return func() tea.Msg {
		items, err := st.Outbox()
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
		return loadedMsg{items: items, err: err}
	}
}

// SetSize sets the pane's size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Update handles the loaded items and the pane's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrorMsg{Err: msg.err} }
		}
		m.items = msg.items
		m.cursor = cursor.Clamp(m.cursor, len(m.items))
	case tea.KeyPressMsg:
		next, cmd, _ := bindings().Dispatch(m, m.common.Keys, msg)
		return next, cmd
	}
	return m, nil
}

// Bindings lists the outbox's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the outbox, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the outbox's keys.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Up, Do: Model.up},
		{Action: keys.Down, Do: Model.down},
		{Action: keys.Retry, Do: Model.retry, When: Model.canRetry, Hint: true},
		{Action: keys.EditItem, Do: Model.edit, When: Model.waiting, Hint: true},
		{Action: keys.CancelItem, Do: Model.cancel, When: Model.waiting, Hint: true},
	}
}

// selected is the item under the cursor.
func (m Model) selected() (store.Item, bool) {
	if m.cursor < len(m.items) {
		return m.items[m.cursor], true
	}
	return store.Item{}, false
}

// canRetry: a failed item.
func (m Model) canRetry() bool {
	it, ok := m.selected()
	return ok && it.State == store.Failed
}

// waiting: an item not yet sent, which can still be taken back.
func (m Model) waiting() bool {
	it, ok := m.selected()
	return ok && (it.State == store.Failed || it.State == store.Queued)
}

func (m Model) up() (Model, tea.Cmd) {
	m.cursor = cursor.Up(m.cursor)
	return m, nil
}

func (m Model) down() (Model, tea.Cmd) {
	m.cursor = cursor.Down(m.cursor, len(m.items))
	return m, nil
}

func (m Model) retry() (Model, tea.Cmd) {
	st, it, now := m.common.Store, m.items[m.cursor], m.common.Now()
	return m, act(func() (tea.Msg, error) {
		_, err := st.Retry(it.ID, now)
		return common.ItemsChangedMsg{}, err
	})
}

func (m Model) cancel() (Model, tea.Cmd) {
	st, it := m.common.Store, m.items[m.cursor]
	return m, act(func() (tea.Msg, error) {
		_, err := st.TakeBack(it.ID)
		return common.ItemsChangedMsg{}, err
	})
}

func (m Model) edit() (Model, tea.Cmd) {
	st, it := m.common.Store, m.items[m.cursor]
	return m, act(func() (tea.Msg, error) {
		taken, err := st.TakeBack(it.ID)
		return common.TakenBackMsg{Item: taken}, err
	})
}

// act runs a store change and reports its outcome or its error.
func act(fn func() (tea.Msg, error)) tea.Cmd {
	return func() tea.Msg {
		msg, err := fn()
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return msg
	}
}

// View draws the items, newest first.
func (m Model) View() string {
	st := m.common.Styles
	k := m.common.Keys
	lines := []string{st.Title.Render("Outbox") + " " + st.TitleDim.Render(fmt.Sprintf("· %s retry · %s edit · %s cancel",
		k.Binding(keys.Retry).Help().Key, k.Binding(keys.EditItem).Help().Key, k.Binding(keys.CancelItem).Help().Key))}
	if len(m.items) == 0 {
		lines = append(lines, st.Empty.Render("Nothing sent yet."))
	}
	for i, it := range m.items {
		line := m.row(it)
		if i == m.cursor {
			line = st.RowSelected.Render(layout.Line(line, m.width))
		}
		lines = append(lines, line)
	}
	return layout.Fit(strings.Join(lines, "\n"), m.width, m.height)
}

func (m Model) row(it store.Item) string {
	what := it.What()
	state := map[store.ItemState]string{store.Queued: "⏳ queued", store.Sending: "⏳ sending", store.Sent: "✓ sent",
		store.Failed: "✗ failed", store.Canceled: "– canceled"}[it.State]
	detail := ""
	switch {
	case it.State == store.Queued && it.NotBefore.After(m.common.Now()):
		detail = " in " + it.NotBefore.Sub(m.common.Now()).Round(time.Second).String()
	case it.LastError != "" && it.State != store.Sent:
		detail = " (" + it.LastError + ")"
	}
	return fmt.Sprintf("%-10s %-5s %s%s  %s", state, what, it.CreatedAt.Local().Format("15:04"), detail, strings.Join(strings.Fields(it.Text), " "))
}

// SetFocus tells the pane whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}
