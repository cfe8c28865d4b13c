package listen_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
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

const mentionsEndpoint = "GET /2/users/:id/mentions"

var (
	shop  = model.User{ID: 100, Username: "shop", Name: "Shop"}
	ann   = model.User{ID: 200, Username: "ann", Name: "Ann"}
	start = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
)

type fixture struct {
	srv    *xfake.Server
	client *twitter.Client
	store  *store.Store
	clock  *harktest.Clock
}

// fakeClock is the time shared by xfake and the poller; waits move it.

// setup serves n mentions of the shop and opens an empty store.
func setup(t *testing.T, n int) fixture {
	t.Helper()
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}}
	for i := range n {
		sc.Posts = append(sc.Posts, model.Post{AuthorID: ann.ID, Text: fmt.Sprintf("@shop message %d", i), CreatedAt: start.Add(time.Duration(i) * time.Second)})
	}
	clock := harktest.NewClock(time.Now())
	srv, c := xtest.X(t, sc, xfake.Options{Clock: clock.Now}, twitter.Options{Timeout: 2 * time.Second})
	return fixture{srv: srv, client: c, store: harktest.Store(t), clock: clock}
}

// metered serves sc on a simulated X whose clock starts at now, with a
// client that counts what X bills in the fixture's store, as hark's does.
func metered(t *testing.T, sc xfake.Scenario, now time.Time) fixture {
	t.Helper()
	clock := harktest.NewClock(now)
	st := harktest.Store(t)
	meter := func(ctx context.Context, uses []spend.Use) { st.CountSpend(clock.Now(), spend.Source(ctx), uses) }
	srv, c := xtest.X(t, sc, xfake.Options{Clock: clock.Now}, twitter.Options{Timeout: 2 * time.Second, Meter: meter})
	return fixture{srv: srv, client: c, store: st, clock: clock}
}

func (f fixture) poller(opts listen.Options) *listen.Poller {
	opts.Now = f.clock.Now
	return listen.New(f.client, f.store, shop, opts)
}

// storedPosts counts the posts in the store.
func storedPosts(t *testing.T, st *store.Store) int {
	t.Helper()
	n := 0
	if err := st.EachPost(func(model.Post) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// newPosts is how many posts a sync stored for the first time.
func newPosts(res listen.Result, err error) (int, error) { return res.New, err }

func TestBackfillPagesAndMovesTheCursor(t *testing.T) {
	f := setup(t, 250)
	n, err := newPosts(f.poller(listen.Options{}).SyncOnce(context.Background()))
	if err != nil || n != 250 {
		t.Fatalf("SyncOnce = %d, %v", n, err)
	}
	newest := f.srv.Posts()[249].ID
	if cur, _ := f.store.Cursor(listen.MentionsSource); cur != newest {
		t.Errorf("cursor = %d, want %d", cur, newest)
	}
	if got := storedPosts(t, f.store); got != 250 {
		t.Errorf("stored %d", got)
	}
}

func TestRepeatedSyncsStoreNothingTwice(t *testing.T) {
	f := setup(t, 30)
	p := f.poller(listen.Options{})
	ctx := context.Background()
	p.SyncOnce(ctx)
	if n, err := newPosts(p.SyncOnce(ctx)); n != 0 || err != nil {
		t.Errorf("second sync = %d, %v", n, err)
	}
	for i := range 3 {
		f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: fmt.Sprintf("@shop new %d", i)})
	}
	if n, err := newPosts(p.SyncOnce(ctx)); n != 3 || err != nil {
		t.Errorf("third sync = %d, %v", n, err)
	}
	if got := storedPosts(t, f.store); got != 33 {
		t.Errorf("stored %d, want 33", got)
	}
}

func TestCrashBetweenPagesLosesNothing(t *testing.T) {
	f := setup(t, 30)
	ctx := context.Background()
	p := f.poller(listen.Options{})
	p.SyncOnce(ctx) // cursor at the 30th post
	for i := range 250 {
		f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: fmt.Sprintf("@shop burst %d", i)})
	}
	before, _ := f.store.Cursor(listen.MentionsSource)

	// The first page arrives, the second request fails: as if hark died.
	f.srv.Inject(mentionsEndpoint, xfake.Fault{}, xfake.Fault{Status: http.StatusInternalServerError})
	n, err := newPosts(p.SyncOnce(ctx))
	if err == nil || n != 100 {
		t.Fatalf("interrupted sync = %d, %v", n, err)
	}
	if cur, _ := f.store.Cursor(listen.MentionsSource); cur != before {
		t.Fatalf("cursor moved to %d before the older pages were stored", cur)
	}

	n, err = newPosts(f.poller(listen.Options{}).SyncOnce(ctx))
	if err != nil || n != 150 {
		t.Fatalf("resumed sync = %d, %v", n, err)
	}
	if got := storedPosts(t, f.store); got != 280 {
		t.Errorf("stored %d, want 280", got)
	}
	all := f.srv.Posts()
	if cur, _ := f.store.Cursor(listen.MentionsSource); cur != all[len(all)-1].ID {
		t.Errorf("cursor = %d, want the newest", cur)
	}
}

