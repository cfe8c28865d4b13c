package twitter_test

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

const mentions = "GET /2/users/:id/mentions"

func TestHugeAnswersAreRefusedInBoundedMemory(t *testing.T) {
	srv, _ := startFake(t, mentionScenario(3))
	// Reading MaxBody of an endless body takes seconds under -race on a
	// busy machine: the client's own timeout must not come first.
	c, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: creds, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, f := range map[string]xfake.Fault{
		"100 MB error page": {Huge: 100 << 20, Status: http.StatusBadGateway},
		"endless body":      {Huge: -1, Status: http.StatusOK},
	} {
		srv.Inject(mentions, f)
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := c.Mentions(ctx, shop.ID, network.MentionsQuery{})
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if !errors.Is(err, twitter.ErrBodyTooLarge) {
			t.Errorf("%s: err %v", name, err)
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) > 400 {
			t.Errorf("%s: a %d-byte error", name, len(msg))
		}
		// json.Decoder doubles its buffer as it reads: about 4 × MaxBody in all.
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 5*twitter.MaxBody {
			t.Errorf("%s: read %d MB to refuse it", name, grew>>20)
		}
	}
}

func TestErrorTextIsCutToOneShortLine(t *testing.T) {
	srv, c := startFake(t, mentionScenario(3))
	srv.Inject(mentions, xfake.Fault{Huge: 1 << 20, Status: http.StatusServiceUnavailable})
	_, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{})
	var apiErr *twitter.APIError
	if !errors.As(err, &apiErr) || utf8.RuneCountInString(apiErr.Detail) > 301 || !network.IsTransient(err) {
		t.Fatalf("err %T %.200v", err, err)
	}
}

func TestMalformedRecordsAreSkippedAndTheRestKept(t *testing.T) {
	srv, c := startFake(t, mentionScenario(5))
	srv.Inject(mentions, xfake.Fault{Edit: func(answer map[string]any) {
		data := answer["data"].([]any)
		data[0].(map[string]any)["id"] = "0"
		data[1].(map[string]any)["author_id"] = map[string]any{"not": "an id"}
	}})
	page, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Posts) != 3 || len(page.Skipped) != 2 {
		t.Fatalf("%d posts kept, skipped %v", len(page.Posts), page.Skipped)
	}
	if page.Skipped[0].RawID != "0" || page.Skipped[1].ID == 0 {
		t.Errorf("skipped %+v", page.Skipped)
	}
}

func TestASkippedRecordsRawIDIsCutOnACharacter(t *testing.T) {
	srv, c := startFake(t, mentionScenario(2))
	srv.Inject(mentions, xfake.Fault{Edit: func(answer map[string]any) {
		answer["data"].([]any)[0].(map[string]any)["id"] = strings.Repeat("€", 60) + "\x1b[31m"
	}})
	page, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{})
	if err != nil || len(page.Skipped) != 1 {
		t.Fatal(page, err)
	}
	raw := page.Skipped[0].RawID
	if !utf8.ValidString(raw) || utf8.RuneCountInString(raw) > 41 || strings.ContainsRune(raw, 0x1b) {
		t.Errorf("raw id %q", raw)
	}
}

func TestPostsLongerThanXAllowsAreCut(t *testing.T) {
	sc := mentionScenario(1)
	sc.Posts[0].Text = "@paperandpine " + strings.Repeat("ü", 2*twitter.MaxPostChars)
	_, c := startFake(t, sc)
	page, err := c.Mentions(context.Background(), shop.ID, network.MentionsQuery{})
	if err != nil || len(page.Posts) != 1 {
		t.Fatal(page, err)
	}
	got := page.Posts[0].Text
	if n := utf8.RuneCountInString(got); n > twitter.MaxPostChars+60 || !strings.HasSuffix(got, "cut by hark: longer than X allows]") {
		t.Errorf("%d characters, ending %q", n, got[len(got)-60:])
	}
}

func TestSameTextSeesThroughXsRewriting(t *testing.T) {
	for _, tt := range []struct {
		ours, theirs string
		same         bool
	}{
		{"Track it:\thttps://shop.com/track/1 ", "Track it: https://t.co/abc123", true},
		{"See shop.com/faq &amp; more", "See https://t.co/x1 & more", true},
		{"Caf\u0065\u0301 open", "Caf\u00e9 open", true},
		{"Thanks!", "Thanks!!", false},
		{"Track: https://a.com/1 and https://b.com/2", "Track: https://t.co/1", false},
	} {
		if got := twitter.SameText(tt.ours, tt.theirs); got != tt.same {
			t.Errorf("SameText(%q, %q) = %v", tt.ours, tt.theirs, got)
		}
	}
}

func TestDMEventsPageNewestFirst(t *testing.T) {
	_, c := startFake(t, mentionScenario(1))
	ctx := context.Background()
	for i := range 14 { // X allows 15 DMs in 15 minutes
		if _, err := c.SendDM(ctx, customer.ID, "message "+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	q := network.DMQuery{With: customer.ID, Max: 5}
	for pages := 1; ; pages++ {
		page, err := c.DMEvents(ctx, q)
		if err != nil || pages > 3 {
			t.Fatalf("page %d: %v", pages, err)
		}
		for _, p := range page.Posts {
			if p.AuthorID != shop.ID || p.CreatedAt.IsZero() {
				t.Errorf("event %+v", p)
			}
			got = append(got, p.Text)
		}
		if page.NextToken == "" {
			break
		}
		q.Token = page.NextToken
	}
	if len(got) != 14 || got[0] != "message 13" || got[13] != "message 0" || len(slices.Compact(slices.Clone(got))) != 14 {
		t.Errorf("%d messages: %v", len(got), got)
	}
}
