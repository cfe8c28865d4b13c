package tui

import "testing"

// The screen's transitions, as a person moves through them: every state
// they reach is one the old five flags meant, and back retraces them.
func TestScreenTransitions(t *testing.T) {
	var s screen
	steps := []struct {
		name string
		next func(screen) screen
		want screen
	}{
		{"search", screen.search, screen{searching: true, focus: focusSearch}},
		{"open a result", func(s screen) screen { return s.show(sideThread) }, screen{searching: true, right: sideThread, focus: focusThread}},
		{"switch to the list", screen.switchPane, screen{searching: true, right: sideThread, focus: focusSearch}},
		{"switch back", screen.switchPane, screen{searching: true, right: sideThread, focus: focusThread}},
		{"reply", screen.compose, screen{searching: true, right: sideThread, composing: true, focus: focusComposer}},
		{"close the composer", screen.composed, screen{searching: true, right: sideThread, focus: focusThread}},
		{"customer file", func(s screen) screen { return s.show(sideCustomer) }, screen{searching: true, right: sideCustomer, focus: focusCustomer}},
		{"back to the thread", func(s screen) screen { return s.back(true) }, screen{searching: true, right: sideThread, focus: focusThread}},
		{"back to the results", func(s screen) screen { return s.back(true) }, screen{searching: true, focus: focusSearch}},
		{"back to the inbox", func(s screen) screen { return s.back(false) }, screen{focus: focusInbox}},
		{"outbox, no thread", func(s screen) screen { return s.show(sideOutbox) }, screen{right: sideOutbox, focus: focusOutbox}},
		{"back to the list", func(s screen) screen { return s.back(false) }, screen{focus: focusInbox}},
		{"switch with nothing open", screen.switchPane, screen{focus: focusInbox}},
	}
	for _, step := range steps {
		s = step.next(s)
		if s != step.want {
			t.Fatalf("%s: %+v, want %+v", step.name, s, step.want)
		}
	}
}
