package store

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

func status(t *testing.T, s *Store, id uint64) Conversation {
	t.Helper()
	c, found, err := s.Conversation(id)
	if err != nil || !found {
		t.Fatalf("conversation %d: %v, found %v", id, err, found)
	}
	return c
}

func viewIDs(t *testing.T, s *Store, v View) []uint64 {
	t.Helper()
	rows, err := s.Inbox(v, InboxKey{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []uint64
	for _, r := range rows {
		out = append(out, r.Conversation.ID)
	}
	return out
}

func TestStatusFollowsWhoSpokeLast(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention)}})
	if c := status(t, s, 10); c.Status != StatusOpen {
		t.Fatalf("new mention: %s", c.Status)
	}
	s.Put(Batch{Posts: []model.Post{post(11, 10, shop, model.Reply)}})
	if c := status(t, s, 10); c.Status != StatusWaiting {
		t.Errorf("after our reply: %s", c.Status)
	}
	s.Put(Batch{Posts: []model.Post{post(12, 10, ann, model.Mention)}})
	if c := status(t, s, 10); c.Status != StatusOpen {
		t.Errorf("customer wrote again: %s", c.Status)
	}
	s.SetStatus([]uint64{10}, StatusDone, "")
	s.Put(Batch{Posts: []model.Post{post(13, 10, ann, model.Mention)}})
	if c := status(t, s, 10); c.Status != StatusOpen {
		t.Errorf("done, then the customer wrote: %s", c.Status)
	}
	// An older post arriving late changes nothing.
	s.Put(Batch{Posts: []model.Post{post(9, 10, shop, model.Reply)}})
	if c := status(t, s, 10); c.Status != StatusOpen {
		t.Errorf("a late older reply moved it to %s", c.Status)
	}
	// Done said by the owner stays when the shop's own reply goes out
	// after it (it waited in the outbox).
	s.SetStatus([]uint64{10}, StatusDone, "")
	s.Put(Batch{Posts: []model.Post{post(14, 10, shop, model.Reply)}})
	if c := status(t, s, 10); c.Status != StatusDone {
		t.Errorf("our reply after done moved it to %s", c.Status)
	}
}

func TestViewsAndCounts(t *testing.T) {
	s := openTemp(t)
	question := post(20, 20, ann, model.Mention)
	question.Text = "where is my order?"
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), question, post(30, 30, ann, model.Mention), post(31, 30, shop, model.Reply)}})
	s.SetStatus([]uint64{10}, StatusDone, "") // done also reads it
	s.MarkRead(30)
	want := map[View][]uint64{
		ViewInbox: {20}, ViewQuestions: {20}, ViewUnread: {20}, ViewWaiting: {30},
		ViewSnoozed: nil, ViewDone: {10}, ViewAll: {30, 20, 10},
	}
	counts, _ := s.Counts()
	for v, ids := range want {
		if got := viewIDs(t, s, v); !slices.Equal(got, ids) {
			t.Errorf("%s = %v, want %v", v, got, ids)
		}
		if counts.ByView[v] != len(ids) {
			t.Errorf("count of %s = %d, want %d", v, counts.ByView[v], len(ids))
		}
	}
}

func TestSnoozeWakesOnTimeAndOnTop(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(11, 11, ann, model.Mention)}})
	clock := t0.Add(24 * time.Hour)
	s.Snooze([]uint64{10}, clock.Add(time.Hour))
	if got := viewIDs(t, s, ViewInbox); !slices.Equal(got, []uint64{11}) {
		t.Fatalf("inbox while snoozed = %v", got)
	}
	if got := viewIDs(t, s, ViewSnoozed); !slices.Equal(got, []uint64{10}) {
		t.Errorf("snoozed view = %v", got)
	}
	if woken, _ := s.WakeDue(clock.Add(59 * time.Minute)); len(woken) != 0 {
		t.Errorf("woke early: %v", woken)
	}
	woken, _ := s.WakeDue(clock.Add(time.Hour))
	if !slices.Equal(woken, []uint64{10}) {
		t.Fatalf("woken = %v", woken)
	}
	if got := viewIDs(t, s, ViewInbox); !slices.Equal(got, []uint64{10, 11}) {
		t.Errorf("inbox after waking = %v, want the woken one on top", got)
	}
	if c := status(t, s, 10); !c.Woken || c.Snoozed() {
		t.Errorf("woken conversation = %+v", c)
	}
}

