package main

import (
	"context"
	"strings"
	"testing"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// TestDemoContinuesItsWorld: a second 'hark demo --db F' meets the same
// posts (no conversation twice) and sends the reply the first queued.
func TestDemoContinuesItsWorld(t *testing.T) {
	st := harktest.Store(t)
	ctx := context.Background()
	run := func() (*xfake.Server, *twitter.Client) {
		epoch, err := demoEpoch(st)
		if err != nil {
			t.Fatal(err)
		}
		srv, client := harktest.X(t, xfake.ShopScenario(epoch), xfake.Options{}, twitter.Options{})
		if _, err := listen.New(client, st, xfake.ShopAccount, listen.Options{}).SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
		return srv, client
	}
	first, _ := run()
	before, _ := st.Counts()
	posts := first.Posts()
	target := posts[len(posts)-1]
	if _, err := st.Enqueue(outbox.Replies(target, []string{"@nashville_nina thank you, Nina!"}, target.CreatedAt, 0)...); err != nil {
		t.Fatal(err)
	}
	first.Close()

	second, client := run()
	after, _ := st.Counts()
	if after.ByView[store.ViewAll] != before.ByView[store.ViewAll] {
		t.Errorf("conversations: %d, then %d after the second run", before.ByView[store.ViewAll], after.ByView[store.ViewAll])
	}
	sender := outbox.New(client, st, xfake.ShopAccount, outbox.Options{})
	if _, err := sender.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	var sent bool
	for _, p := range second.Posts() {
		sent = sent || strings.Contains(p.Text, "thank you, Nina!") && p.InReplyToID == target.ID
	}
	if !sent {
		t.Error("the reply queued in the first run did not reach the second run's X")
	}
}
