package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// usageToday reads today's counts and dollars from `hark usage`.
func usageToday(t *testing.T, env map[string]string) (spend.Counts, float64) {
	t.Helper()
	out, err := runHark(t, env, "usage", "--days", "1", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var day struct {
		Counts  spend.Counts `json:"counts"`
		Dollars float64      `json:"dollars"`
	}
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &day); err != nil {
		t.Fatalf("usage: %q: %v", out, err)
	}
	return day.Counts, day.Dollars
}

// TestConfigPricesOverlayXs: a price [prices] sets replaces X's, and
// every other kind keeps X's table.
func TestConfigPricesOverlayXs(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[prices]\npost_read = 0.006\nowned_read = 0\n")
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	billed := srv.Billed()
	set := spend.Prices{Per: map[spend.Kind]spend.Micros{spend.PostRead: 6_000, spend.OwnedRead: 0}}
	want := twitter.Prices().Overlay(set).Cost(billed)
	if _, dollars := usageToday(t, env); dollars != want.Dollars() || billed[spend.PostRead] == 0 || billed[spend.UserRead] == 0 {
		t.Errorf("hark usage: $%v; X's table with post_read $0.006 and owned_read $0: $%v (billed %v)", dollars, want.Dollars(), billed)
	}
}

// The spend hark counts for a sync of every source is what X billed for
// what it served, priced by the notes' table; a second sync reads one
// page of each source and X bills nothing more (what it re-reads was
// read today); and `hark sources` tells each source's share.
func TestSpendIsWhatXBilled(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[[search]]\nname = \"brand\"\nquery = '"+xfake.DemoSearch+"'\n")
	out, err := runHark(t, env, "sync", "--once")
	if err != nil {
		t.Fatal(err)
	}
	billed := srv.Billed()
	counts, dollars := usageToday(t, env)
	want := twitter.Prices().Cost(billed)
	if !maps.Equal(counts, billed) || dollars != want.Dollars() || billed[spend.OwnedRead] == 0 || billed[spend.DMRead] != 4 || billed[spend.PostRead] == 0 {
		t.Fatalf("hark counted %v ($%v), X billed %v ($%v)", counts, dollars, billed, want.Dollars())
	}
	t.Logf("X billed the first sync %s: %v", want, billed)
	if !strings.Contains(out, want.String()+" spent today") {
		t.Errorf("sync does not tell today's spend %s: %q", want, out)
	}

	calls := map[string]int{}
	endpoints := []string{"GET /2/users/:id/mentions", "GET /2/users/:id/tweets", "GET /2/tweets/search/recent", "GET /2/dm_events"}
	for _, ep := range endpoints {
		calls[ep] = srv.Calls(ep)
	}
	if out, err := runHark(t, env, "sync", "--once"); err != nil || !strings.HasPrefix(out, "0 new posts") {
		t.Fatalf("second sync: %q, %v", out, err)
	}
	for _, ep := range endpoints {
		if n := srv.Calls(ep) - calls[ep]; n != 1 {
			t.Errorf("the second sync called %s %d times, want one page", ep, n)
		}
	}
	if again := srv.Billed(); !maps.Equal(again, billed) {
		t.Errorf("X billed the second sync: %v, then %v", billed, again)
	}

	out, err = runHark(t, env, "sources")
	if err != nil || strings.Count(out, "\n") != 4 { // mentions, own, dms, brand
		t.Fatalf("sources: %q, %v", out, err)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 5 || f[1] == "never" || f[2] == "0" || f[3] == "$0.00" {
			t.Errorf("source line %q: want a last sync, posts and today's spend", line)
		}
	}
	if out, _ := runHark(t, env, "usage"); !strings.Contains(out, fmt.Sprintf("month to date")) || strings.Count(out, "\n") != 8 {
		t.Errorf("usage: %q", out)
	}
	if _, err := runHark(t, env, "usage", "--days", "0"); err == nil || !strings.Contains(err.Error(), "--days 0: use 1 to 366") {
		t.Errorf("--days 0: %v", err)
	}
}

// TestSearchBySourceHeardAndDM: source:NAME finds what a source found,
// is:heard the posts not addressed to the shop, has:dm the DMs.
func TestSearchBySourceHeardAndDM(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[[search]]\nname = \"brand\"\nquery = '"+xfake.DemoSearch+"'\n")
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int{
		"source:dms":               len(srv.DMs()),
		"has:dm":                   len(srv.DMs()),
		"has:dm is:mine":           1, // the shop's DM to angry_al, sent from X's app
		"is:heard":                 3,
		"source:brand is:heard":    3,
		"source:brand -is:heard":   32, // every mention names the shop: the search found them too
		"source:mentions is:heard": 0,
	} {
		out, err := runHark(t, env, "search", "--limit", "100", query)
		if n := strings.Count(out, "\n"); err != nil || n != want {
			t.Errorf("%s: %d found, want %d (%v)", query, n, want, err)
		}
	}
}

// TestUsageSaysWhatReadingPeopleOnceSaved: the people hark knew and did
// not read are said, with what X would have billed for them expanded.
func TestUsageSaysWhatReadingPeopleOnceSaved(t *testing.T) {
	var out strings.Builder
	days := []spend.DaySpend{{Day: "2026-12-05", Counts: spend.Counts{spend.OwnedRead: 3, spend.PersonKnown: 2}}, {Day: "2026-12-06", Counts: spend.Counts{spend.PersonKnown: 3}}}
	usageText(&out, days, spend.Month{Name: "2026-12"}, twitter.Prices())
	if !strings.Contains(out.String(), "people known, not read again: 5 in these days ($0.05 of user reads") || strings.Contains(out.String(), "user_known") {
		t.Errorf("usage:\n%s", out.String())
	}
}
