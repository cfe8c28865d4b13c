package listen_test

import (
	"context"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter/xfake"
)

const lookupEndpoint = "GET /2/tweets"

// TestTheChainAMentionAnswersIsReadOnce: ann answers bob, who answered
// the shop's old post; X sends bob's post with ann's, not the shop's.
// hark reads the shop's post in one look-up, and keeps the thread whole.
// ann also answers carol's post, which carol deleted: it stands as not
// available and is never asked for again, even when a later mention
// answers it too.
func TestTheChainAMentionAnswersIsReadOnce(t *testing.T) {
	bob := model.User{ID: 300, Username: "bob", Name: "Bob"}
	carol := model.User{ID: 400, Username: "carol", Name: "Carol"}
	now := time.Now().UTC().Truncate(time.Second)
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann, bob, carol}}, now)
	srv, st, clock := f.srv, f.store, f.clock
	news := srv.AddPost(model.Post{AuthorID: shop.ID, Text: "New inks are in!", CreatedAt: now.Add(-72 * time.Hour)})
	ask := srv.AddPost(model.Post{AuthorID: bob.ID, Text: "which colours?", InReplyToID: news.ID, CreatedAt: now.Add(-48 * time.Hour)})
	wish := srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop rust please", InReplyToID: ask.ID, CreatedAt: now.Add(-time.Hour)})
	gone := srv.AddPost(model.Post{AuthorID: carol.ID, Text: "my order is late", CreatedAt: now.Add(-3 * time.Hour)})
	same := srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop same here", InReplyToID: gone.ID, CreatedAt: now.Add(-50 * time.Minute)})
	srv.DeletePost(gone.ID)

	p := f.poller(listen.Options{ContextDepth: 5})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if calls := srv.Calls(lookupEndpoint); calls != 1 {
		t.Errorf("%d look-ups of posts, want one for both missing posts", calls)
	}
	thread, _ := st.Thread(wish.ConversationID)
	if len(thread) != 3 || thread[0].ID != news.ID || thread[0].Kind != model.Reply || thread[1].Kind != model.Context {
		t.Errorf("the chain: %+v; want the shop's post, bob's for context, ann's", thread)
	}
	if c, _, _ := st.Conversation(wish.ConversationID); c.CustomerID != ann.ID || c.Unread != 1 {
		t.Errorf("the conversation: %+v; ann's, one unread", c)
	}
	stand, found, _ := st.Post(gone.ID)
	if !found || stand.Kind != model.Deleted || stand.ConversationID != same.ConversationID { // X says it finds it no more: deleted
		t.Errorf("carol's deleted post: found %v, %+v", found, stand)
	}

	clock.Advance(time.Minute)
	srv.AddPost(model.Post{AuthorID: bob.ID, Text: "@shop me too", InReplyToID: gone.ID})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if calls := srv.Calls(lookupEndpoint); calls != 1 {
		t.Errorf("the post not available was asked for again: %d look-ups", calls)
	}
}