func TestCustomerWritingEndsSnooze(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention)}})
	s.Snooze([]uint64{10}, t0.Add(48*time.Hour))
	s.Put(Batch{Posts: []model.Post{post(12, 10, ann, model.Mention)}})
	if c := status(t, s, 10); c.Snoozed() || !c.Woken || c.Status != StatusOpen {
		t.Errorf("after the customer wrote: %+v", c)
	}
	if woken, _ := s.WakeDue(t0.Add(72 * time.Hour)); len(woken) != 0 {
		t.Errorf("the old wake-up still fired: %v", woken)
	}
}

func TestUndoPutsBackEachAction(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(11, 11, ann, model.Mention)}})
	ids := []uint64{10, 11}
	before := []Conversation{status(t, s, 10), status(t, s, 11)}
	countsBefore, _ := s.Counts()
	actions := map[string]func() (Undo, error){
		"done":   func() (Undo, error) { return s.SetStatus(ids, StatusDone, "") },
		"tag":    func() (Undo, error) { return s.Tag(ids, []string{"#Refund", "vip"}, nil) },
		"snooze": func() (Undo, error) { return s.Snooze(ids, t0.Add(time.Hour)) },
		"read":   func() (Undo, error) { return s.ToggleUnread(ids) },
		"note": func() (Undo, error) {
			_, u, err := s.AddNote(10, "promised a call back", t0, "")
			return u, err
		},
	}
	for name, act := range actions {
		u, err := act()
		if err != nil || u.Empty() {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s.Undo(u); err != nil {
			t.Fatalf("undo %s: %v", name, err)
		}
		for i, id := range ids {
			if got := status(t, s, id); !equalConv(got, before[i]) {
				t.Errorf("after undoing %s: %+v, want %+v", name, got, before[i])
			}
		}
		if c, _ := s.Counts(); !equalCounts(c, countsBefore) {
			t.Errorf("after undoing %s: counts %+v, want %+v", name, c, countsBefore)
		}
		if notes, _ := s.Notes(10); len(notes) != 0 {
			t.Errorf("after undoing %s: notes %v", name, notes)
		}
		if tags, _ := s.Tags(); len(tags) != 0 {
			t.Errorf("after undoing %s: tags %v", name, tags)
		}
	}
}

func TestTagsAreNormalised(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(11, 11, ann, model.Mention)}})
	s.Tag([]uint64{10, 11}, []string{"#Refund", "shipping"}, nil)
	s.Tag([]uint64{11}, nil, []string{"shipping"})
	if c := status(t, s, 11); !slices.Equal(c.Tags, []string{"refund"}) {
		t.Errorf("tags = %v", c.Tags)
	}
	if tags, _ := s.Tags(); !slices.Equal(tags, []string{"refund", "shipping"}) {
		t.Errorf("all tags = %v (most used first)", tags)
	}
	if _, err := s.Tag([]uint64{10}, []string{"no spaces"}, nil); err == nil {
		t.Error("a tag with a space was accepted")
	}
}

func TestToggleUnread(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(11, 10, shop, model.Reply)}})
	s.ToggleUnread([]uint64{10})
	if c := status(t, s, 10); c.Unread != 0 {
		t.Errorf("after toggling an unread one: %d unread", c.Unread)
	}
	s.ToggleUnread([]uint64{10})
	if c := status(t, s, 10); c.Unread != 1 {
		t.Errorf("after toggling a read one: %d unread", c.Unread)
	}
}

