// Package harktest builds what hark's tests share whatever the network:
// a store in a temporary folder, closed when the test ends, and a
// comparison of outbox items. X's own (the simulated X with a client
// signed in to it) are in twitter/xtest.
package harktest

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

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

// WaitFor reads ch until want holds of a value, for at most 10 s, and
// returns that value; the test fails when none comes.
func WaitFor[T any](t testing.TB, ch <-chan T, want func(T) bool) T {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case v := <-ch:
			if want(v) {
				return v
			}
		case <-deadline:
			var zero T
			t.Fatalf("no %T came within 10 s", zero)
			return zero
		}
	}
}

// WaitUntil asks cond every 10 ms until it holds, for at most 10 s; the
// test fails, saying what, when it never does.
func WaitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal(what + ": not within 10 s")
}

// Clock is a test's clock: it stands still until the test moves it. It
// is safe for concurrent use (a server and a client read it).
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock is a clock at now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set puts the clock at t, back or forward.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