func TestOwnRepliesInIncludesAreReplies(t *testing.T) {
	f := setup(t, 1)
	ctx := context.Background()
	first := f.srv.Posts()[0]
	ours := f.srv.AddPost(model.Post{AuthorID: shop.ID, Text: "@ann thanks!", InReplyToID: first.ID})
	f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop one more thing", InReplyToID: ours.ID})
	newPosts(f.poller(listen.Options{}).SyncOnce(ctx))
	p, found, _ := f.store.Post(ours.ID)
	if !found || p.Kind != model.Reply {
		t.Errorf("our reply stored as %+v (found %v)", p, found)
	}
	thread, _ := f.store.Thread(first.ID)
	if len(thread) != 3 {
		t.Errorf("thread has %d posts, want 3", len(thread))
	}
}

func TestPartialErrorsStillStore(t *testing.T) {
	f := setup(t, 2)
	parent := f.srv.Posts()[0]
	f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop follow-up", InReplyToID: parent.ID})
	f.srv.DeletePost(parent.ID)
	n, err := newPosts(f.poller(listen.Options{}).SyncOnce(context.Background()))
	if err != nil || n != 2 {
		t.Errorf("SyncOnce = %d, %v", n, err)
	}
}

// recorder stands in for time: it records each wait and ends the run
// after a number of them.
type recorder struct {
	mu     sync.Mutex
	waits  []time.Duration
	stop   int
	cancel context.CancelFunc
	clock  *harktest.Clock
}

func (r *recorder) sleep(_ context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waits = append(r.waits, d)
	r.clock.Advance(d)
	if len(r.waits) >= r.stop {
		r.cancel()
		return context.Canceled
	}
	return nil
}

func run(t *testing.T, f fixture, stop int) (*recorder, []listen.Event, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := &recorder{stop: stop, cancel: cancel, clock: f.clock}
	events := make(chan listen.Event, 1000)
	err := f.poller(listen.Options{Interval: time.Minute, Sleep: rec.sleep, Events: events}).Run(ctx)
	close(events)
	var got []listen.Event
	for e := range events {
		got = append(got, e)
	}
	return rec, got, err
}

func TestRateLimitWaitsForReset(t *testing.T) {
	f := setup(t, 5)
	f.srv.Inject(mentionsEndpoint, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 40 * time.Second})
	rec, events, err := run(t, f, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.waits) != 2 || rec.waits[0] < 39*time.Second || rec.waits[0] > 41*time.Second || rec.waits[1] < 59*time.Second {
		t.Errorf("waits = %v; want about 40s (the reset), then the 1m interval", rec.waits)
	}
	phases := map[listen.Phase]bool{}
	arrived := 0
	for _, e := range events {
		switch e := e.(type) {
		case listen.State:
			phases[e.Phase] = true
		case listen.Arrived:
			arrived += len(e.Posts)
		}
	}
	if !phases[listen.RateLimited] || !phases[listen.Idle] || arrived != 5 {
		t.Errorf("phases %v, arrived %d", phases, arrived)
	}
}

func TestServerErrorsBackOffWithJitter(t *testing.T) {
	f := setup(t, 5)
	f.srv.Inject(mentionsEndpoint, xfake.Fault{Status: 503}, xfake.Fault{Status: 502}, xfake.Fault{Status: 500}, xfake.Fault{Status: 503})
	rec, _, err := run(t, f, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i, base := range []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second} {
		if w := rec.waits[i]; w < base/2 || w > base {
			t.Errorf("wait %d = %v, want within [%v, %v]", i, w, base/2, base)
		}
	}
	if rec.waits[4] < 59*time.Second {
		t.Errorf("after success the wait is %v, want the interval", rec.waits[4])
	}
	if got := storedPosts(t, f.store); got != 5 {
		t.Errorf("stored %d after recovery", got)
	}
}

func TestRefusedCredentialsStop(t *testing.T) {
	f := setup(t, 5)
	f.srv.SetUnauthorized(true)
	_, events, err := run(t, f, 10)
	if !errors.Is(err, twitter.ErrUnauthorized) {
		t.Fatalf("Run = %v", err)
	}
	last := events[len(events)-1].(listen.State)
	if last.Phase != listen.Stopped {
		t.Errorf("last state = %+v", last)
	}
}

// TestRefusalsWaitingCannotFixStopAtOnce: out of credits (402) and a
// usage cap (429 usage-capped) stop polling at once, in Run and in a
// patient sync, with one clear line; nothing is retried.
func TestRefusalsWaitingCannotFixStopAtOnce(t *testing.T) {
	for name, c := range map[string]struct {
		fault xfake.Fault
		is    error
		says  string
	}{
		"402":       {xfake.OutOfCredits, twitter.ErrOutOfCredits, "top up your X developer account"},
		"usage cap": {xfake.Fault{Status: http.StatusTooManyRequests, UsageCap: "Monthly"}, twitter.ErrUsageCapped, "monthly usage cap is reached"},
	} {
		f := setup(t, 5)
		f.srv.Inject(mentionsEndpoint, c.fault, c.fault)
		_, events, err := run(t, f, 10)
		if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: Run = %v", name, err)
		}
		if last := events[len(events)-1].(listen.State); last.Phase != listen.Stopped {
			t.Errorf("%s: last state = %+v", name, last)
		}
		slept := 0
		p := f.poller(listen.Options{Sleep: func(context.Context, time.Duration) error { slept++; return nil }})
		if _, err := p.SyncPatiently(context.Background(), listen.DefaultPatience); !errors.Is(err, c.is) || slept != 0 {
			t.Errorf("%s: a patient sync waited %d times: %v", name, slept, err)
		}
	}
}
