package twitter_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

var (
	shop     = model.User{ID: 100, Username: "paperandpine", Name: "Paper & Pine"}
	customer = model.User{ID: 200, Username: "ann", Name: "Ann\x1b[31m Lee"}
	secrets  = xfake.Secrets{ConsumerKey: "ck", ConsumerSecret: "cs", Token: "tk", TokenSecret: "ts"}
	creds    = twitter.Credentials{APIKey: "ck", APIKeySecret: "cs", AccessToken: "tk", AccessSecret: "ts"}
	start    = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
)

// mentionScenario has n mentions of the shop, a minute apart, and one
// post that does not mention it.
func mentionScenario(n int) xfake.Scenario {
	sc := xfake.Scenario{Account: shop, Users: []model.User{customer}}
	for i := range n {
		sc.Posts = append(sc.Posts, model.Post{AuthorID: customer.ID, Text: fmt.Sprintf("@paperandpine question %d", i), CreatedAt: start.Add(time.Duration(i) * time.Minute)})
	}
	sc.Posts = append(sc.Posts, model.Post{AuthorID: customer.ID, Text: "no mention here", CreatedAt: start})
	return sc
}

// startFake serves sc with signature checking on and returns a client.
func startFake(t *testing.T, sc xfake.Scenario) (*xfake.Server, *twitter.Client) {
	t.Helper()
	srv, err := xfake.Start(sc, xfake.Options{Secrets: &secrets})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: creds, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func TestMeThroughResignedRequests(t *testing.T) {
	_, c := startFake(t, mentionScenario(0))
	me, err := c.Me(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != shop.ID || me.Username != "paperandpine" || me.Name != "Paper & Pine" {
		t.Errorf("Me = %+v", me)
	}
	if l, ok := c.RateLimits().Get("GET /2/users/me"); !ok || l.Limit != 75 || l.Remaining != 74 {
		t.Errorf("rate limit recorded = %+v, %v", l, ok)
	}
}

func TestWrongSecretIsRefused(t *testing.T) {
	srv, _ := startFake(t, mentionScenario(0))
	bad := creds
	bad.AccessSecret = "wrong"
	c, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: bad})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Me(context.Background()); !errors.Is(err, twitter.ErrUnauthorized) {
		t.Errorf("err = %v, want ErrUnauthorized", err)
	}
}

