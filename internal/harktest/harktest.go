// Package harktest builds what hark's tests share whatever the network:
// a store in a temporary folder, closed when the test ends, and a
// comparison of outbox items. X's own (the simulated X with a client
// signed in to it) are in twitter/xtest.
package harktest

import (
	"path/filepath"
	"testing"

	"github.com/harkhq/hark/store"
)

// Store opens a new store in the test's temporary folder.
func Store(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// SameItems reports whether two ways of queueing made the same outbox
// items: kind, text, recipient, conversation, and the post the first
// answers.
func SameItems(a, b []store.Item) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.DM != y.DM || x.Text != y.Text || x.Recipient != y.Recipient || x.ConversationID != y.ConversationID || (i == 0 && x.InReplyTo != y.InReplyTo) {
			return false
		}
	}
	return true
}
