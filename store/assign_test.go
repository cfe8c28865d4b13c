package store

import (
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// TestMineFollowsAssignmentStatusAndNewPosts: a conversation assigned
// to a person is in their Mine view while open or waiting, in order of
// its newest post; done takes it out, a reopen puts it back, assigning
// it elsewhere moves it, an undo puts it back, and who did each is kept.
func TestMineFollowsAssignmentStatusAndNewPosts(t *testing.T) {
	s := openTemp(t)
	var posts []model.Post
	for c := uint64(10); c < 14; c++ {
		posts = append(posts, post(c, c, ann, model.Mention))
	}
	if _, err := s.Put(Batch{Posts: posts, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Assign([]uint64{10, 12}, "bo", "cat"); err != nil {
		t.Fatal(err)
	}
	if got := viewIDs(t, s, Mine("bo")); !slices.Equal(got, []uint64{12, 10}) {
		t.Fatalf("bo's Mine: %v, want [12 10]", got)
	}
	if c, _ := s.CountsFor("bo"); c.Mine != 2 {
		t.Errorf("bo's count: %d, want 2", c.Mine)
	}
	if c, _, _ := s.Conversation(10); c.Assignee != "bo" || c.AssignedBy != "cat" {
		t.Errorf("conversation 10: assignee %q by %q", c.Assignee, c.AssignedBy)
	}
	// a new post in 10 puts it on top
	if _, err := s.Put(Batch{Posts: []model.Post{post(20, 10, ann, model.Mention)}, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	if got := viewIDs(t, s, Mine("bo")); !slices.Equal(got, []uint64{10, 12}) {
		t.Fatalf("bo's Mine after a new post in 10: %v, want [10 12]", got)
	}
	if _, err := s.SetStatus([]uint64{10}, StatusDone, "bo"); err != nil {
		t.Fatal(err)
	}
	if got := viewIDs(t, s, Mine("bo")); !slices.Equal(got, []uint64{12}) {
		t.Fatalf("bo's Mine after 10 done: %v, want [12]", got)
	}
	if c, _, _ := s.Conversation(10); c.StatusBy != "bo" {
		t.Errorf("status set by %q, want bo", c.StatusBy)
	}
	undo, err := s.Assign([]uint64{12}, "cat", "cat")
	if err != nil {
		t.Fatal(err)
	}
	if bo, cat := viewIDs(t, s, Mine("bo")), viewIDs(t, s, Mine("cat")); len(bo) != 0 || !slices.Equal(cat, []uint64{12}) {
		t.Fatalf("after 12 moved to cat: bo %v, cat %v", bo, cat)
	}
	if err := s.Undo(undo); err != nil {
		t.Fatal(err)
	}
	if bo, cat := viewIDs(t, s, Mine("bo")), viewIDs(t, s, Mine("cat")); !slices.Equal(bo, []uint64{12}) || len(cat) != 0 {
		t.Fatalf("after the undo: bo %v, cat %v", bo, cat)
	}
	if _, err := s.SetStatus([]uint64{10}, StatusOpen, "cat"); err != nil {
		t.Fatal(err)
	}
	if got := viewIDs(t, s, Mine("bo")); !slices.Equal(got, []uint64{10, 12}) {
		t.Fatalf("bo's Mine after 10 reopened: %v, want [10 12]", got)
	}
	if _, err := s.Assign([]uint64{10, 12}, "", "bo"); err != nil {
		t.Fatal(err)
	}
	if got := viewIDs(t, s, Mine("bo")); len(got) != 0 {
		t.Fatalf("bo's Mine after giving both back: %v", got)
	}
	if _, err := s.Assign([]uint64{10}, "no one/else", "bo"); err == nil {
		t.Error("a name with a slash and a space was taken")
	}
}

// TestDraftsArePerPerson: each person of the team has their own draft
// in a conversation, and the owner's (the bare key) is not theirs.
func TestDraftsArePerPerson(t *testing.T) {
	s := openTemp(t)
	for person, text := range map[string]string{"": "owner's", "bo": "bo's", "cat": "cat's"} {
		if err := s.SaveDraft(10, person, text, t0); err != nil {
			t.Fatal(err)
		}
	}
	for person, want := range map[string]string{"": "owner's", "bo": "bo's", "cat": "cat's", "dee": ""} {
		d, err := s.Drafts(person)
		if err != nil || d[10].Text != want || want == "" && len(d) != 0 {
			t.Errorf("%q's drafts: %+v, %v; want %q", person, d, err, want)
		}
	}
}

// TestStampsReadWhoWroteTheShopsPosts: a report's fast read of a post
// finds who of the team wrote one of the shop's, and still the network
// of another network's (its "on" stays the record's last field).
func TestStampsReadWhoWroteTheShopsPosts(t *testing.T) {
	s := openTemp(t)
	id := func(n uint64) uint64 { return model.SnowflakeID(t0.Add(time.Duration(n)*time.Minute), n) } // the read goes by ids' times
	conv := id(10)
	mention := post(conv, conv, ann, model.Mention)
	mention.Text = `"by":"mallory" in a customer's words`
	reply := post(id(11), conv, shop, model.Reply)
	reply.By = "ann"
	elsewhere := post(id(12), conv, shop, model.Reply)
	elsewhere.By, elsewhere.On = "bo", &model.Elsewhere{Network: "bluesky", Ref: "at://did:plc:x/app.bsky.feed.post/1"}
	for _, p := range []*model.Post{&mention, &reply, &elsewhere} {
		p.CreatedAt = model.SnowflakeTime(p.ID)
	}
	if _, err := s.Put(Batch{Posts: []model.Post{mention, reply, elsewhere}, Users: []model.User{ann, shop}}); err != nil {
		t.Fatal(err)
	}
	got := map[uint64][2]string{}
	err := s.EachStampBetween(t.Context(), t0, t0.Add(time.Hour), func(p PostStamp) { got[p.ID] = [2]string{p.By, p.Network} })
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint64][2]string{mention.ID: {"", ""}, reply.ID: {"ann", ""}, elsewhere.ID: {"bo", "bluesky"}}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("post %d: by and network %q, want %q", id, got[id], w)
		}
	}
}

// TestASentPostStoredFirstIsStillItsWritersAndAnswered: the push (or
// the shop's timeline) may store a sent post before its item is marked
// sent: the post still records who of the team wrote it, and the
// thread's next part still answers it.
func TestASentPostStoredFirstIsStillItsWritersAndAnswered(t *testing.T) {
	s := openTemp(t)
	if _, err := s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention)}, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	items, err := s.Enqueue(Item{ConversationID: 10, InReplyTo: 10, Text: "part one", By: "ann"},
		Item{ConversationID: 10, After: 1, Text: "part two", By: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	sent := post(20, 10, shop, model.Reply)
	sent.InReplyToID = 10
	if _, err := s.Put(Batch{Posts: []model.Post{sent}, Users: []model.User{shop}}); err != nil { // pushed first
		t.Fatal(err)
	}
	c := s.NewClaimer()
	if _, err := s.Claim(items[0].ID, c, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkSent(items[0].ID, c, sent); err != nil {
		t.Fatal(err)
	}
	posts, _ := s.Thread(10)
	var by string
	for _, p := range posts {
		if p.ID == sent.ID {
			by = p.By
		}
	}
	next, _, _ := s.Item(items[1].ID)
	if by != "ann" || next.InReplyTo != sent.ID {
		t.Errorf("the post pushed first: by %q (want ann); the next part answers %d (want %d)", by, next.InReplyTo, sent.ID)
	}
}
