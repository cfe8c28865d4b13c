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
	next := ShopDrip()
	if a, b := next(0), next(8); a.Text == b.Text || !strings.Contains(a.Text, "@paperandpine") {
		t.Errorf("drip: %q, %q", a.Text, b.Text)
	}
}
