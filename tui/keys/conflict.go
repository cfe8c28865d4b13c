package keys

import (
	"fmt"
	"slices"
)

// Context is a set of actions whose keys are live at once: one pane's and
// the root's keys that work over it.
type Context struct {
	// Name says where, for messages and the README: "inbox", "composer".
	Name    string
	Actions []Action
}

// ConflictError is one key bound to two actions in one context.
type ConflictError struct {
	Key     string
	Context string
	Actions [2]Action
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("key %q is bound to both %s and %s in the %s", e.Key, e.Actions[0], e.Actions[1], e.Context)
}

// Check refuses a key that two actions of one context share, with a
// *ConflictError; the same action listed twice is no conflict. A key the
// owner bound in [keys] wins over another action's default where that
// action has other keys: it gives the key up and keeps them (a config
// that bound a key before a later hark gave it to an action of its own
// still starts, and does what it did). An action is never left without
// a key: taking its last one is refused.
func (k *KeyMap) Check(contexts []Context) error {
	for _, c := range contexts {
		owner := map[string]Action{}
		for _, a := range uniq(c.Actions) {
			for _, s := range k.bindings[a].Keys() {
				b, ok := owner[s]
				switch {
				case !ok:
					owner[s] = a
				case k.rebound[b] && !k.rebound[a] && len(k.bindings[a].Keys()) > 1:
					k.giveUp(a, s)
				case k.rebound[a] && !k.rebound[b] && len(k.bindings[b].Keys()) > 1:
					k.giveUp(b, s)
					owner[s] = a
				default:
					return &ConflictError{Key: s, Context: c.Name, Actions: [2]Action{b, a}}
				}
			}
		}
	}
	return nil
}

// giveUp takes a key from an action's default binding.
func (k *KeyMap) giveUp(a Action, key string) {
	e, _ := find(a)
	var kept []string
	for _, s := range k.bindings[a].Keys() {
		if s != key {
			kept = append(kept, s)
		}
	}
	k.bind(a, kept, e.desc)
}

// uniq drops repeated actions, keeping the first of each.
func uniq(as []Action) []Action {
	out := make([]Action, 0, len(as))
	for _, a := range as {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
