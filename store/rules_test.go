package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// TestRulesRunAsPostsAreStored: a matching post's conversation gets the
// rule's tags, status and note in the batch that stores it; a post that
// does not match, and the shop's own, are left alone.
func TestRulesRunAsPostsAreStored(t *testing.T) {
	q, _ := search.Parse(`refund OR "money back"`)
	s, err := OpenWith(filepath.Join(t.TempDir(), "hark.db"), Options{Rules: []Rule{{Name: "refunds", Query: q, Tags: []string{"refund"}, Note: "check the order"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	posts := []model.Post{
		{ID: model.SnowflakeID(at, 1), AuthorID: 7, Kind: model.Mention, Text: "@shop I want my money back", CreatedAt: at},
		{ID: model.SnowflakeID(at, 2), AuthorID: 7, Kind: model.Mention, Text: "@shop lovely pens", CreatedAt: at},
		{ID: model.SnowflakeID(at, 3), AuthorID: 1, Kind: model.Reply, Text: "@ann your refund is on its way", CreatedAt: at},
	}
	if _, err := s.Put(Batch{Posts: posts}); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, false} {
		c, _, _ := s.Conversation(posts[i].ID)
		notes, _ := s.Notes(posts[i].ID)
		if got := slices.Contains(c.Tags, "refund") && len(notes) == 1; got != want {
			t.Errorf("post %d: tags %v, notes %d; want ruled %v", i, c.Tags, len(notes), want)
		}
	}
	q2, _ := search.Parse("tag:refund")
	if ids, err := s.SearchIDs(context.Background(), q2, 0, 10, at); err != nil || len(ids) != 1 || ids[0] != posts[0].ID {
		t.Errorf("tag:refund finds %v, %v", ids, err)
	}
}

// TestACatchAllRulesNoteIsKeptOnce: a rule that matches every post of a
// conversation keeps its note there once, however many posts arrive.
func TestACatchAllRulesNoteIsKeptOnce(t *testing.T) {
	q, _ := search.Parse("order")
	s, err := OpenWith(filepath.Join(t.TempDir(), "hark.db"), Options{Rules: []Rule{{Name: "all", Query: q, Note: "new customer"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	root := model.SnowflakeID(at, 1)
	for i := range uint64(3) {
		p := model.Post{ID: model.SnowflakeID(at.Add(time.Duration(i)*time.Minute), 1), AuthorID: 7, Kind: model.Mention, Text: "@shop where is my order", ConversationID: root, CreatedAt: at}
		if i > 0 {
			p.InReplyToID = root
		}
		if _, err := s.Put(Batch{Posts: []model.Post{p}}); err != nil {
			t.Fatal(err)
		}
	}
	if notes, _ := s.Notes(root); len(notes) != 1 {
		t.Errorf("%d notes, want 1: %v", len(notes), notes)
	}
}

// TestAPurgeLeavesTheCustomerNotTheContext: after a purge recounts a
// conversation, its customer is still the one who spoke to the shop,
// not the author of a post kept for context that came later.
func TestAPurgeLeavesTheCustomerNotTheContext(t *testing.T) {
	s := openTemp(t)
	bob := model.User{ID: 3, Username: "bob", Name: "Bob"}
	first := post(10, 10, ann, model.Mention)
	aside := post(11, 10, bob, model.Context)
	late := post(12, 10, ann, model.Mention)
	if _, err := s.Put(Batch{Posts: []model.Post{first, aside, late}, Users: []model.User{ann, bob}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Purge(late.ID); err != nil {
		t.Fatal(err)
	}
	if c, _, _ := s.Conversation(10); c.CustomerID != ann.ID {
		t.Errorf("after the purge the customer is %d, want ann (%d)", c.CustomerID, ann.ID)
	}
}

// TestARuleSeesTheNetwork: a rule may ask for a network; it tags the
// Bluesky post and leaves X's of the same words.
func TestARuleSeesTheNetwork(t *testing.T) {
	q, err := search.Parse("network:bluesky shipping")
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenWith(filepath.Join(t.TempDir(), "hark.db"), Options{Rules: []Rule{{Name: "sky", Query: q, Tags: []string{"bsky"}}}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	posts := []model.Post{
		{ID: model.SnowflakeID(at, 1), AuthorID: 7, Kind: model.Mention, Text: "@shop shipping to Oslo?", CreatedAt: at},
		{ID: model.SnowflakeID(at, 2), AuthorID: 8, Kind: model.Mention, Text: "@shop shipping to Oslo?", CreatedAt: at,
			On: &model.Elsewhere{Network: "bluesky", Ref: "at://did:plc:a/app.bsky.feed.post/1"}},
	}
	if _, err := s.Put(Batch{Posts: posts}); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{false, true} {
		c, _, _ := s.Conversation(posts[i].ID)
		if got := slices.Contains(c.Tags, "bsky"); got != want {
			t.Errorf("post %d (%q): tags %v", i, posts[i].Network(), c.Tags)
		}
	}
}

// TestANetworkCursorIsKeptWithItsSource: a batch's network cursor is
// kept with its source, in the batch's transaction; a batch without one
// leaves it; another source's is its own.
func TestANetworkCursorIsKeptWithItsSource(t *testing.T) {
	s := openTemp(t)
	if c, err := s.NetCursor("@sky:dms"); err != nil || c != "" {
		t.Fatalf("before any: %q, %v", c, err)
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if _, err := s.Put(Batch{Posts: []model.Post{{ID: model.SnowflakeID(at, 1), AuthorID: 7, Kind: model.DMIn, Text: "hi", CreatedAt: at}},
		Source: "@sky:dms", Cursor: model.SnowflakeID(at, 1), NetCursor: "3lxrev0001"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(Batch{Source: "@sky:dms", Cursor: model.SnowflakeID(at, 2)}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.NetCursor("@sky:dms"); c != "3lxrev0001" {
		t.Errorf("kept: %q", c)
	}
	if c, _ := s.NetCursor("dms"); c != "" {
		t.Errorf("another source's: %q", c)
	}
	if n, _ := s.Cursor("@sky:dms"); n != model.SnowflakeID(at, 2) {
		t.Errorf("the source's own cursor: %d", n)
	}
}
