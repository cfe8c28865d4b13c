// Package harktest builds what hark's integration tests share: a
// simulated X with our real client pointed at it, and a store in a
// temporary folder, each closed when the test ends.
package harktest

import (
	"path/filepath"
	"testing"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// Credentials are keys the simulated X accepts when no Secrets are set.
func Credentials() twitter.Credentials {
	return twitter.Credentials{APIKey: "k", APIKeySecret: "s", AccessToken: "t", AccessSecret: "u"}
}

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

// X serves sc on a simulated X and returns it with a client of ours
// signed in to it; opts are the client's, its address and keys set here.
func X(t testing.TB, sc xfake.Scenario, xo xfake.Options, opts twitter.Options) (*xfake.Server, *twitter.Client) {
	t.Helper()
	srv, err := xfake.Start(sc, xo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	opts.APIBase, opts.Credentials = srv.URL(), Credentials()
	client, err := twitter.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
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
