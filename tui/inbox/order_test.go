package inbox

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
)

var keySort = tea.KeyPressMsg{Code: 'f', Text: "f"}

// TestOldestFirstScrollsThroughTheStoreTheOtherWay checks that `f` lists
// the customer who has waited longest first, pages the whole view that
// way (down, up, bottom, top, pages), and that the choice outlives the
// model: a new one over the same store starts oldest first.
func TestOldestFirstScrollsThroughTheStoreTheOtherWay(t *testing.T) {
	m := press(newInbox(t), keySort)
	if got := selected(t, m); got != "c500" {
		t.Fatalf("oldest first starts at %s, want c500", got)
	}
	for range 25 {
		m = press(m, down)
	}
	if got := selected(t, m); got != "c475" {
		t.Errorf("25 down: %s, want c475", got)
	}
	for range 20 {
		m = press(m, up)
	}
	if got := selected(t, m); got != "c495" {
		t.Errorf("20 up: %s, want c495", got)
	}
	m = press(m, keyBottom)
	if got := selected(t, m); got != "c1" {
		t.Errorf("G: %s, want c1 (the newest, last)", got)
	}
	m = press(m, pageUp)
	if got := selected(t, m); got != "c11" {
		t.Errorf("page up from the end: %s, want c11", got)
	}
	m = press(m, keyTop)
	m = press(m, pageDown)
	if got := selected(t, m); got != "c490" {
		t.Errorf("page down from the top: %s, want c490", got)
	}

	again := New(m.common)
	again.SetSize(60, 10)
	again = step(again, again.Init())
	if got := selected(t, again); got != "c500" || again.Order() != store.OldestFirst {
		t.Errorf("reopened: %s, %v; want c500, oldest first kept", got, again.Order())
	}
	again.SetFocus(true)
	again = press(again, keySort)
	if got := selected(t, again); got != "c1" {
		t.Errorf("f again: %s, want c1 (newest first)", got)
	}
}

// TestOrderIsPerView checks that one view's order leaves the others'.
func TestOrderIsPerView(t *testing.T) {
	m := press(newInbox(t), keySort)
	m = step(m, m.SetView(store.ViewAll))
	if got := selected(t, m); got != "c1" || m.Order() != store.NewestFirst {
		t.Errorf("All after sorting the Inbox: %s, %v; want c1, newest first", got, m.Order())
	}
	m = step(m, m.SetView(store.ViewInbox))
	if got := selected(t, m); got != "c500" {
		t.Errorf("back in the Inbox: %s, want c500", got)
	}
}
