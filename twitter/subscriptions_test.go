package twitter_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// TestSubscriptionsAreMadeOnceAndRepaired: hark makes the subscriptions
// asked for, tagged as its own, with the token it holds; asked again it
// makes none; a repeat of its own and one no longer asked for are
// deleted; another program's subscription is left alone.
func TestSubscriptionsAreMadeOnceAndRepaired(t *testing.T) {
	srv, client, _ := startStream(t, time.Hour, time.Minute)
	ctx := context.Background()
	want := []string{"dm.received", "dm.sent", "post.create"}
	subs, err := client.EnsureSubscriptions(ctx, streamShop.ID, want)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 3 || len(srv.Subscriptions()) != 3 {
		t.Fatalf("made: %+v; X holds %+v", subs, srv.Subscriptions())
	}
	for _, s := range srv.Subscriptions() {
		if s.Tag != twitter.SubscriptionTag || s.UserID != streamShop.ID || !slices.Contains(want, s.EventType) {
			t.Errorf("a subscription as X holds it: %+v", s)
		}
	}
	if _, err := client.EnsureSubscriptions(ctx, streamShop.ID, want); err != nil || len(srv.Subscriptions()) != 3 {
		t.Errorf("asked again: %v; X holds %d", err, len(srv.Subscriptions()))
	}
	if _, err := client.Subscribe(ctx, "dm.received", streamShop.ID); err != nil { // a repeat, as a crash between create and record leaves
		t.Fatal(err)
	}
	other := "zapier" // another program's, on the same app
	srv.AddSubscription(xfake.Subscription{EventType: "post.mention.create", UserID: streamShop.ID, Tag: other})
	subs, err = client.EnsureSubscriptions(ctx, streamShop.ID, []string{"dm.received", "dm.sent"})
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, s := range srv.Subscriptions() {
		types = append(types, s.EventType+"/"+s.Tag)
	}
	slices.Sort(types)
	if len(subs) != 2 || !slices.Equal(types, []string{"dm.received/hark", "dm.sent/hark", "post.mention.create/" + other}) {
		t.Errorf("after repair, X holds %v (hark's: %+v)", types, subs)
	}
}

// TestSubscribedEventsArePushed: with subscriptions made, X pushes what
// they ask for: a customer's mention, the shop's own post, a DM in and a
// DM out; nothing for what no subscription asks.
func TestSubscribedEventsArePushed(t *testing.T) {
	srv, client, s := startStream(t, time.Hour, time.Minute)
	ctx := context.Background()
	if _, err := client.EnsureSubscriptions(ctx, streamShop.ID, []string{"post.mention.create", "post.create", "dm.received", "dm.sent"}); err != nil {
		t.Fatal(err)
	}
	srv.AddPost(model.Post{AuthorID: streamCustomer.ID, Text: "no mention here"})
	mention := srv.AddPost(model.Post{AuthorID: streamCustomer.ID, Text: "@PaperAndPine hello"})
	if a := s.next(t); a.Type != "post.mention.create" || a.Page.Posts[0].ID != mention.ID {
		t.Errorf("the mention: %+v", a)
	}
	reply, err := client.Reply(ctx, mention.ID, "thanks!")
	if err != nil {
		t.Fatal(err)
	}
	if a := s.next(t); a.Type != "post.create" || a.Page.Posts[0].ID != reply.ID {
		t.Errorf("the shop's reply: %+v", a)
	}
	srv.AddDM(xfake.DM{SenderID: streamCustomer.ID, RecipientID: streamShop.ID, Text: "hi"})
	if a := s.next(t); a.Type != "dm.received" {
		t.Errorf("a DM in: %+v", a)
	}
	if _, err := client.SendDM(ctx, streamCustomer.ID, "hello back"); err != nil {
		t.Fatal(err)
	}
	if a := s.next(t); a.Type != "dm.sent" || a.Page.Posts[0].AuthorID != streamShop.ID {
		t.Errorf("a DM out: %+v", a)
	}
}

// TestSubscriptionsOnALaterPageAreSeen: with 1,100 of another program's
// subscriptions before hark's, hark's are on X's second page (X lists
// 1,000 a page): hark reads every page and makes none twice.
func TestSubscriptionsOnALaterPageAreSeen(t *testing.T) {
	srv, client, _ := startStream(t, time.Hour, time.Minute)
	for range 1100 {
		srv.AddSubscription(xfake.Subscription{EventType: "follow.follow", UserID: streamShop.ID, Tag: "crm"})
	}
	srv.AddSubscription(xfake.Subscription{EventType: "dm.received", UserID: streamShop.ID, Tag: twitter.SubscriptionTag})
	subs, err := client.EnsureSubscriptions(context.Background(), streamShop.ID, []string{"dm.received"})
	if err != nil || len(subs) != 1 {
		t.Fatalf("ensure: %v, %+v", err, subs)
	}
	if n := len(srv.Subscriptions()); n != 1101 {
		t.Errorf("X holds %d subscriptions, want 1,101: hark made one it had", n)
	}
}
