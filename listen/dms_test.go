package listen_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// setupDMs serves n DMs from ann, five minutes apart (so that one at
// most is inside the overlap of a later read), the newest now.
func setupDMs(t *testing.T, n int) fixture {
	t.Helper()
	now := time.Now().Truncate(time.Second)
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}}
	for i := range n {
		sc.DMs = append(sc.DMs, xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: fmt.Sprintf("where is order %d?", i), CreatedAt: now.Add(-time.Duration(n-i) * 5 * time.Minute)})
	}
	clock := harktest.NewClock(now)
	srv, c := xtest.X(t, sc, xfake.Options{Clock: clock.Now}, twitter.Options{Timeout: 2 * time.Second})
	return fixture{srv: srv, client: c, store: harktest.Store(t), clock: clock}
}

const dmEvents = "GET /2/dm_events"

// TestDMsPageToTheFirstKnownEvent: the first read pages through what X
// keeps; a later read pages newest first and stops at the first page
// that reaches an event read before (there is no since_id), so it reads
// one page of 5 for a few new DMs, and four for a dozen: three pages of
// new ones, and one more past the three of the read before, which lie
// inside its overlap.
func TestDMsPageToTheFirstKnownEvent(t *testing.T) {
	f := setupDMs(t, 150)
	p := f.poller(listen.Options{DMInterval: time.Second})
	res, err := p.SyncOnce(context.Background())
	if err != nil || res.New != 150 || f.srv.Calls(dmEvents) != 2 {
		t.Fatalf("first read: %+v, %v, %d pages", res, err, f.srv.Calls(dmEvents))
	}
	conv := model.DMConversation(ann.ID)
	if c, _, _ := f.store.Conversation(conv); c.Posts != 150 || c.Status != store.StatusOpen || c.CustomerID != ann.ID {
		t.Errorf("ann's DM conversation: %+v", c)
	}
	for _, more := range []struct{ n, pages int }{{3, 1}, {12, 4}} {
		f.clock.Advance(time.Hour) // past the overlap, and the DM interval
		for i := range more.n {
			f.srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: fmt.Sprintf("and %d?", i), CreatedAt: f.clock.Now().Add(time.Duration(i-more.n) * time.Second)})
		}
		before := f.srv.Calls(dmEvents)
		res, err := p.SyncOnce(context.Background())
		if err != nil || res.New != more.n || f.srv.Calls(dmEvents)-before != more.pages {
			t.Errorf("%d new DMs: %+v, %v, %d pages, want %d", more.n, res, err, f.srv.Calls(dmEvents)-before, more.pages)
		}
	}
	before := f.srv.Calls(dmEvents)
	if _, err := p.SyncOnce(context.Background()); err != nil || f.srv.Calls(dmEvents) != before {
		t.Errorf("DMs read again before their interval: %v, %d calls", err, f.srv.Calls(dmEvents)-before)
	}
}

// TestADMTheOutboxStoredDoesNotHideAnOlderOne: the shop's DM, sent and
// stored after a customer's DM that was not read yet, is newest on X; the
// DM read must not stop at it.
func TestADMTheOutboxStoredDoesNotHideAnOlderOne(t *testing.T) {
	f := setupDMs(t, 2)
	p := f.poller(listen.Options{DMInterval: time.Second})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(10 * time.Minute)
	late := f.srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: "hello? anyone?", CreatedAt: f.clock.Now()})
	f.clock.Advance(time.Minute)
	conv := model.DMConversation(ann.ID)
	if _, err := f.store.Enqueue(outbox.DirectMessage(conv, ann.ID, "We are here! Looking now.", f.clock.Now(), 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := outbox.New(f.client, f.store, shop, outbox.Options{Now: f.clock.Now}).Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	res, err := p.SyncOnce(context.Background())
	id, _ := model.ParseID(late.EventID)
	if _, found, _ := f.store.Post(id); err != nil || !found {
		t.Fatalf("the customer's DM before ours was not read: %+v, %v", res, err)
	}
	thread, _ := f.store.Thread(conv)
	last := thread[len(thread)-1]
	if len(thread) != 4 || last.Kind != model.DMSent || thread[2].Kind != model.DMIn {
		t.Errorf("ann's DM thread: %+v", thread)
	}
	if c, _, _ := f.store.Conversation(conv); c.Status != store.StatusWaiting {
		t.Errorf("answered, the DM conversation is %s", c.Status)
	}
	if _, err := f.store.SetStatus([]uint64{conv}, store.StatusDone, ""); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	f.srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: "one more thing", CreatedAt: f.clock.Now()})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c, _, _ := f.store.Conversation(conv); c.Status != store.StatusOpen || c.Unread == 0 {
		t.Errorf("a new DM after done: the conversation is %s, %d unread", c.Status, c.Unread)
	}
}