func TestMentionsPagesNewestFirst(t *testing.T) {
	_, c := startFake(t, mentionScenario(23))
	ctx := context.Background()
	var all []model.Post
	q := network.MentionsQuery{Max: 10}
	pages := 0
	for {
		p, err := c.Mentions(ctx, shop.ID, q)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		all = append(all, p.Posts...)
		if len(p.Users) != 0 {
			t.Errorf("the mentions expanded people: %+v (hark reads them apart, once: Users)", p.Users)
		}
		if p.NextToken == "" {
			break
		}
		q.Token = p.NextToken
	}
	if pages != 3 || len(all) != 23 {
		t.Fatalf("got %d posts in %d pages, want 23 in 3", len(all), pages)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID >= all[i-1].ID {
			t.Fatalf("not newest first at %d", i)
		}
	}
	newer, err := c.Mentions(ctx, shop.ID, network.MentionsQuery{SinceID: all[2].ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(newer.Posts) != 2 || newer.Posts[0].ID != all[0].ID {
		t.Errorf("since_id page = %+v", newer.Posts)
	}
}

func TestTextIsDecodedOnceAndCleaned(t *testing.T) {
	sc := mentionScenario(0)
	sc.Posts = append(sc.Posts, model.Post{AuthorID: customer.ID, CreatedAt: start,
		Text: "@paperandpine fish & chips <3 &amp; \x1b]0;owned\x07done \u202Eevil"})
	_, c := startFake(t, sc)
	p, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Posts[0].Text, "@paperandpine fish & chips <3 &amp; done evil"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestPartialErrorsKeepData(t *testing.T) {
	srv, c := startFake(t, mentionScenario(1))
	parent := srv.AddPost(model.Post{AuthorID: customer.ID, Text: "@paperandpine first"})
	srv.AddPost(model.Post{AuthorID: customer.ID, Text: "@paperandpine follow-up", InReplyToID: parent.ID})
	srv.DeletePost(parent.ID)
	p, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Posts) != 2 || len(p.Errors) != 1 || p.Errors[0].ResourceID != model.FormatID(parent.ID) {
		t.Errorf("posts %d, errors %+v", len(p.Posts), p.Errors)
	}
	lookup, err := c.Posts(context.Background(), []uint64{p.Posts[0].ID, parent.ID})
	if err != nil {
		t.Fatal(err)
	}
	// One error for the id asked for, one for the follow-up's reference.
	if len(lookup.Posts) != 1 || len(lookup.Errors) != 2 {
		t.Errorf("lookup: %d posts, %d errors", len(lookup.Posts), len(lookup.Errors))
	}
}

func TestErrorsAreTyped(t *testing.T) {
	srv, c := startFake(t, mentionScenario(3))
	ctx := context.Background()
	const ep = "GET /2/users/:id/mentions"

	// Go's transport retries a GET once on a dropped connection: drop twice.
	srv.Inject(ep, xfake.Fault{Status: http.StatusServiceUnavailable}, xfake.Fault{Malformed: true}, xfake.Fault{Drop: true}, xfake.Fault{Drop: true})
	for _, what := range []string{"503", "malformed", "dropped"} {
		_, err := c.Mentions(ctx, shop.ID, network.MentionsQuery{})
		if err == nil || !network.IsTransient(err) {
			t.Errorf("%s: err %v should be transient", what, err)
		}
	}

	srv.Inject(ep, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 90 * time.Second})
	_, err := c.Mentions(ctx, shop.ID, network.MentionsQuery{})
	retry, limited := network.IsRateLimited(err)
	if !limited || network.IsTransient(err) || time.Until(retry) < 60*time.Second || time.Until(retry) > 91*time.Second {
		t.Errorf("429: err %v, retry in %v", err, time.Until(retry))
	}

	srv.SetUnauthorized(true)
	_, err = c.Mentions(ctx, shop.ID, network.MentionsQuery{})
	if !errors.Is(err, twitter.ErrUnauthorized) || network.IsTransient(err) {
		t.Errorf("401: err %v", err)
	}
}

func TestSlowAnswerTimesOut(t *testing.T) {
	srv, _ := startFake(t, mentionScenario(1))
	c, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: creds, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv.Inject("GET /2/users/me", xfake.Fault{Delay: time.Second})
	if _, err := c.Me(context.Background()); !network.IsTransient(err) {
		t.Errorf("slow answer: err %v should be transient", err)
	}
}

func TestReplyRules(t *testing.T) {
	sc := mentionScenario(1)
	sc.Posts = append(sc.Posts, model.Post{ID: 5000, AuthorID: customer.ID, Text: "paper and pine is great", CreatedAt: start})
	srv, c := startFake(t, sc)
	ctx := context.Background()
	mention := srv.Posts()[1]
	if !strings.Contains(mention.Text, "@paperandpine") {
		t.Fatalf("scenario: %+v", mention)
	}

	sent, err := c.Reply(ctx, mention.ID, "Thanks Ann & co <3")
	if err != nil {
		t.Fatal(err)
	}
	if sent.ID == 0 || sent.Text != "Thanks Ann & co <3" || sent.InReplyToID != mention.ID {
		t.Errorf("reply = %+v", sent)
	}

	_, err = c.Reply(ctx, mention.ID, "Thanks Ann & co <3")
	if !network.IsDuplicate(err) {
		t.Errorf("duplicate: err %v", err)
	}

	_, err = c.Reply(ctx, 5000, "Hello!")
	var apiErr *twitter.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 403 || !strings.Contains(apiErr.Detail, "not been mentioned") {
		t.Errorf("reply to a post that does not mention us: err %v", err)
	}

	if err := c.Delete(ctx, sent.ID); err != nil {
		t.Errorf("delete own reply: %v", err)
	}
	if err := c.Delete(ctx, mention.ID); err == nil {
		t.Error("deleting someone else's post succeeded")
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	if _, err := twitter.New(twitter.Options{}); err == nil || !strings.Contains(err.Error(), "HARK_X_API_KEY") {
		t.Errorf("missing credentials: %v", err)
	}
	if _, err := twitter.New(twitter.Options{APIBase: "ftp://x", Credentials: creds}); err == nil {
		t.Error("bad API base accepted")
	}
}

func TestBackoffDoublesWithJitterUpToFiveMinutes(t *testing.T) {
	for n, base := range map[int]time.Duration{1: 2 * time.Second, 2: 4 * time.Second, 5: 32 * time.Second, 9: 5 * time.Minute, 60: 5 * time.Minute} {
		low, high := network.Backoff(n, func() float64 { return 0 }), network.Backoff(n, func() float64 { return 0.999999 })
		if low != base/2 || high <= base*99/100 || high > base {
			t.Errorf("after %d failures: waits %v to %v, want %v to %v", n, low, high, base/2, base)
		}
	}
}

// TestSearchRecentPagesAndRefuses: recent search through gotwi pages by
// next_token, newest first, takes since_id, and X's 400 for a query over
// 512 characters comes back with X's words.
func TestSearchRecentPagesAndRefuses(t *testing.T) {
	sc := mentionScenario(0)
	for i := range 15 {
		sc.Posts = append(sc.Posts, model.Post{AuthorID: customer.ID, Text: fmt.Sprintf("Paper and Pine lost my basket %d", i), CreatedAt: start.Add(time.Duration(i) * time.Minute)})
	}
	srv, err := xfake.Start(sc, xfake.Options{Secrets: &secrets, Clock: func() time.Time { return start.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: creds, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	q := network.SearchQuery{Query: `"paper and pine" -from:paperandpine`, Max: 10}
	var all []model.Post
	for pages := 1; ; pages++ {
		p, err := c.SearchRecent(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Posts...)
		if p.NextToken == "" {
			if pages != 2 || len(all) != 15 || all[0].ID <= all[14].ID {
				t.Fatalf("%d posts in %d pages", len(all), pages)
			}
			break
		}
		q.Token = p.NextToken
	}
	newer, err := c.SearchRecent(ctx, network.SearchQuery{Query: q.Query, SinceID: all[3].ID})
	if err != nil || len(newer.Posts) != 3 {
		t.Errorf("since_id: %d posts, %v", len(newer.Posts), err)
	}
	_, err = c.SearchRecent(ctx, network.SearchQuery{Query: strings.Repeat("paper ", 90)})
	var apiErr *twitter.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest || !strings.Contains(err.Error(), "512") {
		t.Errorf("a 540-character query: %v", err)
	}
}

// TestMeterTellsWhatEachAnswerBilled: the mentions are owned reads, or
// post reads for an account that does not own the app; a failed call
// bills nothing.
func TestMeterTellsWhatEachAnswerBilled(t *testing.T) {
	srv, _ := startFake(t, mentionScenario(3))
	for _, notOwner := range []bool{false, true} {
		got := spend.Counts{}
		c, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: creds, NotAppOwner: notOwner,
			Meter: func(_ context.Context, uses []spend.Use) {
				for _, u := range uses {
					got[u.Kind]++
				}
			}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Users(context.Background(), []uint64{customer.ID}); err != nil {
			t.Fatal(err)
		}
		want := spend.Counts{spend.OwnedRead: 3, spend.UserRead: 1}
		if notOwner {
			want = spend.Counts{spend.PostRead: 3, spend.UserRead: 1}
		}
		if !maps.Equal(got, want) {
			t.Errorf("not the app's owner %v: metered %v, want %v", notOwner, got, want)
		}
		srv.Inject("GET /2/users/:id/mentions", xfake.Fault{Status: 503})
		if _, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{}); err == nil || !maps.Equal(got, want) {
			t.Errorf("a failed call: %v, metered %v", err, got)
		}
	}
}

// TestTwoAccountsOfOneShop: each account's token is that account to X:
// its own self, its own mentions to answer (the reply rule), its own DMs.
func TestTwoAccountsOfOneShop(t *testing.T) {
	help := model.User{ID: 300, Username: "shop_help", Name: "Shop Help"}
	sc := mentionScenario(0)
	sc.MoreAccounts = []model.User{help}
	sc.Posts = append(sc.Posts,
		model.Post{ID: 5000, AuthorID: customer.ID, Text: "@shop_help my order is late"},
		model.Post{ID: 5001, AuthorID: customer.ID, Text: "@paperandpine thanks!"})
	srv, main := startFake(t, sc)
	token, secret := xfake.AccountToken(help)
	other, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: twitter.Credentials{APIKey: creds.APIKey, APIKeySecret: creds.APIKeySecret, AccessToken: token, AccessSecret: secret}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if me, err := other.Me(ctx); err != nil || me.ID != help.ID {
		t.Fatalf("the help account's me: %+v, %v", me, err)
	}
	if _, err := main.Reply(ctx, 5000, "We are on it"); err == nil {
		t.Error("the main account answered a post that mentioned only the help account")
	}
	if p, err := other.Reply(ctx, 5000, "We are on it"); err != nil || p.ID == 0 {
		t.Errorf("the help account's reply: %v", err)
	}
	if _, err := other.SendDM(ctx, customer.ID, "Could you DM the order number?"); err != nil {
		t.Fatal(err)
	}
	if dms := srv.DMs(); dms[len(dms)-1].SenderID != help.ID {
		t.Errorf("the DM went from %d", dms[len(dms)-1].SenderID)
	}
	if page, err := main.DMEvents(ctx, network.DMQuery{}); err != nil || len(page.Posts) != 0 {
		t.Errorf("the main account reads the help account's DMs: %+v, %v", page.Posts, err)
	}
}

// TestUsersReadsPeopleByIdCleaned: a look-up of people returns those X
// knows, names cleaned and ReadAt set; an unknown id is left out; a
// malformed record is skipped and the rest kept; more than MaxUsers is
// refused before X.
func TestUsersReadsPeopleByIdCleaned(t *testing.T) {
	srv, c := startFake(t, mentionScenario(1))
	users, err := c.Users(context.Background(), []uint64{customer.ID, 999})
	if err != nil || len(users) != 1 || users[0].Name != "Ann Lee" || users[0].ReadAt.IsZero() {
		t.Fatalf("look-up: %+v, %v (the name must be cleaned)", users, err)
	}
	srv.Inject("GET /2/users", xfake.Fault{Edit: func(answer map[string]any) {
		delete(answer["data"].([]any)[0].(map[string]any), "id")
	}})
	if users, err := c.Users(context.Background(), []uint64{customer.ID}); err != nil || len(users) != 0 {
		t.Errorf("a malformed person: %+v, %v", users, err)
	}
	if _, err := c.Users(context.Background(), make([]uint64, twitter.MaxUsers+1)); err == nil || srv.Calls("GET /2/users") != 2 {
		t.Errorf("101 people: %v, %d calls", err, srv.Calls("GET /2/users"))
	}
}
