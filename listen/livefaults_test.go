package listen_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// TestAHostileStreamLosesNothingAndStoresNothingTwice: X's stream sends
// every event twice, in groups out of order, then cuts a connection in
// the middle of a DM's line. With the polls an hour away, every mention
// and DM is stored once, in its conversation (the cut one by the poll
// the reconnection wakes), and hark's spend is what X billed.
func TestAHostileStreamLosesNothingAndStoresNothingTwice(t *testing.T) {
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}}
	st := harktest.Store(t)
	meter := func(ctx context.Context, uses []spend.Use) { _ = st.CountSpend(time.Now(), spend.Source(ctx), uses) }
	srv, client := xtest.X(t, sc, xfake.Options{KeepAlive: 20 * time.Millisecond}, twitter.Options{Timeout: 2 * time.Second, Meter: meter})
	events := make(chan listen.Event, 256)
	p := listen.New(client, st, shop, listen.Options{Interval: time.Hour, DMInterval: time.Hour, Events: events})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.Run(ctx)
	go p.Live(ctx, client, listen.LiveOptions{Sources: []string{listen.MentionsSource, listen.DMSource}})
	waitLive(t, events)
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
