package xfake

import (
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

func TestMentionsReachOnly800(t *testing.T) {
	d := newStore(Scenario{Account: model.User{ID: 1, Username: "shop"}})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 850 {
		d.add(model.Post{AuthorID: 2, Text: "@shop hi"}, now.Add(time.Duration(i)*time.Second))
	}
	d.add(model.Post{AuthorID: 2, Text: "@shopkeeper not us"}, now)
	all := d.mentionsOf(d.users[1])
	if len(all) != 850 {
		t.Fatalf("mentionsOf = %d, want 850 (a longer handle is not a mention)", len(all))
	}
	page, next := pageQuery{max: 100}.slice(all[:maxReachableMentions])
	if len(page) != 100 || next != page[99].ID {
		t.Errorf("first page: %d posts, next %d", len(page), next)
	}
}

func TestTokensRoundTrip(t *testing.T) {
	id := model.SnowflakeID(time.Now(), 7)
	got, ok := decodeToken(encodeToken(id))
	if !ok || got != id {
		t.Errorf("token round trip: %d, %v", got, ok)
	}
	for _, bad := range []string{"", "x12", "7!!"} {
		if _, ok := decodeToken(bad); ok {
			t.Errorf("decodeToken(%q) accepted", bad)
		}
	}
}