// TestFirstDMReadStopsAtBackfill: a first read takes at most Backfill
// events, and says so.
func TestFirstDMReadStopsAtBackfill(t *testing.T) {
	f := setupDMs(t, 150)
	res, err := f.poller(listen.Options{DMInterval: time.Second, Backfill: 50}).SyncOnce(context.Background())
	if err != nil || res.New != 100 || !strings.Contains(res.Note(), "backfill") {
		t.Errorf("first read with backfill 50: %+v, %v", res, err)
	}
}

// TestDMsOffReadsNone: a DM interval of 0 reads no DMs.
func TestDMsOffReadsNone(t *testing.T) {
	f := setupDMs(t, 3)
	if _, err := f.poller(listen.Options{}).SyncOnce(context.Background()); err != nil || f.srv.Calls(dmEvents) != 0 {
		t.Errorf("DMs off: %v, %d calls", err, f.srv.Calls(dmEvents))
	}
}

// TestBudgetWarnsThenStopsReading: past 80% of the month's budget a sync
// warns; at the budget it reads nothing and says why, and the poller
// pauses instead of stopping (a new month, or a larger budget, resumes).
func TestBudgetWarnsThenStopsReading(t *testing.T) {
	f := setupDMs(t, 1)
	spent := func(n int) {
		uses := make([]spend.Use, n)
		for i := range uses {
			uses[i] = spend.Use{Kind: spend.OwnedRead} // $0.001 each
		}
		if err := f.store.CountSpend(f.clock.Now(), "mentions", uses); err != nil {
			t.Fatal(err)
		}
	}
	opts := listen.Options{Budget: spend.Budget(spend.Dollars(0.01)), Prices: twitter.Prices()}
	spent(8)
	res, err := f.poller(opts).SyncOnce(context.Background())
	if err != nil || !strings.Contains(res.Budget, "$0.008 of the month's $0.01 budget spent") {
		t.Errorf("at 80%%: %q, %v", res.Budget, err)
	}
	spent(2)
	calls := f.srv.Calls("GET /2/users/:id/mentions")
	_, err = f.poller(opts).SyncOnce(context.Background())
	if !errors.Is(err, listen.ErrBudgetSpent) || !strings.Contains(err.Error(), "sending goes on") || f.srv.Calls("GET /2/users/:id/mentions") != calls {
		t.Errorf("at 100%%: %v, %d calls", err, f.srv.Calls("GET /2/users/:id/mentions")-calls)
	}
	events := make(chan listen.Event, 8)
	ctx, cancel := context.WithCancel(context.Background())
	opts.Events, opts.Sleep = events, func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	go f.poller(opts).Run(ctx)
	for e := range events {
		if s, ok := e.(listen.State); ok && s.Phase != listen.Syncing {
			if s.Phase != listen.Paused {
				t.Errorf("over budget the poller is %v", s.Phase)
			}
			break
		}
	}
	cancel()
}

