package listen_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// withToken makes a fault that answers the real page with next_token set
// to token.
func withToken(token string) xfake.Fault {
	return xfake.Fault{Edit: func(answer map[string]any) {
		answer["meta"].(map[string]any)["next_token"] = token
	}}
}

func TestARepeatedOrCyclingTokenEndsTheSync(t *testing.T) {
	for name, tokens := range map[string][]string{
		"repeated": {"7same", "7same", "7same"},
		"cycling":  {"7aaa", "7bbb", "7aaa", "7bbb"},
	} {
		t.Run(name, func(t *testing.T) {
			f := setup(t, 250)
			var faults []xfake.Fault
			for _, tok := range tokens {
				faults = append(faults, withToken(tok))
			}
			f.srv.Inject(mentionsEndpoint, faults...)
			res, err := f.poller(listen.Options{}).SyncOnce(context.Background())
			if err != nil || !strings.Contains(res.Cut, "page token it had sent before") || res.Pages > len(tokens) {
				t.Fatalf("result %+v, %v", res, err)
			}
			if cur, _ := f.store.Cursor(listen.MentionsSource); cur != f.srv.Posts()[249].ID {
				t.Errorf("cursor %d is not the highest stored id", cur)
			}
		})
	}
}

func TestPagingStopsAtTheConfiguredMost(t *testing.T) {
	f := setup(t, 700)
	res, err := f.poller(listen.Options{MaxPages: 3}).SyncOnce(context.Background())
	if err != nil || res.Pages != 3 || res.New != 300 || !strings.Contains(res.Cut, "stopped after 3 pages") {
		t.Fatalf("result %+v, %v", res, err)
	}
	if !strings.Contains(res.Note(), "older posts may be missing") {
		t.Errorf("note %q", res.Note())
	}
}

func TestALatePostInsideTheOverlapIsStoredAndRereadsCounted(t *testing.T) {
	f := setup(t, 30) // a second apart
	p := f.poller(listen.Options{})
	ctx := context.Background()
	if _, err := p.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	// X shows a post written 90 s before the newest only now.
	newest := f.srv.Posts()[29]
	late := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop late to the party", CreatedAt: newest.CreatedAt.Add(-90 * time.Second)})
	if late.ID >= newest.ID {
		t.Fatal("the late post is not older than the cursor")
	}
	res, err := p.SyncOnce(ctx)
	if err != nil || res.New != 1 || res.Reread != 30 {
		t.Fatalf("result %+v, %v; want 1 new and the 30 posts of the last two minutes read again", res, err)
	}
	if _, found, _ := f.store.Post(late.ID); !found {
		t.Error("the late post was not stored")
	}
	// Beyond the overlap a late post is not reached (and costs nothing).
	f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop very late", CreatedAt: newest.CreatedAt.Add(-10 * time.Minute)})
	if res, _ := p.SyncOnce(ctx); res.New != 0 {
		t.Errorf("a post ten minutes late was fetched: %+v", res)
	}
}

func TestAMalformedRecordIsSkippedAndTheCursorMovesPastIt(t *testing.T) {
	f := setup(t, 5)
	f.srv.Inject(mentionsEndpoint, xfake.Fault{Edit: func(answer map[string]any) {
		newest := answer["data"].([]any)[0].(map[string]any)
		newest["conversation_id"] = "not a number"
	}})
	res, err := f.poller(listen.Options{}).SyncOnce(context.Background())
	if err != nil || res.New != 4 || len(res.Skipped) != 1 {
		t.Fatalf("result %+v, %v", res, err)
	}
	all := f.srv.Posts()
	if res.Skipped[0].ID != all[4].ID || !strings.Contains(res.Note(), "skipped 1 unreadable record") {
		t.Errorf("skipped %+v, note %q", res.Skipped, res.Note())
	}
	if cur, _ := f.store.Cursor(listen.MentionsSource); cur != all[4].ID {
		t.Errorf("cursor %d, want past the malformed %d", cur, all[4].ID)
	}
}

func TestAnIDFromTheFutureDoesNotMoveTheCursorPastNow(t *testing.T) {
	f := setup(t, 5)
	f.srv.Inject(mentionsEndpoint, xfake.Fault{Edit: func(answer map[string]any) {
		newest := answer["data"].([]any)[0].(map[string]any)
		newest["id"] = "9223372036854775807" // 19 digits: a valid id, of the year 2080
	}})
	p := f.poller(listen.Options{})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if cur, _ := f.store.Cursor(listen.MentionsSource); cur > model.SnowflakeID(f.clock.Now(), 0x3FFFFF) {
		t.Fatalf("cursor %d is past now", cur)
	}
	real := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop a real new post"})
	if res, err := p.SyncOnce(context.Background()); err != nil || res.New != 1 {
		t.Errorf("the next real post: %+v, %v", res, err)
	}
	if _, found, _ := f.store.Post(real.ID); !found {
		t.Error("the real post was not stored")
	}
}

