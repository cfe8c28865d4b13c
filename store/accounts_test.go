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

// TestAViewNarrowedToAnAccount: View.For lists one account's
// conversations of the view, pages and all, and none of the others'.
func TestAViewNarrowedToAnAccount(t *testing.T) {
	s := openTemp(t)
	shop, help := model.User{ID: 1, Username: "shop"}, model.User{ID: 2, Username: "shop_help"}
	if err := s.SetAccounts([]model.User{shop, help}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for i := range 9 {
		acct := shop.ID
		if i%3 == 0 {
			acct = help.ID
		}
		p := model.Post{ID: model.SnowflakeID(at.Add(time.Duration(i)*time.Minute), uint64(i)), AuthorID: 7, Kind: model.Mention, Text: "hi", CreatedAt: at}
		if _, err := s.Put(Batch{Posts: []model.Post{p}, Account: acct}); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.Inbox(ViewInbox.For(help.ID), InboxKey{}, 2)
	if err != nil || len(rows) != 2 || rows[0].Conversation.Account != help.ID || rows[1].Conversation.Account != help.ID {
		t.Fatalf("the help desk's first page: %+v, %v", rows, err)
	}
	more, _ := s.Inbox(ViewInbox.For(help.ID), rows[1].Key, 5)
	all, _ := s.Inbox(ViewInbox.For(shop.ID), InboxKey{}, 20)
	if len(more) != 1 || len(all) != 6 || ViewInbox.For(0) != ViewInbox {
		t.Errorf("the rest of the help desk's: %d; the shop's: %d", len(more), len(all))
	}
}
