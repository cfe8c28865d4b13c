package outbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// TestTeamWarningsNameWhoElseAnswered: ann, about to answer a customer,
// is warned of bo's reply queued there, of the shop's reply typed in
// X's app there a moment ago, and of cat replying there now; bo is the
// one to be told in turn. Her own earlier reply, another conversation's
// and one from an hour ago warn of nothing, and alone nothing is said.
func TestTeamWarningsNameWhoElseAnswered(t *testing.T) {
	shop := model.User{ID: 100, Username: "shop", Name: "Shop"}
	st := harktest.Store(t)
	now := time.Now()
	maria := model.User{ID: 7, Username: "maria"}
	if err := st.SetAccount(shop); err != nil {
		t.Fatal(err)
	}
	at := func(ago time.Duration, n uint64) uint64 { return model.SnowflakeID(now.Add(-ago), n) }
	conv, other := at(2*time.Hour, 1), at(2*time.Hour, 2)
	posts := []model.Post{
		{ID: conv, ConversationID: conv, AuthorID: maria.ID, Kind: model.Mention, Text: "@shop where is my order?"},
		{ID: other, ConversationID: other, AuthorID: maria.ID, Kind: model.Mention, Text: "@shop and the other one?"},
		{ID: at(40*time.Second, 3), ConversationID: conv, AuthorID: shop.ID, InReplyToID: conv, InReplyToUser: maria.ID, Kind: model.Reply,
			Text: "On its way!", Sources: []string{model.OwnSource}}, // typed in X's app
		{ID: at(time.Hour, 4), ConversationID: conv, AuthorID: shop.ID, InReplyToID: conv, InReplyToUser: maria.ID, Kind: model.Reply,
			Text: "Looking into it", Sources: []string{model.HarkSource}, By: "bo"}, // long ago
		{ID: at(20*time.Second, 5), ConversationID: conv, AuthorID: shop.ID, InReplyToID: conv, InReplyToUser: maria.ID, Kind: model.Reply,
			Text: "Hi Maria", Sources: []string{model.HarkSource}, By: "ann"}, // her own
	}
	for i := range posts {
		posts[i].CreatedAt = model.SnowflakeTime(posts[i].ID)
	}
	if _, err := st.Put(store.Batch{Posts: posts, Users: []model.User{maria, shop}}); err != nil {
		t.Fatal(err)
	}
	queued := Replies(posts[0], []string{"Sorry for the wait!"}, now.Add(-10*time.Second), time.Minute)
	queued[0].By = "bo"
	elsewhere := Replies(posts[1], []string{"Both ship today"}, now.Add(-5*time.Second), time.Minute)
	elsewhere[0].By = "cat"
	if _, err := st.Enqueue(append(queued, elsewhere...)...); err != nil {
		t.Fatal(err)
	}
	reply := Reply{ConversationID: conv, Body: "It ships tomorrow"}
	plan, err := Prepare(st, reply, Settings{Account: shop, UndoWindow: time.Minute, HourlyLimit: 20, By: "ann", Replying: []string{"cat", "ann"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(plan.Warnings, " | ")
	for _, want := range []string{"bo queued a reply here 10s ago", "a reply from the shop's app went here 40s ago", "cat is replying here now"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings %q lack %q", joined, want)
		}
	}
	if strings.Contains(joined, "ann") || strings.Contains(joined, "Looking") || len(plan.Warnings) != 3 {
		t.Errorf("warnings %q: want the three others alone", joined)
	}
	if !slices.Equal(plan.Also, []string{"bo"}) || plan.Items[0].By != "ann" {
		t.Errorf("also %v, item by %q: want [bo] told, the item ann's", plan.Also, plan.Items[0].By)
	}
	alone, err := Prepare(st, reply, Settings{Account: shop, UndoWindow: time.Minute, HourlyLimit: 20}, now)
	if err != nil || len(alone.Warnings) != 0 || len(alone.Also) != 0 {
		t.Errorf("the owner alone is warned %q, also %v, %v", alone.Warnings, alone.Also, err)
	}
}
