// Package xtest starts what X's integration tests share: the simulated
// X with our real client signed in to it, closed when the test ends.
// It is X's adapter's, beside xfake; the neutral test helpers are in
// internal/harktest.
package xtest

import (
	"testing"

	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// Credentials are keys the simulated X accepts when no Secrets are set.
func Credentials() twitter.Credentials {
	return twitter.Credentials{APIKey: "k", APIKeySecret: "s", AccessToken: "t", AccessSecret: "u"}
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