// TestDMsRefusedForTheAppsPermissionStopAlone: an app without DM
// permission gets its DM source stopped with X's reason; the mentions go
// on, and DMs are not asked again.
func TestDMsRefusedForTheAppsPermissionStopAlone(t *testing.T) {
	f := setupDMs(t, 2)
	f.srv.SetDMPermission(false)
	p := f.poller(listen.Options{DMInterval: time.Second})
	res, err := p.SyncOnce(context.Background())
	if err != nil || !strings.Contains(res.Note(), "DMs stopped") || !strings.Contains(res.Note(), "Read, write, and Direct Messages") {
		t.Fatalf("%q, %v", res.Note(), err)
	}
	f.clock.Advance(time.Hour)
	calls := f.srv.Calls(dmEvents)
	if _, err := p.SyncOnce(context.Background()); err != nil || f.srv.Calls(dmEvents) != calls {
		t.Errorf("DMs asked again: %v, %d calls", err, f.srv.Calls(dmEvents)-calls)
	}
}

// TestDMsRateLimitedWaitAloneForTheirWindow: a 429 on the DM reads makes
// DMs wait for X's reset; the mentions are read in the same sync and
// the next.
func TestDMsRateLimitedWaitAloneForTheirWindow(t *testing.T) {
	f := setupDMs(t, 2)
	f.srv.Inject(dmEvents, xfake.Fault{Status: 429, RetryIn: 10 * time.Minute})
	p := f.poller(listen.Options{DMInterval: time.Second})
	res, err := p.SyncOnce(context.Background())
	if err != nil || !strings.Contains(res.Note(), "DMs wait for X's rate limit") {
		t.Fatalf("%q, %v", res.Note(), err)
	}
	f.clock.Advance(time.Minute)
	mentions, dms := f.srv.Calls("GET /2/users/:id/mentions"), f.srv.Calls(dmEvents)
	if _, err := p.SyncOnce(context.Background()); err != nil || f.srv.Calls("GET /2/users/:id/mentions") != mentions+1 || f.srv.Calls(dmEvents) != dms {
		t.Errorf("before the reset: %v; mentions read %d, DMs %d", err, f.srv.Calls("GET /2/users/:id/mentions")-mentions, f.srv.Calls(dmEvents)-dms)
	}
}

// TestASyncStopsAtTheBudgetPageByPage: with a budget of $0.50 and seven
// pages of mentions waiting ($0.10 a page, and the people the first
// time), a sync stops at the page that reaches the budget, never past it
// by more than one page's price, and loses nothing: with the budget
// raised, the next sync stores the rest.
func TestASyncStopsAtTheBudgetPageByPage(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	people := []model.User{ann}
	for i := range 9 {
		people = append(people, model.User{ID: uint64(900 + i), Username: fmt.Sprintf("buyer%d", i), Name: "Buyer"})
	}
	sc := xfake.Scenario{Account: shop, Users: people}
	for i := range 700 { // X serves the newest 800 mentions at most
		sc.Posts = append(sc.Posts, model.Post{AuthorID: people[i%len(people)].ID, Text: fmt.Sprintf("@shop order %d?", i), CreatedAt: now.Add(-time.Duration(700-i) * time.Minute)})
	}
	f := metered(t, sc, now)
	srv, st, clock := f.srv, f.store, f.clock
	budget := spend.Dollars(0.50)
	opts := listen.Options{Budget: spend.Budget(budget), Prices: twitter.Prices(), MaxPages: 50} // DMs are not read (no DMInterval)
	_, err := f.poller(opts).SyncOnce(context.Background())
	spent, _ := listen.MonthSpend(st, twitter.Prices(), clock.Now())
	if !errors.Is(err, listen.ErrBudgetSpent) {
		t.Fatalf("a sync past the budget: %v (spent %s)", err, spent)
	}
	onePage := spend.Dollars(0.10) + spend.Dollars(0.01)*spend.Micros(len(people))
	if spent < budget || spent > budget+onePage {
		t.Errorf("spent %s of a %s budget; one page costs at most %s", spent, budget, onePage)
	}
	t.Logf("the sync stopped at %s of %s, after %d pages", spent, budget, srv.Calls("GET /2/users/:id/mentions"))
	opts.Budget = 0
	if _, err := f.poller(opts).SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := storedPosts(t, st); n != 700 {
		t.Errorf("%d of 700 mentions stored once reading resumed", n)
	}
}
