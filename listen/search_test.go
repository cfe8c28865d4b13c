package listen_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// brand is the saved search of these tests.
var brand = config.Search{Name: "brand", Query: `"shop co" OR shop -from:shop`}

// setupHeard serves, over the last hours, n posts that talk about the
// shop without mentioning it and m that mention it (and match the
// search too).
func setupHeard(t *testing.T, n, m int) fixture {
	t.Helper()
	now := time.Now().Truncate(time.Second)
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann}}
	for i := range n {
		sc.Posts = append(sc.Posts, model.Post{AuthorID: ann.ID, Text: fmt.Sprintf("the shop co lost my order %d", i), CreatedAt: now.Add(-time.Duration(n+m-i) * time.Minute)})
	}
	for i := range m {
		sc.Posts = append(sc.Posts, model.Post{AuthorID: ann.ID, Text: fmt.Sprintf("@shop where is order %d", i), CreatedAt: now.Add(-time.Duration(m-i) * time.Minute)})
	}
	clock := harktest.NewClock(now)
	srv, c := xtest.X(t, sc, xfake.Options{Clock: clock.Now}, twitter.Options{Timeout: 2 * time.Second})
	return fixture{srv: srv, client: c, store: harktest.Store(t), clock: clock}
}

func kinds(t *testing.T, st *store.Store) map[model.Kind]int {
	t.Helper()
	out := map[model.Kind]int{}
	st.EachPost(func(p model.Post) error { out[p.Kind]++; return nil })
	return out
}

// TestSearchSourcePagesAndHears: a search source pages to its end with
// its own cursor; what it finds that mentions the shop is a mention
// (stored once, though the mentions found it too), the rest is heard,
// in the Heard view; a second sync reads only what is new.
func TestSearchSourcePagesAndHears(t *testing.T) {
	f := setupHeard(t, 130, 5)
	p := f.poller(listen.Options{Searches: []config.Search{brand}})
	res, err := p.SyncOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if k := kinds(t, f.store); k[model.Heard] != 130 || k[model.Mention] != 5 {
		t.Errorf("kinds stored: %v", k)
	}
	if res.New != 135 || len(res.Sources) != 2 || res.Sources[0].New != 5 || res.Sources[1] != (listen.SourceResult{Name: "brand", New: 130}) {
		t.Errorf("result: %+v", res)
	}
	f.store.EachPost(func(p model.Post) error { // stored once, remembering both sources
		if want := map[model.Kind]string{model.Mention: "mentions,brand", model.Heard: "brand"}[p.Kind]; strings.Join(p.Sources, ",") != want {
			t.Errorf("%s %q: sources %v, want %s", p.Kind, p.Text, p.Sources, want)
		}
		return nil
	})
	newest := f.srv.Posts()[len(f.srv.Posts())-1].ID
	if cur, _ := f.store.Cursor(listen.SearchSource("brand")); cur != newest {
		t.Errorf("the search's cursor is %d, want %d", cur, newest)
	}
	counts, _ := f.store.Counts()
	if counts.ByView[store.ViewHeard] != 130 || counts.ByView[store.ViewInbox] != 5 {
		t.Errorf("views: heard %d, inbox %d", counts.ByView[store.ViewHeard], counts.ByView[store.ViewInbox])
	}
	f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "shop co again", CreatedAt: f.clock.Now()})
	res, err = p.SyncOnce(context.Background())
	if err != nil || res.New != 1 || res.Pages != 2 || res.Reread > 5 {
		t.Errorf("second sync: %+v, %v (one page per source, nothing old read but the overlap)", res, err)
	}
}

// TestFirstSearchReadStopsAtBackfill: a new search reads at most the
// newest Backfill posts, and says so.
func TestFirstSearchReadStopsAtBackfill(t *testing.T) {
	f := setupHeard(t, 250, 0)
	res, err := f.poller(listen.Options{Searches: []config.Search{brand}, Backfill: 100}).SyncOnce(context.Background())
	if err != nil || res.New != 100 || !strings.Contains(res.Note(), "newest 100 posts (backfill)") {
		t.Errorf("first read: %d new, %q, %v", res.New, res.Note(), err)
	}
}

