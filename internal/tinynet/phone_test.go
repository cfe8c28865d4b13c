package tinynet_test

import (
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// TestAReplyFromTheTinyAppLandsInItsConversation: the shop answers a
// customer in the tiny network's own app, not through hark; the next
// sync reads it from the shop's own posts, once, into the customer's
// conversation, marked made elsewhere, and the conversation waits for
// the customer. A sync after that reads it again and stores nothing
// more (the network's ids are kept, not made anew).
func TestAReplyFromTheTinyAppLandsInItsConversation(t *testing.T) {
	now := time.Now()
	st := harktest.Store(t)
	srv, client, me := signedIn(t, st)
	if err := st.SetAccount(me); err != nil {
		t.Fatal(err)
	}
	p := listen.New(client, st, me, listen.Options{Now: func() time.Time { return now }, OwnBackfill: 30 * 24 * time.Hour}) // as config.toml's default

	asked := srv.Add(nina.Ref, "@paperandpine is the sketchbook back?", "", now.Add(-20*time.Minute))
	if _, err := p.SyncOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv.Add(shop.Ref, "@nina_tiny yes, since this morning!", asked.Ref, now.Add(-5*time.Minute)) // from the phone
	if _, err := p.SyncOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	again, err := p.SyncOnce(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if again.New != 0 {
		t.Errorf("a third sync stored %d posts again", again.New)
	}
	ids := searchIDs(t, st, "sketchbook")
	if len(ids) != 1 {
		t.Fatalf("the question: %v", ids)
	}
	th, err := st.Thread(ids[0])
	if err != nil || len(th) != 2 {
		t.Fatalf("the thread: %+v, %v", th, err)
	}
	if r := th[1]; r.Kind != model.Reply || !r.MadeElsewhere() || r.InReplyToID != th[0].ID {
		t.Errorf("the reply from the app: %+v", r)
	}
	if c, _, _ := st.Conversation(ids[0]); c.Status != store.StatusWaiting {
		t.Errorf("the conversation is %q, not waiting for the customer", c.Status)
	}
}