// patient runs SyncPatiently on the fake clock, recording its waits.
func patient(t *testing.T, f fixture, pat listen.Patience) ([]time.Duration, listen.Result, error) {
	t.Helper()
	rec := &recorder{stop: 1000, cancel: func() {}, clock: f.clock}
	res, err := f.poller(listen.Options{Sleep: rec.sleep}).SyncPatiently(context.Background(), pat)
	return rec.waits, res, err
}

func TestSyncOnceRidesOutAShortRateLimitAndOutage(t *testing.T) {
	f := setup(t, 5)
	f.srv.Inject(mentionsEndpoint, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 2 * time.Second},
		xfake.Fault{Status: 503}, xfake.Fault{Drop: true}, xfake.Fault{Drop: true}, xfake.Fault{Status: 502})
	waits, res, err := patient(t, f, listen.DefaultPatience)
	if err != nil || res.New != 5 {
		t.Fatalf("result %+v, %v", res, err)
	}
	if len(waits) != 4 || waits[0] < 2*time.Second || waits[0] > 4*time.Second {
		t.Errorf("waits %v: want the reset, then three backoffs", waits)
	}
}

func TestSyncOnceGivesUp(t *testing.T) {
	t.Run("no-wait", func(t *testing.T) {
		f := setup(t, 5)
		f.srv.Inject(mentionsEndpoint, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 2 * time.Second})
		waits, _, err := patient(t, f, listen.Patience{RetryFor: time.Minute})
		if _, limited := network.IsRateLimited(err); !limited || len(waits) != 0 {
			t.Errorf("waits %v, err %v", waits, err)
		}
	})
	t.Run("a reset past 15 minutes", func(t *testing.T) {
		f := setup(t, 5)
		f.srv.Inject(mentionsEndpoint, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 20 * time.Minute})
		if waits, _, err := patient(t, f, listen.DefaultPatience); err == nil || len(waits) != 0 {
			t.Errorf("waits %v, err %v", waits, err)
		}
	})
	t.Run("a reset years away is a fault, not a wait", func(t *testing.T) {
		f := setup(t, 5)
		var far []xfake.Fault
		for range 10 {
			far = append(far, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 3 * 365 * 24 * time.Hour})
		}
		f.srv.Inject(mentionsEndpoint, far...)
		waits, _, err := patient(t, f, listen.DefaultPatience)
		for _, w := range waits {
			if w > time.Minute {
				t.Errorf("waited %v for a reset years away", w)
			}
		}
		if err == nil || !strings.Contains(err.Error(), "more than a day away") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("an outage longer than a minute", func(t *testing.T) {
		f := setup(t, 5)
		var outage []xfake.Fault
		for range 50 {
			outage = append(outage, xfake.Fault{Status: 503})
		}
		f.srv.Inject(mentionsEndpoint, outage...)
		waits, _, err := patient(t, f, listen.DefaultPatience)
		var total time.Duration
		for _, w := range waits {
			total += w
		}
		if !network.IsTransient(err) || total > time.Minute || len(waits) < 3 {
			t.Errorf("waited %v in %d waits, err %v", total, len(waits), err)
		}
	})
	t.Run("refused credentials", func(t *testing.T) {
		f := setup(t, 5)
		f.srv.SetUnauthorized(true)
		if waits, _, err := patient(t, f, listen.DefaultPatience); !errors.Is(err, twitter.ErrUnauthorized) || len(waits) != 0 {
			t.Errorf("waits %v, err %v", waits, err)
		}
	})
}

// TestANameHoldingALineBreakIsStoredOnOneLine: a handle and a name with
// CR LF (a header's worth: "Bcc: ...") are stored on one line, so no
// e-mail header, CSV row or screen line can be started from them.
func TestANameHoldingALineBreakIsStoredOnOneLine(t *testing.T) {
	f := setup(t, 1)
	p := f.srv.Posts()[0]
	f.srv.Inject("GET /2/users", xfake.Fault{Edit: func(answer map[string]any) {
		for _, u := range answer["data"].([]any) {
			u.(map[string]any)["username"] = "evil\r\nBcc: victim@example.com"
			u.(map[string]any)["name"] = "Eve\r\nSubject: free money\n\r"
		}
	}})
	if _, err := f.poller(listen.Options{}).SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	u, found, err := f.store.User(p.AuthorID)
	if err != nil || !found {
		t.Fatalf("the author: %v %v", found, err)
	}
	if !strings.Contains(u.Username, "victim") || !strings.Contains(u.Name, "free money") {
		t.Fatalf("X's hostile record was not served: %+v", u)
	}
	for _, s := range []string{u.Username, u.Name} {
		if strings.ContainsAny(s, "\r\n") {
			t.Errorf("stored with a line break: %q", s)
		}
	}
}