// TestRefusedQueryStopsOnlyItsSearch: X's 400 for one search's query
// stops that search with X's words; the mentions and other searches go on.
func TestRefusedQueryStopsOnlyItsSearch(t *testing.T) {
	f := setupHeard(t, 3, 2)
	bad := config.Search{Name: "bad", Query: "-only -negations"}
	p := f.poller(listen.Options{Searches: []config.Search{bad, brand}})
	res, err := p.SyncOnce(context.Background())
	if err != nil || res.New != 5 || !strings.Contains(res.Note(), `search "bad" stopped: X refused its query: `) || !strings.Contains(res.Note(), "non-negation term") {
		t.Fatalf("%+v, %q, %v", res, res.Note(), err)
	}
	before := f.srv.Calls("GET /2/tweets/search/recent")
	p.SyncOnce(context.Background())
	if got := f.srv.Calls("GET /2/tweets/search/recent") - before; got != 1 {
		t.Errorf("the refused search was asked again: %d search calls", got)
	}
}

// TestPatientSyncReportsEachSourceOnce: a sync that rode out a rate
// limit reports each source once, with everything it brought, and still
// names the search X refused.
func TestPatientSyncReportsEachSourceOnce(t *testing.T) {
	f := setupHeard(t, 3, 2)
	f.srv.Inject(mentionsEndpoint, xfake.Fault{Status: 429, RetryIn: time.Second})
	bad := config.Search{Name: "bad", Query: "-only"}
	p := f.poller(listen.Options{Searches: []config.Search{brand, bad}, Sleep: func(_ context.Context, d time.Duration) error {
		f.clock.Advance(d)
		return nil
	}})
	res, err := p.SyncPatiently(context.Background(), listen.DefaultPatience)
	want := []listen.SourceResult{{Name: "mentions", New: 2}, {Name: "brand", New: 3}, {Name: "bad"}}
	if err != nil || fmt.Sprint(res.Sources) != fmt.Sprint(want) {
		t.Errorf("sources: %+v, %v; want %+v", res.Sources, err, want)
	}
	if !strings.Contains(res.Note(), `search "bad" stopped`) {
		t.Errorf("the refused search is not in the note: %q", res.Note())
	}
}

// TestARateLimitedSearchRestsAlone: X's 429 on the searches makes them
// wait for its reset; the mentions are read in the same sync and the next.
func TestARateLimitedSearchRestsAlone(t *testing.T) {
	f := setupHeard(t, 3, 2)
	f.srv.Inject("GET /2/tweets/search/recent", xfake.Fault{Status: 429, RetryIn: 10 * time.Minute})
	p := f.poller(listen.Options{Searches: []config.Search{brand}})
	res, err := p.SyncOnce(context.Background())
	if err != nil || !strings.Contains(res.Note(), "searches wait for X's rate limit") {
		t.Fatalf("%q, %v", res.Note(), err)
	}
	f.clock.Advance(time.Minute)
	mentions, searches := f.srv.Calls("GET /2/users/:id/mentions"), f.srv.Calls("GET /2/tweets/search/recent")
	if _, err := p.SyncOnce(context.Background()); err != nil || f.srv.Calls("GET /2/users/:id/mentions") != mentions+1 || f.srv.Calls("GET /2/tweets/search/recent") != searches {
		t.Errorf("before the reset: %v", err)
	}
	f.clock.Advance(10 * time.Minute)
	if _, err := p.SyncOnce(context.Background()); err != nil || f.srv.Calls("GET /2/tweets/search/recent") == searches {
		t.Errorf("after the reset the searches did not read: %v", err)
	}
}

// TestAHeardReplyToAPostKeptForContextIsHeard: a search hears rae answer
// bob (neither speaks to the shop); bob's post comes first, kept for
// context; the conversation is in the Heard view all the same.
func TestAHeardReplyToAPostKeptForContextIsHeard(t *testing.T) {
	bob := model.User{ID: 300, Username: "bob", Name: "Bob"}
	rae := model.User{ID: 301, Username: "rae", Name: "Rae"}
	st := harktest.Store(t)
	srv, client := xtest.X(t, xfake.Scenario{Account: shop, Users: []model.User{bob, rae}}, xfake.Options{}, twitter.Options{Timeout: 2 * time.Second})
	q := srv.AddPost(model.Post{AuthorID: bob.ID, Text: "any good stationery shops?", CreatedAt: time.Now().Add(-time.Hour)})
	a := srv.AddPost(model.Post{AuthorID: rae.ID, Text: "paper and pine, always", InReplyToID: q.ID, CreatedAt: time.Now().Add(-time.Minute)})
	p := listen.New(client, st, shop, listen.Options{Searches: []config.Search{{Name: "brand", Query: `"paper and pine"`}}})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, _, _ := st.Conversation(a.ConversationID)
	if c.Status != store.StatusHeard || c.CustomerID != rae.ID || c.Posts != 2 {
		t.Errorf("the heard conversation: %+v", c)
	}
}
