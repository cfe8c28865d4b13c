package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// TestConversationsBelongToTheAccountTheyReached: a batch read by the
// help account begins conversations of the help account; a post already
// stored (a mention of both accounts) stays one conversation, the first
// account's; a hand-off moves one with a note; account: finds them.
func TestConversationsBelongToTheAccountTheyReached(t *testing.T) {
	s := openTemp(t)
	shop := model.User{ID: 1, Username: "shop"}
	help := model.User{ID: 2, Username: "shop_help"}
	ann := model.User{ID: 7, Username: "ann"}
	if err := s.SetAccounts([]model.User{shop, help}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	both := model.Post{ID: model.SnowflakeID(at, 1), AuthorID: ann.ID, Kind: model.Mention, Text: "@shop @shop_help two of you?", CreatedAt: at}
	late := model.Post{ID: model.SnowflakeID(at, 2), AuthorID: ann.ID, Kind: model.Mention, Text: "@shop_help my order is late", CreatedAt: at}
	if _, err := s.Put(Batch{Posts: []model.Post{both, late}, Users: []model.User{ann}, Account: help.ID}); err != nil {
		t.Fatal(err)
	}
	if added, err := s.Put(Batch{Posts: []model.Post{both}, Account: shop.ID}); err != nil || len(added) != 0 {
		t.Fatalf("the main account's read of the same post: %v, %v", added, err)
	}
	for id, want := range map[uint64]uint64{both.ID: help.ID, late.ID: help.ID} {
		if c, _, _ := s.Conversation(id); c.Account != want {
			t.Errorf("conversation %d belongs to %d, want %d", id, c.Account, want)
		}
	}
	if _, err := s.HandOff([]uint64{both.ID}, shop, "a question on the shop's stock", at); err != nil {
		t.Fatal(err)
	}
	if c, _, _ := s.Conversation(both.ID); c.Account != shop.ID {
		t.Errorf("after the hand-off: %d", c.Account)
	}
	notes, _ := s.Notes(both.ID)
	if len(notes) != 1 || !strings.Contains(notes[0].Text, "handed off to @shop: a question") {
		t.Errorf("notes: %+v", notes)
	}
	if _, err := s.HandOff([]uint64{late.ID}, ann, "no", at); err == nil {
		t.Error("a hand-off to someone not the shop's")
	}
	for query, want := range map[string][]uint64{"account:shop_help": {late.ID}, "account:@shop": {both.ID}} {
		q, _ := search.Parse(query)
		if ids, err := s.SearchIDs(context.Background(), q, 0, 10, at); err != nil || !slices.Equal(ids, want) {
			t.Errorf("%s = %v, %v; want %v", query, ids, err, want)
		}
	}
}
