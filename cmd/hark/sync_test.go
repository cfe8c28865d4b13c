package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
)

// TestSyncPollsWithTheDefaultConfig: hark sync (and the inbox, which
// starts the same runtime) polls with a config that does not set
// poll_interval. It did not: the runtime read a zero interval as "poll
// nothing".
func TestSyncPollsWithTheDefaultConfig(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := newRoot(func(k string) string { return env[k] })
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SetContext(ctx)
	cmd.SetArgs([]string{"sync"})
	done := make(chan error, 1)
	go func() { done <- execute(cmd) }()
	harktest.WaitUntil(t, "a poll of the mentions", func() bool { return srv.Calls("GET /2/users/:id/mentions") > 0 })
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("hark sync did not end with its context")
	}
}
