package listen_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// The scripted day: from 08:00 to 20:00 UTC, 50 mentions from 30
// customers, 10 DMs from 8 of them, and 15 replies the owner types in
// X's app, evenly spread; hark runs with config's defaults (polls every
// minute, DMs every 5 minutes, live's safety poll every 15).
const (
	dayMentions  = 50
	dayDMs       = 10
	dayPhone     = 15
	dayCustomers = 30
	dayLength    = 12 * time.Hour
)

// dayEvent is one thing that happens in the scripted day.
type dayEvent struct {
	at   time.Duration
	kind string // "mention", "dm", "phone"
	who  int    // the customer
}

// dayScript is the day's events in time order: each kind spread evenly.
func dayScript() []dayEvent {
	var out []dayEvent
	spread := func(n int, kind string, who func(i int) int) {
		for i := range n {
			out = append(out, dayEvent{at: time.Duration(i+1) * dayLength / time.Duration(n+1), kind: kind, who: who(i)})
		}
	}
	spread(dayMentions, "mention", func(i int) int { return i % dayCustomers })
	spread(dayDMs, "dm", func(i int) int { return i % 8 })
	spread(dayPhone, "phone", func(i int) int { return i * 3 % dayCustomers })
	for i := 1; i < len(out); i++ { // insertion sort: stable, small
		for j := i; j > 0 && out[j].at < out[j-1].at; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TestAScriptedDaysSpendPolledAndLive plays the scripted day three ways:
// polled, live as by default (DMs and the shop's own posts pushed), and
// live with mentions too. In each, hark's meter must equal what xfake
// billed, kind by kind; the costs are logged for the README (run with
// -v). Every mention, DM and phone reply is stored, once.
func TestAScriptedDaysSpendPolledAndLive(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated day")
	}
	prices := twitter.Prices()
	modes := []struct {
		name string
		live []string
	}{
		{"polled", nil},
		{"live: dms, own posts (the default)", []string{listen.OwnSource, listen.DMSource}},
		{"live: mentions too", []string{listen.MentionsSource, listen.OwnSource, listen.DMSource}},
	}
	for _, m := range modes {
		counted, billed := playDay(t, m.live)
		if !maps.Equal(counted, billed) {
			t.Errorf("%s: hark counted %v, X billed %v", m.name, counted, billed)
		}
		t.Logf("%-36s %s  %s", m.name, prices.Cost(billed), billByKind(billed, prices))
	}
}

// billByKind says a day's bill kind by kind.
func billByKind(c spend.Counts, prices spend.Prices) string {
	out := ""
	for _, k := range []spend.Kind{spend.OwnedRead, spend.PostRead, spend.UserRead, spend.DMRead, spend.PushedPost, spend.PushedDM} {
		if c[k] > 0 {
			out += fmt.Sprintf(" %s %d (%s)", k, c[k], prices.Cost(spend.Counts{k: c[k]}))
		}
	}
	return out
}

// playDay plays the scripted day against a new simulated X and returns
// what hark counted and what X billed.
func playDay(t *testing.T, live []string) (counted, billed spend.Counts) {
	t.Helper()
	day := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	clock := harktest.NewClock(day)
	customers := make([]model.User, dayCustomers)
	for i := range customers {
		customers[i] = model.User{ID: uint64(1000 + i), Username: fmt.Sprintf("customer%d", i), Name: fmt.Sprintf("Customer %d", i)}
	}
	st := harktest.Store(t)
	meter := func(ctx context.Context, uses []spend.Use) { _ = st.CountSpend(clock.Now(), spend.Source(ctx), uses) }
	srv, client := xtest.X(t, xfake.Scenario{Account: shop, Users: customers}, xfake.Options{Clock: clock.Now, KeepAlive: 50 * time.Millisecond},
		twitter.Options{Timeout: 2 * time.Second, Meter: meter})
	cfg := config.Defaults("config.toml", func(string) string { return "" })
	if cfg.PollInterval == 0 {
		cfg.PollInterval = listen.DefaultInterval
	}
	p := listen.New(client, st, shop, listen.Options{Now: clock.Now, Interval: cfg.PollInterval, DMInterval: cfg.DMInterval, OwnBackfill: cfg.OwnBackfill})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if len(live) > 0 {
		goLive(t, ctx, client, p, live)
	}
	var mentions []model.Post
	var want, pushed []uint64 // everything; what X pushes
	script := dayScript()
	for step := time.Duration(0); step <= dayLength; step += cfg.PollInterval {
		for len(script) > 0 && script[0].at <= step {
			e := script[0]
			script = script[1:]
			switch e.kind {
			case "mention":
				m := srv.AddPost(model.Post{AuthorID: customers[e.who].ID, Text: fmt.Sprintf("@shop a question from %s", customers[e.who].Username)})
				mentions = append(mentions, m)
				want = append(want, m.ID)
				if slices.Contains(live, listen.MentionsSource) {
					pushed = append(pushed, m.ID)
				}
			case "dm":
				id, _ := model.ParseID(srv.AddDM(xfake.DM{SenderID: customers[e.who].ID, RecipientID: shop.ID, Text: "a DM"}).EventID)
				want = append(want, id)
				if slices.Contains(live, listen.DMSource) {
					pushed = append(pushed, id)
				}
			case "phone":
				parent := mentions[len(mentions)-1]
				id := srv.AddPost(model.Post{AuthorID: shop.ID, InReplyToID: parent.ID, Text: "@" + customers[e.who].Username + " answered from the phone"}).ID
				want = append(want, id)
				if slices.Contains(live, listen.OwnSource) {
					pushed = append(pushed, id)
				}
			}
		}
		harktest.WaitUntil(t, "what X pushed, stored", func() bool { return allStored(st, pushed) })
		if _, err := p.SyncOnce(ctx); err != nil {
			t.Fatalf("at %v: %v (calls: mentions %d, own %d, dms %d, users %d, tweets %d)", step, err,
				srv.Calls(mentionsEndpoint), srv.Calls("GET /2/users/:id/tweets"), srv.Calls(dmEvents), srv.Calls("GET /2/users"), srv.Calls("GET /2/tweets"))
		}
		clock.Advance(cfg.PollInterval)
	}
	if !allStored(st, want) {
		t.Errorf("live %v: not everything of the day was stored", live)
	}
	rows, err := st.SpendSince(spend.Day(day))
	if err != nil {
		t.Fatal(err)
	}
	counted = spend.Counts{}
	for _, r := range rows {
		counted[r.Kind] += r.Count
	}
	return counted, srv.Billed()
}

// goLive holds the push for p, as the runtime does, and waits until it
// is connected.
func goLive(t *testing.T, ctx context.Context, client *twitter.Client, p *listen.Poller, sources []string) {
	t.Helper()
	go func() { _ = p.Live(ctx, client, listen.LiveOptions{Sources: sources}) }()
	harktest.WaitUntil(t, "the push connected", func() bool { s, _, _ := p.LiveStatus(); return s.Live })
}
