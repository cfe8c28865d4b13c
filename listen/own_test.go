package listen_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

const ownEndpoint = "GET /2/users/:id/tweets"

// TestRepliesMadeInXsAppLandInTheirConversations: the shop answers ann
// from X's app; hark, reading the shop's own timeline, files the reply in
// ann's conversation (both sides, waiting, kind reply, source own); the
// shop's announcement is stored with no row in any view until someone
// answers it; a reply hark sent and reads back is one post; a second sync
// reads one page and stores nothing; the own reads are billed as owned
// reads alone; posts older than the backfill are not read.
func TestRepliesMadeInXsAppLandInTheirConversations(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann}}, now)
	srv, client, st, clock := f.srv, f.client, f.store, f.clock
	old := srv.AddPost(model.Post{AuthorID: shop.ID, Text: "Closed for the holidays", CreatedAt: now.Add(-40 * 24 * time.Hour)})
	ask := srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop where is my order?", CreatedAt: now.Add(-time.Hour)})
	phone := srv.AddPost(model.Post{AuthorID: shop.ID, Text: "@ann it ships today!", InReplyToID: ask.ID, CreatedAt: now.Add(-50 * time.Minute)})
	news := srv.AddPost(model.Post{AuthorID: shop.ID, Text: "New inks are in: sage, rust and midnight.", CreatedAt: now.Add(-40 * time.Minute)})

	p := f.poller(listen.Options{OwnBackfill: 30 * 24 * time.Hour})
	res, err := p.SyncOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 3 {
		t.Errorf("stored %d new posts, want ann's, the phone reply and the announcement", res.New)
	}
	c, _, _ := st.Conversation(ask.ConversationID)
	thread, _ := st.Thread(ask.ConversationID)
	if c.Status != store.StatusWaiting || len(thread) != 2 {
		t.Errorf("ann's conversation: %s with %d posts, want waiting with both sides", c.Status, len(thread))
	}
	reply, _, _ := st.Post(phone.ID)
	if reply.Kind != model.Reply || !reply.MadeElsewhere() || reply.ConversationID != ask.ConversationID {
		t.Errorf("the reply from X's app: %+v", reply)
	}
	if _, found, _ := st.Post(old.ID); found {
		t.Error("a post older than own_backfill_days was read")
	}
	ann0, _, _ := st.Conversation(news.ID)
	if ann0.Status != store.StatusOwn {
		t.Errorf("the announcement's conversation is %q, want own", ann0.Status)
	}
	for _, v := range []store.View{store.ViewInbox, store.ViewWaiting, store.ViewAll} {
		rows, _ := st.Inbox(v, store.InboxKey{}, 100)
		for _, r := range rows {
			if r.Conversation.ID == news.ID {
				t.Errorf("the announcement has a row in %s", v)
			}
		}
	}
	rows, _ := st.SpendSince(spend.Day(now))
	for _, r := range rows {
		if r.Source == listen.OwnSource && r.Kind != spend.OwnedRead {
			t.Errorf("reading own posts billed %d %s", r.Count, r.Kind)
		}
	}

	// Someone answers the announcement: it opens, the shop's post with it.
	srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop is midnight waterproof?", InReplyToID: news.ID})
	// hark sends a reply, then reads it back from the timeline.
	sender := outbox.New(client, st, shop, outbox.Options{Now: clock.Now})
	items, _ := st.Enqueue(outbox.Replies(model.Post{ID: ask.ID, ConversationID: ask.ConversationID, AuthorID: ann.ID, Text: ask.Text}, []string{"@ann tracking: 1Z999"}, now, 0)...)
	if _, err := sender.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	sent, _, _ := st.Item(items[0].ID)
	clock.Advance(time.Minute)
	calls := srv.Calls(ownEndpoint)
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := srv.Calls(ownEndpoint) - calls; got != 1 {
		t.Errorf("the second sync read %d pages of the own timeline", got)
	}
	back, _, _ := st.Post(sent.PostID)
	thread, _ = st.Thread(ask.ConversationID)
	if len(thread) != 3 || !slices.Contains(back.Sources, listen.OwnSource) || back.MadeElsewhere() {
		t.Errorf("the reply hark sent, read back: %d posts in the thread, sources %v", len(thread), back.Sources)
	}
	if c, _, _ := st.Conversation(news.ID); c.Status != store.StatusOpen {
		t.Errorf("the answered announcement is %q, want open", c.Status)
	}
	calls = srv.Calls(ownEndpoint)
	res, err = p.SyncOnce(context.Background())
	if err != nil || res.New != 0 || srv.Calls(ownEndpoint)-calls != 1 {
		t.Errorf("a third sync: %+v, %v, %d calls", res, err, srv.Calls(ownEndpoint)-calls)
	}
}

// TestThePostAMentionAnswersIsKeptForContext: ann answers bob's post
// (which never spoke to the shop) and mentions the shop; X sends bob's
// post with hers. hark keeps it in the conversation for context: not a
// mention, not unread, opening nothing; ann is the customer.
func TestThePostAMentionAnswersIsKeptForContext(t *testing.T) {
	bob := model.User{ID: 300, Username: "bob", Name: "Bob"}
	now := time.Now().UTC().Truncate(time.Second)
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann, bob}}, now)
	srv, st := f.srv, f.store
	pens := srv.AddPost(model.Post{AuthorID: bob.ID, Text: "which fountain pen for a beginner?", CreatedAt: now.Add(-time.Hour)})
	tip := srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@bob @shop has a starter kit", InReplyToID: pens.ID, CreatedAt: now.Add(-30 * time.Minute)})
	if _, err := f.poller(listen.Options{}).SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	kept, found, _ := st.Post(pens.ID)
	if !found || kept.Kind != model.Context {
		t.Fatalf("bob's post: found %v, kind %q; want kept for context", found, kept.Kind)
	}
	c, _, _ := st.Conversation(tip.ConversationID)
	if c.Unread != 1 || c.CustomerID != ann.ID || c.Status != store.StatusOpen || c.Posts != 2 {
		t.Errorf("the conversation: %+v; want open, ann's, one unread of two posts", c)
	}
}
