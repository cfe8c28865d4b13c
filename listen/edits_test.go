package listen_test

import (
	"context"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// TestAnEditedMentionStaysOnePost: ann edits her mention in X's app
// after hark read it; the next sync reads the new version (a new id
// naming the old) and hark keeps one post, one conversation and one
// inbox row with the newest text; the shop's reply goes to the newest
// version; a sync after that reads nothing new.
func TestAnEditedMentionStaysOnePost(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann}}, now)
	ask := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop wher is my ordr?", CreatedAt: now.Add(-time.Hour)})
	p := f.poller(listen.Options{})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(10 * time.Minute)
	edit, ok := f.srv.EditPost(ask.ID, "@shop where is my order 5521?")
	if !ok {
		t.Fatal("xfake refused the edit")
	}
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := storedPosts(t, f.store); n != 1 {
		t.Errorf("%d posts stored, want 1 for the edit chain", n)
	}
	got, _, _ := f.store.Post(edit.ID)
	if got.ID != ask.ID || got.Text != edit.Text || got.Target() != edit.ID || !got.Edited() {
		t.Errorf("the edited post: %+v", got)
	}
	rows, _ := f.store.Inbox(store.ViewInbox, store.InboxKey{}, 10)
	if len(rows) != 1 {
		t.Errorf("%d inbox rows, want 1", len(rows))
	}
	sender := outbox.New(f.client, f.store, shop, outbox.Options{Now: f.clock.Now})
	items, _ := f.store.Enqueue(outbox.Replies(got, []string{"@ann it left today"}, f.clock.Now(), 0)...)
	if _, err := sender.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	sent, _, _ := f.store.Item(items[0].ID)
	var onX model.Post
	for _, q := range f.srv.Posts() {
		if q.ID == sent.PostID {
			onX = q
		}
	}
	if sent.State != store.Sent || onX.InReplyToID != edit.ID {
		t.Errorf("the reply: %s, answering %d on X, want sent to the newest version %d", sent.State, onX.InReplyToID, edit.ID)
	}
	before := f.srv.Calls(mentionsEndpoint)
	res, err := p.SyncOnce(context.Background())
	if err != nil || res.New != 0 {
		t.Errorf("the sync after: %d new, %v", res.New, err)
	}
	if thread, _ := f.store.Thread(ask.ConversationID); len(thread) != 2 {
		t.Errorf("thread has %d posts, want the mention and the reply", len(thread))
	}
	if f.srv.Calls(mentionsEndpoint) != before+1 {
		t.Errorf("the sync after read %d mention pages", f.srv.Calls(mentionsEndpoint)-before)
	}
}

// TestDeletedPostsAreRemovedAndNeverFetchedAgain: ann deletes a
// mention; hark sync --verify-deleted's look-up names it and hark
// removes it, leaving a tombstone and failing the reply queued to it; a
// second look-up does not ask X about it; a reply to a post deleted
// before the look-up fails with the reason and removes that post too.
func TestDeletedPostsAreRemovedAndNeverFetchedAgain(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann}}, now)
	gone := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop this mug is awful", CreatedAt: now.Add(-2 * time.Hour)})
	kept := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop sorry, it was the dishwasher", CreatedAt: now.Add(-time.Hour)})
	late := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop one more thing", CreatedAt: now.Add(-30 * time.Minute)})
	p := f.poller(listen.Options{})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	queued, _ := f.store.Enqueue(store.Item{ConversationID: gone.ConversationID, InReplyTo: gone.ID, Text: "@ann so sorry", NotBefore: now.Add(time.Hour)})
	f.srv.DeletePost(gone.ID)
	ids, _ := f.store.Verifiable(now.Add(-listen.VerifyWindow))
	if len(ids) != 3 {
		t.Fatalf("verifiable = %v, want the 3 stored posts", ids)
	}
	res, err := p.VerifyDeleted(context.Background(), ids, nil)
	if err != nil || res.Checked != 3 || res.Removed != 1 {
		t.Fatalf("VerifyDeleted = %+v, %v", res, err)
	}
	stone, _, _ := f.store.Post(gone.ID)
	if stone.Kind != model.Deleted || stone.Text != "" {
		t.Errorf("the deleted post: %+v", stone)
	}
	if it, _, _ := f.store.Item(queued[0].ID); it.State != store.Failed || it.LastError != listen.DeletedReason {
		t.Errorf("the reply queued to it: %s %q", it.State, it.LastError)
	}
	if k, _, _ := f.store.Post(kept.ID); k.Text != kept.Text {
		t.Errorf("a post not deleted changed: %+v", k)
	}
	ids, _ = f.store.Verifiable(now.Add(-listen.VerifyWindow))
	if len(ids) != 2 {
		t.Errorf("verifiable after = %v, want the 2 left", ids)
	}
	rows, _ := f.store.SpendSince(spend.Day(now))
	for _, r := range rows {
		if r.Source == listen.VerifySource && (r.Kind != spend.PostRead || r.Count != 2) {
			t.Errorf("the look-up billed %d %s, want the 2 posts X returned", r.Count, r.Kind)
		}
	}

	// A reply to a post deleted since: X's 403 fails it and removes it.
	f.srv.DeletePost(late.ID)
	items, _ := f.store.Enqueue(store.Item{ConversationID: late.ConversationID, InReplyTo: late.ID, Text: "@ann yes?"})
	sender := outbox.New(f.client, f.store, shop, outbox.Options{Now: f.clock.Now})
	if _, err := sender.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	it, _, _ := f.store.Item(items[0].ID)
	if p, _, _ := f.store.Post(late.ID); it.State != store.Failed || p.Kind != model.Deleted {
		t.Errorf("the reply to a deleted post: %s (%s); the post: %s", it.State, it.LastError, p.Kind)
	}
}

// TestAnEditMadeBeforeHarkReadIsOnePostWithItsEarlierText: ann edits
// her mention before hark's first read; X's timeline shows the newest
// version only, naming the first; hark reads the first in one look-up
// (a post read), keeps one post with both texts, and reads it once: a
// second sync looks up nothing.
func TestAnEditMadeBeforeHarkReadIsOnePostWithItsEarlierText(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann}}, now)
	first := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop the mug is chiped", CreatedAt: now.Add(-time.Hour)})
	edit, _ := f.srv.EditPost(first.ID, "@shop the mug is chipped, can I swap it?")
	p := f.poller(listen.Options{})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := storedPosts(t, f.store); n != 1 {
		t.Errorf("%d posts stored, want 1", n)
	}
	got, _, _ := f.store.Post(first.ID)
	if got.Text != edit.Text || len(got.Earlier) != 1 || got.Earlier[0].Text != first.Text || got.Target() != edit.ID {
		t.Errorf("the post: %+v", got)
	}
	lookups := f.srv.Calls("GET /2/tweets")
	if lookups != 1 {
		t.Errorf("%d look-ups, want 1 for the earlier version", lookups)
	}
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if f.srv.Calls("GET /2/tweets") != lookups {
		t.Error("the earlier version was looked up again")
	}
}
