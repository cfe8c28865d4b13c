package listen_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// TestLiveBringsPostsInSecondsAndFillsTheGap: with the poll an hour
// away, a mention and a DM X pushes are stored within seconds, in their
// conversations; the subscriptions are made once; when the connection
// drops, a mention made while it is down is read by the poll the
// reconnection wakes, once.
func TestLiveBringsPostsInSecondsAndFillsTheGap(t *testing.T) {
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}, Posts: []model.Post{{AuthorID: ann.ID, Text: "@shop first"}}}
	srv, client := xtest.X(t, sc, xfake.Options{KeepAlive: 20 * time.Millisecond}, twitter.Options{Timeout: 2 * time.Second})
	st := harktest.Store(t)
	events := make(chan listen.Event, 256)
	p := listen.New(client, st, shop, listen.Options{Interval: time.Hour, DMInterval: time.Hour, Events: events})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.Run(ctx)
	go p.Live(ctx, client, listen.LiveOptions{Sources: []string{listen.MentionsSource, listen.DMSource}})
	waitLive(t, events)
	harktest.WaitUntil(t, "the first poll and the one the connection woke", func() bool { return srv.Calls(mentionsEndpoint) >= 2 })

	if got := len(srv.Subscriptions()); got != 4 {
		t.Errorf("subscriptions: %d, want mentions, replies, DMs in and out", got)
	}
	mention := srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop where is my parcel?"})
	dm := srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: "it never came"})
	dmID, _ := model.ParseID(dm.EventID)
	harktest.WaitUntil(t, "the pushed mention and DM stored", func() bool {
		_, m, _ := st.Post(mention.ID)
		d, ok, _ := st.Post(dmID)
		return m && ok && d.ConversationID == model.DMConversation(ann.ID)
	})

	reads := srv.Calls(mentionsEndpoint)
	srv.Cut()
	gap := srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop hello? (sent while hark's push was down)"})
	waitLive(t, events)
	harktest.WaitUntil(t, "the mention made in the gap, read by the poll after the reconnection", func() bool {
		_, ok, _ := st.Post(gap.ID)
		return ok
	})
	if srv.Calls(mentionsEndpoint) != reads+1 {
		t.Errorf("mention reads after the reconnection: %d, want the one that fills the gap", srv.Calls(mentionsEndpoint)-reads)
	}
	if got := len(srv.Subscriptions()); got != 4 {
		t.Errorf("subscriptions after the reconnection: %d", got)
	}
	posts, _ := st.Thread(gap.ConversationID)
	if n := slices.IndexFunc(posts, func(q model.Post) bool { return q.ID == gap.ID }); n < 0 || len(posts) != 1 {
		t.Errorf("the gap's conversation: %+v", posts)
	}
}

// waitLive waits for the push to say it is connected.
func waitLive(t *testing.T, events chan listen.Event) {
	t.Helper()
	harktest.WaitFor(t, events, func(e listen.Event) bool {
		s, ok := e.(listen.LiveState)
		return ok && s.Live
	})
}
