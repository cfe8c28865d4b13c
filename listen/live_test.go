package listen_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
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
	srv, st, events := liveOn(t, sc, listen.Options{DMInterval: time.Hour}, listen.MentionsSource, listen.DMSource)
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

// liveOn serves sc (keep-alives every 20 ms) and runs, until the test
// ends, a poller of o (its polls an hour away), its account's spend
// counted in its store, and its push of sources; it returns once the
// push is connected.
func liveOn(t *testing.T, sc xfake.Scenario, o listen.Options, sources ...string) (*xfake.Server, *store.Store, chan listen.Event) {
	t.Helper()
	st := harktest.Store(t)
	meter := func(ctx context.Context, uses []spend.Use) { _ = st.CountSpend(time.Now(), spend.Source(ctx), uses) }
	srv, client := xtest.X(t, sc, xfake.Options{KeepAlive: 20 * time.Millisecond}, twitter.Options{Timeout: 2 * time.Second, Meter: meter})
	events := make(chan listen.Event, 256)
	o.Interval, o.Events = time.Hour, events
	p := listen.New(client, st, shop, o)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go p.Run(ctx)
	go p.Live(ctx, client, listen.LiveOptions{Sources: sources})
	waitLive(t, events)
	return srv, st, events
}

// waitLive waits for the push to say it is connected.
func waitLive(t *testing.T, events chan listen.Event) {
	t.Helper()
	harktest.WaitFor(t, events, func(e listen.Event) bool {
		s, ok := e.(listen.LiveState)
		return ok && s.Live
	})
}

// TestAPushXRefusesFallsBackToPollingAndComesBack: with the app's two
// connections taken by another program, X refuses the push (429): the
// state says so and asks to wait past X's reset, never in a tight loop,
// and a sync still reads the DMs; once a connection is free, the push
// comes back.
func TestAPushXRefusesFallsBackToPollingAndComesBack(t *testing.T) {
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}}
	srv, client := xtest.X(t, sc, xfake.Options{KeepAlive: 20 * time.Millisecond}, twitter.Options{Timeout: 2 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	token, err := client.AppToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other, freeOne := context.WithCancel(ctx) // another program's two connections
	go client.Stream(other, token, nil, func(twitter.Activity) {})
	go client.Stream(ctx, token, nil, func(twitter.Activity) {})
	harktest.WaitUntil(t, "the other program's two connections", func() bool { return srv.Streams() == 2 })

	waits := make(chan time.Duration, 64)
	events := make(chan listen.Event, 64)
	sleep := func(ctx context.Context, d time.Duration) error {
		waits <- d
		select { // the test's clock: a wait is a moment
		case <-time.After(10 * time.Millisecond):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p := listen.New(client, harktest.Store(t), shop, listen.Options{DMInterval: time.Minute, Events: events, Sleep: sleep})
	go p.Live(ctx, client, listen.LiveOptions{Sources: []string{listen.DMSource}})
	down := harktest.WaitFor(t, events, func(e listen.Event) bool { s, ok := e.(listen.LiveState); return ok && s.Err != nil }).(listen.LiveState)
	var apiErr *twitter.APIError
	if !errors.As(down.Err, &apiErr) || apiErr.Status != 429 {
		t.Errorf("the refusal: %v", down.Err)
	}
	if d := <-waits; d < 50*time.Second {
		t.Errorf("after X's 429 the push waits %v: not past X's reset", d)
	}
	dmReads := srv.Calls(dmEvents)
	if _, err := p.SyncOnce(ctx); err != nil || srv.Calls(dmEvents) != dmReads+1 {
		t.Errorf("while the push is down a sync does not read the DMs: %v, %d reads", err, srv.Calls(dmEvents)-dmReads)
	}
	freeOne()
	waitLive(t, events)
}

// TestAReplyTypedOnThePhoneIsPushedIntoItsConversation: the owner answers
// a customer in X's app; X pushes the shop's own post (post.create), and
// with the poll an hour away it lands in the customer's conversation, as
// a reply made elsewhere, and the conversation waits for the customer.
func TestAReplyTypedOnThePhoneIsPushedIntoItsConversation(t *testing.T) {
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}, Posts: []model.Post{{AuthorID: ann.ID, Text: "@shop where is my order?"}}}
	srv, st, _ := liveOn(t, sc, listen.Options{OwnBackfill: time.Hour}, listen.MentionsSource, listen.OwnSource)
	mention := srv.Posts()[0]
	harktest.WaitUntil(t, "the mention polled", func() bool { _, ok, _ := st.Post(mention.ID); return ok })
	harktest.WaitUntil(t, "the reads the connection woke", func() bool { return srv.Calls("GET /2/users/:id/tweets") >= 2 })
	reply := srv.AddPost(model.Post{AuthorID: shop.ID, InReplyToID: mention.ID, Text: "@ann it left today, sorry for the wait"}) // typed in X's app
	harktest.WaitUntil(t, "the phone's reply pushed and stored", func() bool { _, ok, _ := st.Post(reply.ID); return ok })
	got, _, _ := st.Post(reply.ID)
	c, _, _ := st.Conversation(mention.ConversationID)
	if got.ConversationID != mention.ConversationID || got.Kind != model.Reply || !got.MadeElsewhere() || c.Status != store.StatusWaiting {
		t.Errorf("the phone's reply: %+v; its conversation %+v", got, c)
	}
}
