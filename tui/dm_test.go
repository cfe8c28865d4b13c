package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// newDMHarness is newHarness with DMs read and what X bills counted, as
// hark runs.
func newDMHarness(t *testing.T) *harness {
	t.Helper()
	clock := func() time.Time { return now }
	st := harktest.Store(t)
	meter := func(ctx context.Context, uses []spend.Use) {
		if err := st.CountSpend(now, spend.Source(ctx), uses); err != nil {
			t.Error(err)
		}
	}
	srv, client := xtest.X(t, xfake.ShopScenario(now), xfake.Options{Clock: clock}, twitter.Options{Now: clock, Meter: meter})
	opts := listen.Options{DMInterval: time.Minute, Searches: []config.Search{{Name: "brand", Query: xfake.DemoSearch}}, Now: clock}
	if _, err := listen.New(client, st, xfake.ShopAccount, opts).SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	return startTUI(t, srv, client, st)
}

// TestADMConversationIsAnsweredByDM: angry_al's DM conversation is in the
// inbox like any other, both sides in its thread (the shop's DM from X's
// app, his answer); a reply in it is a DM, shown in the thread; and the
// status bar shows what today's reads cost.
func TestADMConversationIsAnsweredByDM(t *testing.T) {
	h := newDMHarness(t)
	if want := twitter.Prices().Cost(h.srv.Billed()).String() + " today"; !strings.Contains(h.statusLine(), want) {
		t.Errorf("the status bar lacks %q: %q", want, h.statusLine())
	}
	conv := model.DMConversation(2000000006)
	for range 40 {
		if h.selectedID() == conv {
			break
		}
		h.do(keys.Down)
	}
	if h.selectedID() != conv {
		t.Fatalf("al's DM conversation is not in the inbox:\n%s", h.view())
	}
	h.do(keys.Open)
	v := h.view()
	ours, his := strings.Index(v, "✉ you, by DM to @angry_al"), strings.Index(v, "✉ @angry_al")
	if ours < 0 || his < ours || !strings.Contains(v, "INV-20931") {
		t.Fatalf("al's DM thread, both sides in order:\n%s", v)
	}
	posts, _ := h.shopPosts()
	h.do(keys.Reply)
	if v := h.view(); !strings.Contains(v, "DM to @angry_al") || !strings.Contains(v, "answers go by DM") {
		t.Fatalf("the composer in a DM conversation:\n%s", v)
	}
	h.typeText("Refunded INV-20931 just now, Al. It shows in 3-5 days.")
	h.do(keys.Send)
	h.backToLast()
	h.deliver()
	all := h.srv.DMs()
	if last := all[len(all)-1]; last.RecipientID != 2000000006 || !strings.HasPrefix(last.Text, "Refunded INV-20931") {
		t.Errorf("the last DM on X: %+v", last)
	}
	if p, _ := h.shopPosts(); p != posts {
		t.Errorf("%d public posts went out", p-posts)
	}
	if !strings.Contains(h.view(), "Refunded INV-20931") {
		t.Errorf("the DM is not in the thread:\n%s", h.view())
	}
	if c := h.conv(conv); c.Status != store.StatusWaiting {
		t.Errorf("answered, al's DM conversation is %s", c.Status)
	}
}
