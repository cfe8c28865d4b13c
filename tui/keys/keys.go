// Package keys is hark's one table of key bindings: dispatch, help and the
// status hints all read it, so they always show the real keys.
package keys

import (
	"charm.land/bubbles/v2/key"
)

// Action names something a key does.
type Action string

// The actions.
const (
	Up         Action = "up"
	Down       Action = "down"
	Top        Action = "top"
	Bottom     Action = "bottom"
	PageUp     Action = "page_up"
	PageDown   Action = "page_down"
	Open       Action = "open"
	Back       Action = "back"
	SwitchPane Action = "switch_pane"
	Reply      Action = "reply"
	Send       Action = "send"
	Help       Action = "help"
	Quit       Action = "quit"
	// Interrupt quits from anywhere, the composer included.
	Interrupt Action = "interrupt"
)

// entry is one row of the table.
type entry struct {
	action Action
	keys   []string
	help   string // how the key is written in help
	desc   string
}

// table is the default binding of every action, in help order.
var table = []entry{
	{Up, []string{"k", "up"}, "k/↑", "up"},
	{Down, []string{"j", "down"}, "j/↓", "down"},
	{Top, []string{"g", "home"}, "g", "top"},
	{Bottom, []string{"G", "end"}, "G", "bottom"},
	{PageUp, []string{"ctrl+u", "pgup"}, "ctrl+u", "page up"},
	{PageDown, []string{"ctrl+d", "pgdown"}, "ctrl+d", "page down"},
	{Open, []string{"enter"}, "enter", "open"},
	{Back, []string{"esc"}, "esc", "back"},
	{SwitchPane, []string{"tab"}, "tab", "switch pane"},
	{Reply, []string{"r"}, "r", "reply"},
	{Send, []string{"ctrl+s"}, "ctrl+s", "send"},
	{Help, []string{"?"}, "?", "help"},
	{Quit, []string{"q"}, "q", "quit"},
	{Interrupt, []string{"ctrl+c"}, "ctrl+c", "quit from anywhere"},
}

// KeyMap holds a binding for every action.
type KeyMap struct {
	bindings map[Action]key.Binding
}

// Default returns the default bindings.
func Default() *KeyMap {
	k := &KeyMap{bindings: map[Action]key.Binding{}}
	for _, e := range table {
		k.bindings[e.action] = key.NewBinding(key.WithKeys(e.keys...), key.WithHelp(e.help, e.desc))
	}
	return k
}

// Binding returns an action's binding.
func (k *KeyMap) Binding(a Action) key.Binding { return k.bindings[a] }

// Bindings returns the bindings of actions, in the order given.
func (k *KeyMap) Bindings(actions ...Action) []key.Binding {
	out := make([]key.Binding, len(actions))
	for i, a := range actions {
		out[i] = k.bindings[a]
	}
	return out
}

// Match returns the first of actions whose binding msg presses.
func (k *KeyMap) Match(msg interface{ String() string }, actions ...Action) (Action, bool) {
	for _, a := range actions {
		if key.Matches(msg, k.bindings[a]) {
			return a, true
		}
	}
	return "", false
}

// All returns every action in help order.
func All() []Action {
	out := make([]Action, len(table))
	for i, e := range table {
		out[i] = e.action
	}
	return out
}
