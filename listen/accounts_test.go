package listen_test

import (
	"context"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// TestTwoAccountsSyncIntoOneStore: the shop's account and its help desk
// sync into one store, each with its own cursor and state; a mention of
// both is one conversation; each conversation belongs to the account it
// reached, and a reply in it goes from that account, sent by that
// account's sender only.
func TestTwoAccountsSyncIntoOneStore(t *testing.T) {
	help := model.User{ID: 300, Username: "shop_help", Name: "Shop Help"}
	now := time.Now().Truncate(time.Second)
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}, MoreAccounts: []model.User{help}, Posts: []model.Post{
		{AuthorID: ann.ID, Text: "@shop_help my order is late", CreatedAt: now.Add(-3 * time.Minute)},
		{AuthorID: ann.ID, Text: "@shop @shop_help which of you handles returns?", CreatedAt: now.Add(-2 * time.Minute)},
		{AuthorID: ann.ID, Text: "@shop love the new pens", CreatedAt: now.Add(-time.Minute)},
	}}
	srv, mainClient := xtest.X(t, sc, xfake.Options{}, twitter.Options{})
	token, secret := xfake.AccountToken(help)
	creds := xtest.Credentials()
	creds.AccessToken, creds.AccessSecret = token, secret
	helpClient, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	st := harktest.Store(t)
	if err := st.SetAccounts([]model.User{shop, help}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, p := range []*listen.Poller{
		listen.New(mainClient, st, shop, listen.Options{Ours: []uint64{help.ID}}),
		listen.New(helpClient, st, help, listen.Options{AccountName: help.Username, Ours: []uint64{shop.ID}}),
	} {
		if _, err := p.SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	posts := srv.Posts()
	for name, want := range map[string]uint64{"mentions": posts[2].ID, "@shop_help:mentions": posts[1].ID} {
		if c, _ := st.Cursor(name); c != want {
			t.Errorf("cursor %s = %d, want %d", name, c, want)
		}
	}
	accountOf := func(p model.Post) uint64 { c, _, _ := st.Conversation(p.ID); return c.Account }
	if a, b, c := accountOf(posts[0]), accountOf(posts[1]), accountOf(posts[2]); a != help.ID || b != shop.ID || c != shop.ID {
		t.Errorf("accounts: late %d, both %d, pens %d", a, b, c)
	}
	n := 0
	st.EachPost(func(model.Post) error { n++; return nil })
	if n != 3 {
		t.Errorf("%d posts stored, want 3: the mention of both once", n)
	}

	plan, err := outbox.Prepare(st, outbox.Reply{ConversationID: posts[0].ID, Body: "So sorry, Ann: it ships today."}, outbox.Settings{Account: shop, HourlyLimit: 10}, now)
	if err != nil || plan.From.ID != help.ID || plan.Items[0].Account != help.ID {
		t.Fatalf("the plan: from %+v, %+v, %v", plan.From, plan.Items, err)
	}
	if _, err := st.Enqueue(plan.Items...); err != nil {
		t.Fatal(err)
	}
	if _, err := outbox.New(mainClient, st, shop, outbox.Options{}).Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if items, _ := st.Outbox(store.Queued); len(items) != 1 {
		t.Fatalf("the main account's sender took the help account's reply: %+v", items)
	}
	if _, err := outbox.New(helpClient, st, help, outbox.Options{Secondary: true}).Flush(ctx); err != nil {
		t.Fatal(err)
	}
	last := srv.Posts()[len(srv.Posts())-1]
	if last.AuthorID != help.ID || last.InReplyToID != posts[0].ID {
		t.Errorf("the reply on X: %+v", last)
	}
}
