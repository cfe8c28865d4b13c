package xfake

import (
	"strings"
	"testing"
	"time"
)

func TestShopScenarioIsBusyEnough(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	d := newStore(ShopScenario(now))
	mentions := d.mentionsOf(ShopAccount)
	convs := map[uint64]bool{}
	for _, p := range mentions {
		convs[p.ConversationID] = true
		if p.CreatedAt.After(now) {
			t.Errorf("post from the future: %+v", p)
		}
	}
	if len(mentions) < 30 || len(convs) < 10 {
		t.Errorf("%d mentions in %d conversations; want at least 30 in 10", len(mentions), len(convs))
	}
	for _, must := range []string{"basket vanished", "near Nashville", "#4471", "charged TWICE", "万年筆", "any news on the basket"} {
		found := false
		for _, p := range mentions {
			found = found || strings.Contains(p.Text, must)
		}
		if !found {
			t.Errorf("no mention with %q", must)
		}
	}
	// The drip's first 143 posts (an hour of the demo) are all
	// different, mention the shop, and carry no counter.
	next := ShopDrip()
	seen := map[string]bool{}
	for n := range 143 {
		p := next(n)
		if seen[p.Text] || !strings.HasPrefix(p.Text, "@paperandpine ") || strings.Contains(p.Text, "(2)") {
			t.Fatalf("drip %d: %q", n, p.Text)
		}
		seen[p.Text] = true
	}
}
