package store

import (
	"context"
	"testing"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// searchIDs runs q and returns the ids of the posts it finds.
func searchIDs(t *testing.T, s *Store, q string) []uint64 {
	t.Helper()
	n, err := search.Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(context.Background(), n, 0, 50, t0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for _, h := range hits {
		ids = append(ids, h.Post.ID)
	}
	return ids
}

// TestAnEditIsOnePostOneConversation: a customer's mention edited twice
// (each version a new id naming the others) stays one post under its
// first id, with the newest text found by search, the earlier texts
// kept, unread again, and the versions read again are the same post; a
// reply to the newest version files in the same conversation.
func TestAnEditIsOnePostOneConversation(t *testing.T) {
	s := openTemp(t)
	first := post(10, 10, ann, model.Mention)
	first.Text = "where is my ordr"
	s.Put(Batch{Posts: []model.Post{first}, Users: []model.User{ann}})
	s.MarkRead(10)
	second := post(12, 12, ann, model.Mention) // X gives an edit its own id, and here its own conversation
	second.Text, second.Edits = "where is my order 5521", []uint64{10}
	third := post(14, 12, ann, model.Mention)
	third.Text, third.Edits = "where is my order 5521? it shipped monday", []uint64{10, 12}
	s.Put(Batch{Posts: []model.Post{second}})
	s.Put(Batch{Posts: []model.Post{third, second, first}}) // the older versions read again change nothing
	got, found, _ := s.Post(14)
	if !found || got.ID != 10 || got.Text != third.Text || got.Target() != 14 || len(got.Earlier) != 2 ||
		got.Earlier[0].Text != first.Text || got.Earlier[1].ID != 12 {
		t.Fatalf("post 14 = %+v (found %v)", got, found)
	}
	if thread, _ := s.Thread(10); len(thread) != 1 {
		t.Errorf("thread has %d posts, want 1", len(thread))
	}
	if _, found, _ := s.Conversation(12); found {
		t.Error("an edit began a second conversation")
	}
	if c := status(t, s, 10); c.Posts != 1 || c.Unread != 1 || !c.Question {
		t.Errorf("conversation after the edits = %+v, want 1 post, unread again, asking", c)
	}
	if ids := searchIDs(t, s, "monday"); !equal(ids, 10) {
		t.Errorf("search for the newest text = %v", ids)
	}
	if ids := searchIDs(t, s, "ordr"); len(ids) != 0 {
		t.Errorf("search still finds the old text: %v", ids)
	}
	reply := post(20, 12, shop, model.Reply)
	reply.InReplyToID = 14
	s.Put(Batch{Posts: []model.Post{reply}})
	if c := status(t, s, 10); c.Posts != 2 || c.Status != StatusWaiting {
		t.Errorf("after a reply to the newest version: %+v", c)
	}
	if p, _, _ := s.Post(20); p.InReplyToID != 10 || p.ConversationID != 10 {
		t.Errorf("the reply answers %d in %d, want 10 in 10", p.InReplyToID, p.ConversationID)
	}
	if r, err := s.CheckIndex(nil); err != nil || !r.OK() {
		t.Errorf("index after edits: %+v %v", r, err)
	}
}

// TestAnOlderVersionReadLaterIsTheSamePost: hark first reads an edit
// (naming a version it never held); the older version read later (a
// search, a look-up) is not a second post.
func TestAnOlderVersionReadLaterIsTheSamePost(t *testing.T) {
	s := openTemp(t)
	newer := post(12, 10, ann, model.Mention)
	newer.Text, newer.Edits = "fixed typo", []uint64{10}
	older := post(10, 10, ann, model.Mention)
	older.Text = "fixd typo"
	older.Sources = []string{"brand"}
	s.Put(Batch{Posts: []model.Post{newer}, Users: []model.User{ann}})
	added, _ := s.Put(Batch{Posts: []model.Post{older}})
	if len(added) != 0 {
		t.Errorf("the older version was stored as new: %+v", added)
	}
	if thread, _ := s.Thread(10); len(thread) != 1 || thread[0].Text != "fixed typo" || !thread[0].FoundBy("brand") {
		t.Errorf("thread = %+v", thread)
	}
	if st, _ := s.Stored([]uint64{10, 12, 99}); !st[10] || !st[12] || st[99] {
		t.Errorf("stored = %v", st)
	}
}

// TestADeletedPostLeavesATombstone: a post its author deleted leaves
// the store and the index, keeps its place as a tombstone, fails the
// reply queued to it, and read again is not stored again.
func TestADeletedPostLeavesATombstone(t *testing.T) {
	s := openTemp(t)
	asked, later := post(10, 10, ann, model.Mention), post(11, 10, ann, model.Mention)
	asked.Text, later.Text = "is the blue mug back in stock?", "also the green one"
	edited := later
	edited.ID, edited.Text, edited.Edits = 13, "also the green one please", []uint64{11}
	s.Put(Batch{Posts: []model.Post{asked, later, edited}, Users: []model.User{ann}})
	items, _ := s.Enqueue(Item{ConversationID: 10, InReplyTo: 13, Text: "yes!"}, Item{ConversationID: 10, InReplyTo: 10, Text: "both"})
	n, err := s.AuthorDeleted([]uint64{13, 99}, "deleted by its author")
	if err != nil || n != 1 {
		t.Fatalf("AuthorDeleted = %d, %v", n, err)
	}
	if again, _ := s.AuthorDeleted([]uint64{11}, "x"); again != 0 {
		t.Errorf("a tombstone was removed again: %d", again)
	}
	thread, _ := s.Thread(10)
	if len(thread) != 2 || thread[1].Kind != model.Deleted || thread[1].Text != "" || thread[1].AuthorID != 0 {
		t.Fatalf("thread = %+v", thread)
	}
	if ids := searchIDs(t, s, "green"); len(ids) != 0 {
		t.Errorf("search finds the deleted post: %v", ids)
	}
	if ids := searchIDs(t, s, "source:mentions"); len(ids) != 0 && !equal(ids, 10) {
		t.Errorf("source search = %v", ids)
	}
	if c := status(t, s, 10); c.Unread != 1 || c.Posts != 2 || c.CustomerID != ann.ID {
		t.Errorf("conversation = %+v", c)
	}
	got, _ := s.Items([]uint64{items[0].ID, items[1].ID})
	if got[0].State != Failed || got[0].LastError != "deleted by its author" || got[1].State != Queued {
		t.Errorf("outbox = %+v", got)
	}
	reread := later
	reread.Sources = []string{"mentions"}
	if added, _ := s.Put(Batch{Posts: []model.Post{reread, edited}}); len(added) != 0 {
		t.Errorf("a deleted post read again came back: %+v", added)
	}
	if p, _, _ := s.Post(11); p.Kind != model.Deleted || len(p.Sources) != 0 {
		t.Errorf("post 11 = %+v", p)
	}
	if r, err := s.CheckIndex(nil); err != nil || !r.OK() {
		t.Errorf("index: %+v %v", r, err)
	}
}

// TestContextReadAgainAsAMentionBecomesOne: a post kept as context (a
// look-up above a later post, before its own page was read) that the
// mentions then bring is a mention: unread, the customer's, a wait,
// answered by the shop's newer reply.
func TestContextReadAgainAsAMentionBecomesOne(t *testing.T) {
	s := openTemp(t)
	asked := post(10, 10, ann, model.Mention)
	asked.Text = "where is my parcel?"
	kept := asked
	kept.Kind = model.Context
	reply := post(11, 10, shop, model.Reply)
	s.Put(Batch{Posts: []model.Post{kept, reply}, Users: []model.User{ann}})
	if c := status(t, s, 10); c.Status != StatusOwn || c.Unread != 0 {
		t.Fatalf("before: %+v", c)
	}
	asked.Sources = []string{"mentions"}
	s.Put(Batch{Posts: []model.Post{asked}})
	p, _, _ := s.Post(10)
	if c := status(t, s, 10); p.Kind != model.Mention || c.Unread != 1 || c.CustomerID != ann.ID || c.Status != StatusWaiting { // the shop answered it already
		t.Errorf("after: post %s, conversation %+v", p.Kind, c)
	}
	if r, err := s.CheckIndex(nil); err != nil || !r.OK() {
		t.Errorf("index: %+v %v", r, err)
	}
}

// TestAnEditNamingSomeoneElsesPostChangesNothingOfTheirs: a record that
// names another author's stored post as its earlier version (bad or
// hostile) is stored as a post of its own; the other post keeps its
// text and its id.
func TestAnEditNamingSomeoneElsesPostChangesNothingOfTheirs(t *testing.T) {
	s := openTemp(t)
	bob := model.User{ID: 3, Username: "bob"}
	theirs := post(10, 10, ann, model.Mention)
	theirs.Text = "ann's own words"
	forged := post(12, 12, bob, model.Mention)
	forged.Text, forged.Edits = "bob's words", []uint64{10}
	s.Put(Batch{Posts: []model.Post{theirs}, Users: []model.User{ann, bob}})
	added, _ := s.Put(Batch{Posts: []model.Post{forged}})
	if len(added) != 1 {
		t.Errorf("the forged record was not stored as its own post: %+v", added)
	}
	if got, _, _ := s.Post(10); got.Text != "ann's own words" || got.AuthorID != ann.ID || got.Edited() {
		t.Errorf("ann's post = %+v", got)
	}
	if got, _, _ := s.Post(12); got.Text != "bob's words" {
		t.Errorf("bob's post = %+v", got)
	}
}
