package twitter_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// demoRun starts X's demo world through the contract, as 'hark demo'
// does, on the posts st holds, and syncs it into st.
func demoRun(t *testing.T, st *store.Store, epoch time.Time) (*network.Demo, network.Client) {
	t.Helper()
	x, err := network.AdapterOf(network.X)
	if err != nil {
		t.Fatal(err)
	}
	d, err := x.Demo(network.DemoOptions{Epoch: epoch, Accounts: 1, Known: st.EachPost})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	client, err := network.Connect(network.Dial{APIBase: d.APIBase, Credentials: d.Accounts[0]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := listen.New(client, st, xfake.ShopAccount, listen.Options{}).SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d, client
}

// TestDemoContinuesItsWorld: a second demo on the same database meets the
// same posts (no conversation twice) and sends the reply the first
// queued; a reply to a mention the drip brought before the restart, and
// to the shop's own reply sent then, reaches X (the restarted world
// holds every post the first showed).
func TestDemoContinuesItsWorld(t *testing.T) {
	st := harktest.Store(t)
	epoch := time.Now().Add(-time.Hour)
	first, _ := demoRun(t, st, epoch)
	target := newestMention(t, st) // the scenario's
	dripped := xfake.ShopDrip()(0) // as the drip brings it, stored by a sync
	dripped.CreatedAt = time.Now().Add(-time.Minute)
	dripped.ID = model.SnowflakeID(dripped.CreatedAt, 0)
	dripped.ConversationID, dripped.Kind = dripped.ID, model.Mention
	if _, err := st.Put(store.Batch{Posts: []model.Post{dripped}, Account: xfake.ShopAccount.ID}); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Counts()
	queued, err := st.Enqueue(outbox.Replies(target, []string{"thank you!"}, target.CreatedAt, 0)...)
	if err != nil {
		t.Fatal(err)
	}
	first.Close()

	_, client := demoRun(t, st, epoch)
	after, _ := st.Counts()
	if after.ByView[store.ViewAll] != before.ByView[store.ViewAll] {
		t.Errorf("conversations: %d, then %d after the second run", before.ByView[store.ViewAll], after.ByView[store.ViewAll])
	}
	flush(t, client, st)
	sent, _, _ := st.Item(queued[0].ID)
	if sent.State != store.Sent {
		t.Fatalf("the reply queued in the first run: %s (%s)", sent.State, sent.LastError)
	}
	ownReply, _, _ := st.Post(sent.PostID)
	for i, p := range []model.Post{dripped, ownReply} {
		stored, _, _ := st.Post(p.ID)
		text := fmt.Sprintf("answered after the restart (%d)", i)
		items, _ := st.Enqueue(outbox.Replies(stored, []string{text}, stored.CreatedAt, 0)...)
		flush(t, client, st)
		if it, _, _ := st.Item(items[0].ID); it.State != store.Sent {
			t.Errorf("a reply to %q from before the restart: %s (%s)", p.Text, it.State, it.LastError)
		}
	}
}

// newestMention is the newest post st holds from someone else.
func newestMention(t *testing.T, st *store.Store) model.Post {
	var newest model.Post
	st.EachPost(func(p model.Post) error {
		if p.AuthorID != xfake.ShopAccount.ID && !p.Kind.IsDM() && p.CreatedAt.After(newest.CreatedAt) {
			newest = p
		}
		return nil
	})
	if newest.ID == 0 {
		t.Fatal("the demo's world has no mention")
	}
	return newest
}

// flush sends what is due.
func flush(t *testing.T, c network.Client, st *store.Store) {
	t.Helper()
	if _, err := outbox.New(c, st, xfake.ShopAccount, outbox.Options{}).Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}