func TestCustomerFile(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Users: []model.User{ann}, Posts: []model.Post{
		post(10, 10, ann, model.Mention), post(40, 10, shop, model.Reply), // answered in 30 minutes
		post(100, 100, ann, model.Mention), post(110, 100, shop, model.Reply), // in 10
		post(200, 200, ann, model.Mention), // not yet
	}})
	s.AddPersonNote(ann.ID, "prefers DMs", t0, "")
	f, err := s.Customer(ann.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.User.Username != "ann" || len(f.Conversations) != 3 || f.Conversations[0].Conversation.ID != 200 || f.Answered != 2 ||
		f.MedianFirstResponse != 20*time.Minute || !f.FirstSeen.Equal(t0.Add(10*time.Minute)) || len(f.Notes) != 1 {
		t.Errorf("customer file = %+v", f)
	}
}

// TestMigrationFromSchema1 opens a file written by the first hark.
func TestMigrationFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	type v1conv struct {
		ID, LastPostID, CustomerID uint64
		LastAt                     time.Time
		Posts, Unread              int
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := map[string]*bolt.Bucket{}
		for _, name := range []string{"meta", "posts", "users", "convs", "conv_posts", "activity", "cursors"} {
			b[name], _ = tx.CreateBucket([]byte(name))
		}
		putUint(b["meta"], "schema", 1)
		putUint(b["meta"], "conversations", 2)
		putUint(b["meta"], "unread", 1)
		posts := []model.Post{post(10, 10, ann, model.Mention), post(11, 10, ann, model.Mention), post(20, 20, ann, model.Mention), post(21, 20, shop, model.Reply)}
		posts[1].Text = "any news?"
		for _, p := range posts {
			raw, _ := json.Marshal(p)
			b["posts"].Put(idKey(p.ID), raw)
			b["conv_posts"].Put(pairKey(p.ConversationID, p.ID), nil)
		}
		for _, c := range []v1conv{{ID: 10, LastPostID: 11, CustomerID: ann.ID, Posts: 2, Unread: 1}, {ID: 20, LastPostID: 21, CustomerID: ann.ID, Posts: 2}} {
			raw, _ := json.Marshal(map[string]any{"id": c.ID, "last_post_id": c.LastPostID, "customer_id": c.CustomerID, "posts": c.Posts, "unread": c.Unread, "last_at": c.LastAt})
			b["convs"].Put(idKey(c.ID), raw)
			b["activity"].Put(pairKey(c.LastPostID, c.ID), nil)
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := viewIDs(t, s, ViewInbox); !slices.Equal(got, []uint64{10}) {
		t.Errorf("inbox = %v", got)
	}
	if got := viewIDs(t, s, ViewWaiting); !slices.Equal(got, []uint64{20}) {
		t.Errorf("waiting = %v", got)
	}
	if got := viewIDs(t, s, ViewQuestions); !slices.Equal(got, []uint64{10}) {
		t.Errorf("questions = %v", got)
	}
	counts, _ := s.Counts()
	if counts.Unread != 1 || counts.ByView[ViewAll] != 2 {
		t.Errorf("counts = %+v", counts)
	}
	s.ToggleUnread([]uint64{10})
	if c := status(t, s, 10); c.Unread != 0 {
		t.Errorf("the migrated unread post could not be read: %+v", c)
	}
	if f, _ := s.Customer(ann.ID); len(f.Conversations) != 2 {
		t.Errorf("the migrated customer file has %d conversations", len(f.Conversations))
	}
}

func equalConv(a, b Conversation) bool {
	a.Tags, b.Tags = slices.Clip(a.Tags), slices.Clip(b.Tags)
	return a.ID == b.ID && a.Status == b.Status && a.Unread == b.Unread && a.SortKey == b.SortKey &&
		a.SnoozeUntil.Equal(b.SnoozeUntil) && a.Woken == b.Woken && slices.Equal(a.Tags, b.Tags)
}

func equalCounts(a, b Counts) bool {
	for _, v := range Views {
		if a.ByView[v] != b.ByView[v] {
			return false
		}
	}
	return a.Unread == b.Unread
}

func TestASnoozeTheStoreCannotKeepIsRefused(t *testing.T) {
	s := openTemp(t)
	for _, until := range []time.Time{time.Date(2300, 1, 1, 9, 0, 0, 0, time.UTC), time.Date(1960, 1, 1, 9, 0, 0, 0, time.UTC)} {
		if _, err := s.Snooze([]uint64{1}, until); err == nil || !strings.Contains(err.Error(), "2262") {
			t.Errorf("snooze until %v: %v", until, err)
		}
	}
}

// TestHeardPostsWaitInTheirOwnView: a post found by a search that does
// not mention the shop starts a conversation in the Heard view, not the
// inbox; later heard posts leave its status alone, a mention opens it.
func TestHeardPostsWaitInTheirOwnView(t *testing.T) {
	s := openTemp(t)
	heard := post(10, 10, ann, model.Heard)
	s.Put(Batch{Posts: []model.Post{heard}})
	if c := status(t, s, 10); c.Status != StatusHeard || !slices.Equal(viewIDs(t, s, ViewHeard), []uint64{10}) || len(viewIDs(t, s, ViewInbox)) != 0 {
		t.Fatalf("a heard post: %+v, heard %v, inbox %v", c, viewIDs(t, s, ViewHeard), viewIDs(t, s, ViewInbox))
	}
	counts, _ := s.Counts()
	if counts.ByView[ViewHeard] != 1 || counts.ByView[ViewInbox] != 0 {
		t.Errorf("counts: %+v", counts.ByView)
	}
	s.SetStatus([]uint64{10}, StatusDone, "") // dismissed
	s.Put(Batch{Posts: []model.Post{post(11, 10, ann, model.Heard)}})
	if c := status(t, s, 10); c.Status != StatusDone {
		t.Errorf("a later heard post reopened a dismissed one: %s", c.Status)
	}
	s.Put(Batch{Posts: []model.Post{post(12, 10, ann, model.Mention)}})
	if c := status(t, s, 10); c.Status != StatusOpen {
		t.Errorf("a mention did not open it: %s", c.Status)
	}
}

// TestALateReadReplyLeavesTheOwnersStatusBe: the shop's reply from X's
// app, read late (the first read of its timeline) and older than the
// status the owner set by hand, leaves that status; a newer one moves
// the conversation to waiting as ever.
func TestALateReadReplyLeavesTheOwnersStatusBe(t *testing.T) {
	s := openTemp(t)
	now := time.Now().UTC()
	at := func(ago time.Duration, seq uint64, who model.User, k model.Kind) model.Post {
		id := model.SnowflakeID(now.Add(-ago), seq)
		return model.Post{ID: id, ConversationID: model.SnowflakeID(now.Add(-3*time.Hour), 1), AuthorID: who.ID, Kind: k, CreatedAt: now.Add(-ago)}
	}
	first := at(3*time.Hour, 1, ann, model.Mention)
	s.Put(Batch{Posts: []model.Post{first}})
	s.SetStatus([]uint64{first.ConversationID}, StatusOpen, "") // the owner: this still needs us
	s.Put(Batch{Posts: []model.Post{at(2*time.Hour, 2, shop, model.Reply)}})
	if c := status(t, s, first.ConversationID); c.Status != StatusOpen {
		t.Errorf("a reply older than the owner's word moved it to %s", c.Status)
	}
	s.Put(Batch{Posts: []model.Post{{ID: model.SnowflakeID(now.Add(time.Second), 3), ConversationID: first.ConversationID, AuthorID: shop.ID, Kind: model.Reply, CreatedAt: now.Add(time.Second)}}})
	if c := status(t, s, first.ConversationID); c.Status != StatusWaiting {
		t.Errorf("a reply after the owner's word left it %s", c.Status)
	}
}

// TestTagEditsReadsPlusMinusAndBare: one reading of tag words for the
// TUI's t and hark tag.
func TestTagEditsReadsPlusMinusAndBare(t *testing.T) {
	add, remove := TagEdits([]string{"+refund", "-shipping", "vip", "-", "+"})
	if !slices.Equal(add, []string{"refund", "vip", ""}) || !slices.Equal(remove, []string{"shipping", ""}) {
		t.Errorf("add %q, remove %q", add, remove)
	}
}
