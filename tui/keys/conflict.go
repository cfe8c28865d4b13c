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
// *ConflictError; the same action listed twice is no conflict.
func (k *KeyMap) Check(contexts []Context) error {
	for _, c := range contexts {
		owner := map[string]Action{}
		for _, a := range uniq(c.Actions) {
			for _, s := range k.bindings[a].Keys() {
				if b, ok := owner[s]; ok {
					return &ConflictError{
						Key:     s,
						Context: c.Name,
						Actions: [2]Action{b, a},
					}
				}
				owner[s] = a
			}
		}
	}
	return nil
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
