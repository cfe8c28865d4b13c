package listen_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// TestAHostileStreamLosesNothingAndStoresNothingTwice: X's stream sends
// every event twice, in groups out of order, then cuts a connection in
// the middle of a DM's line. With the polls an hour away, every mention
// and DM is stored once, in its conversation (the cut one by the poll
// the reconnection wakes), and hark's spend is what X billed.
func TestAHostileStreamLosesNothingAndStoresNothingTwice(t *testing.T) {
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}}
	srv, st, events := liveOn(t, sc, listen.Options{DMInterval: time.Hour}, listen.MentionsSource, listen.DMSource)
	harktest.WaitUntil(t, "the reads the connection woke", func() bool { return srv.Calls(dmEvents) >= 2 })

	srv.SetStreamFaults(xfake.StreamFaults{Repeat: true, OutOfOrder: 3})
	var want []uint64
	for i := range 6 {
		if i%2 == 0 {
			want = append(want, srv.AddPost(model.Post{AuthorID: ann.ID, Text: fmt.Sprintf("@shop question %d", i)}).ID)
			continue
		}
		id, _ := model.ParseID(srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: fmt.Sprintf("dm %d", i)}).EventID)
		want = append(want, id)
	}
	harktest.WaitUntil(t, "six events, repeated and out of order, stored", func() bool { return allStored(st, want) })

	srv.SetStreamFaults(xfake.StreamFaults{CutMidLine: true})
	cut, _ := model.ParseID(srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: "the DM whose line was cut"}).EventID)
	waitLive(t, events)
	harktest.WaitUntil(t, "the cut DM, read by the poll the reconnection woke", func() bool { return allStored(st, []uint64{cut}) })

	if n := srv.Calls("GET /2/activity/stream"); n < 2 {
		t.Errorf("%d connections: the cut made none again", n)
	}
	dms, _ := st.Thread(model.DMConversation(ann.ID))
	if len(dms) != 4 {
		t.Errorf("the DM conversation holds %d messages, want 4", len(dms))
	}
	if n := storedPosts(t, st); n != 7 {
		t.Errorf("%d posts stored, want 7", n)
	}
	rows, err := st.SpendSince(spend.Day(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	counted := spend.Counts{}
	for _, r := range rows {
		counted[r.Kind] += r.Count
	}
	prices := twitter.Prices()
	if got, billed := prices.Cost(counted), prices.Cost(srv.Billed()); got != billed {
		t.Errorf("hark counted %v (%v), X billed %v (%v)", counted, got, srv.Billed(), billed)
	}
}

// allStored reports whether every id is in the store.
func allStored(st interface {
	Post(uint64) (model.Post, bool, error)
}, ids []uint64) bool {
	for _, id := range ids {
		if _, ok, _ := st.Post(id); !ok {
			return false
		}
	}
	return true
}

// TestPushedEditsAndDeletionsChangeTheStoredPost: with the polls an hour
// away, a customer editing a mention in X's app is pushed as the new
// version and stored as the same post, with the new text; the shop
// deleting its reply in X's app (post.delete) removes the reply, leaving
// a tombstone in the conversation.
func TestPushedEditsAndDeletionsChangeTheStoredPost(t *testing.T) {
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}, Posts: []model.Post{{AuthorID: ann.ID, Text: "@shop wher is my ordr?"}}}
	srv, st, _ := liveOn(t, sc, listen.Options{OwnBackfill: time.Hour}, listen.MentionsSource, listen.OwnSource)
	ask := srv.Posts()[0]
	harktest.WaitUntil(t, "the reads the connection woke", func() bool { return srv.Calls("GET /2/users/:id/tweets") >= 2 })

	edit, _ := srv.EditPost(ask.ID, "@shop where is my order 5521?")
	harktest.WaitUntil(t, "the pushed edit stored", func() bool { got, _, _ := st.Post(edit.ID); return got.Text == edit.Text })
	if got, _, _ := st.Post(ask.ID); got.ID != ask.ID || got.Target() != edit.ID || !got.Edited() || storedPosts(t, st) != 1 {
		t.Errorf("the edited mention: %+v; %d posts stored", got, storedPosts(t, st))
	}

	reply := srv.AddPost(model.Post{AuthorID: shop.ID, InReplyToID: edit.ID, Text: "@ann it left today"}) // typed in X's app
	harktest.WaitUntil(t, "the phone's reply stored", func() bool { _, ok, _ := st.Post(reply.ID); return ok })
	srv.DeletePost(reply.ID) // and deleted there
	harktest.WaitUntil(t, "the deletion pushed", func() bool { got, _, _ := st.Post(reply.ID); return got.Kind == model.Deleted })
	if got, _, _ := st.Post(reply.ID); got.Text != "" || got.ConversationID != ask.ConversationID {
		t.Errorf("the deleted reply keeps what its author said, or left its conversation: %+v", got)
	}
}
