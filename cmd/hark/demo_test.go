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
	"github.com/harkhq/hark/twitter/xtest"
)

// TestDemoContinuesItsWorld: a second 'hark demo --db F' meets the same
// posts (no conversation twice) and sends the reply the first queued;
// a reply to a mention the drip brought before the restart, and to the
// shop's own reply sent then, reaches X (the restarted world holds every
// post the first showed).
func TestDemoContinuesItsWorld(t *testing.T) {
	st := harktest.Store(t)
	ctx := context.Background()
	run := func() (*xfake.Server, *twitter.Client) {
		epoch, err := demoEpoch(st)
		if err != nil {
			t.Fatal(err)
		}
		world, err := demoWorld(st, xfake.ShopScenario(epoch))
		if err != nil {
			t.Fatal(err)
		}
		srv, client := xtest.X(t, world, xfake.Options{}, twitter.Options{})
		if _, err := listen.New(client, st, xfake.ShopAccount, listen.Options{}).SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
		return srv, client
	}
	first, firstClient := run()
	dripped := first.AddPost(xfake.ShopDrip()(0))
	if _, err := listen.New(firstClient, st, xfake.ShopAccount, listen.Options{}).SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Counts()
	posts := first.Posts()
	target := posts[len(posts)-2] // the scenario's newest, before the drip's
	if _, err := st.Enqueue(outbox.Replies(target, []string{"@nashville_nina thank you, Nina!"}, target.CreatedAt, 0)...); err != nil {
		t.Fatal(err)
	}
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
	stored, _, _ := st.Post(dripped.ID)
	items, _ := st.Enqueue(outbox.Replies(stored, []string{"answered after the restart"}, stored.CreatedAt, 0)...)
	if _, err := sender.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if it, _, _ := st.Item(items[0].ID); it.State != store.Sent {
		t.Errorf("a reply to the drip's mention from before the restart: %s (%s)", it.State, it.LastError)
	}
}
