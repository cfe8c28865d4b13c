// Package bind holds the keys of a pane as data, as lazygit's Binding
// does: each is an action (its keys come from the key map), what it does,
// when it is enabled, and whether the hint bar names it. Dispatch, help,
// the hint bar and the conflict check all read the same list, so what
// help shows is what a key does.
package bind

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/tui/keys"
)

// Binding is one thing a key does in a pane of type M.
type Binding[M any] struct {
	// Action names the keys (from the key map) and the help text.
	Action keys.Action
	// Do carries the action out.
	Do func(M) (M, tea.Cmd)
	// When tells whether the action is enabled; nil means always.
	When func(M) bool
	// Hint puts the action in the one-line hint bar.
	Hint bool
}

// List is a pane's bindings, in help order.
type List[M any] []Binding[M]

// Shown is a binding as help and the hint bar see it.
type Shown struct {
	Action  keys.Action
	Enabled bool
	Hint    bool
}

// enabled reports whether b is enabled in m.
func (b Binding[M]) enabled(m M) bool { return b.When == nil || b.When(m) }

// Find returns the first enabled binding msg presses, the one Which
// names over Show's list. It asks When only of bindings with the key: a
// key press costs a look at the keys, not every predicate.
func (l List[M]) Find(m M, km *keys.KeyMap, msg tea.KeyPressMsg) (Binding[M], bool) {
	for _, b := range l {
		if key.Matches(msg, km.Binding(b.Action)) && b.enabled(m) {
			return b, true
		}
	}
	return Binding[M]{}, false
}

// Hints lists the actions of the hint bar enabled in m, asking When
// only of those.
func (l List[M]) Hints(m M) []keys.Action {
	var out []keys.Action
	for _, b := range l {
		if b.Hint && b.enabled(m) {
			out = append(out, b.Action)
		}
	}
	return out
}

// Which names the action msg presses among bindings as Show lists them:
// the first enabled one with the key, as Dispatch would run.
func Which(shown []Shown, km *keys.KeyMap, msg tea.KeyPressMsg) (keys.Action, bool) {
	if i, ok := which(shown, km, msg); ok {
		return shown[i].Action, true
	}
	return "", false
}

func which(shown []Shown, km *keys.KeyMap, msg tea.KeyPressMsg) (int, bool) {
	for i, s := range shown {
		if s.Enabled && key.Matches(msg, km.Binding(s.Action)) {
			return i, true
		}
	}
	return 0, false
}

// Dispatch runs the enabled binding msg presses; ok is false when none
// does, for the key to go on (to a text input, say).
func (l List[M]) Dispatch(m M, km *keys.KeyMap, msg tea.KeyPressMsg) (next M, cmd tea.Cmd, ok bool) {
	b, ok := l.Find(m, km, msg)
	if !ok {
		return m, nil, false
	}
	next, cmd = b.Do(m)
	return next, cmd, true
}

// Show lists the bindings as help sees them in m.
func (l List[M]) Show(m M) []Shown {
	out := make([]Shown, len(l))
	for i, b := range l {
		out[i] = Shown{
			Action:  b.Action,
			Enabled: b.enabled(m),
			Hint:    b.Hint,
		}
	}
	return out
}

// Actions lists every action of the list, enabled or not: what the
// conflict check reads.
func (l List[M]) Actions() []keys.Action {
	out := make([]keys.Action, len(l))
	for i, b := range l {
		out[i] = b.Action
	}
	return out
}
