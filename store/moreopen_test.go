package store

import (
	"encoding/json"
	"testing"

	"github.com/harkhq/hark/model"
)

// TestRowsCountTheCustomersOtherOpenConversations checks "+2" on a row:
// the customer's other open conversations (done ones not counted), and a
// floor, said as one, for a customer with more than a page reads.
func TestRowsCountTheCustomersOtherOpenConversations(t *testing.T) {
	s := openTemp(t)
	bob := model.User{ID: 3, Username: "bob"}
	var posts []model.Post
	for c := uint64(10); c < 14; c++ { // ann: four conversations
		posts = append(posts, post(c, c, ann, model.Mention))
	}
	for c := uint64(100); c < 100+moreOpenLook+3; c++ { // bob: more than a page reads
		posts = append(posts, post(c, c, bob, model.Mention))
	}
	if _, err := s.Put(Batch{Posts: posts, Users: []model.User{ann, bob}}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Inbox(ViewAll, InboxKey{}, 100) // counted before the change: it must not be kept past it
	if err := s.CountOpen(before); err != nil {
		t.Fatal(err)
	}
	for _, r := range before {
		if r.Conversation.CustomerID == ann.ID && r.MoreOpen != 3 {
			t.Fatalf("ann's %d before one is done: %d more open, want 3", r.Conversation.ID, r.MoreOpen)
		}
	}
	if _, err := s.SetStatus([]uint64{13}, StatusDone, ""); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Inbox(ViewAll, InboxKey{}, 100)
	if err == nil {
		err = s.CountOpen(rows)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		c := r.Conversation
		want := 2 // three open, one done: each open one has two more
		if c.ID == 13 {
			want = 3 // the done one: all three are others
		}
		switch {
		case c.CustomerID == ann.ID && (r.MoreOpen != want || r.MoreOpenFloor):
			t.Errorf("ann's %d: %d more open (floor %v), want %d", c.ID, r.MoreOpen, r.MoreOpenFloor, want)
		case c.CustomerID == bob.ID && (r.MoreOpen < moreOpenLook-1 || !r.MoreOpenFloor):
			t.Errorf("bob's %d: %d more open (floor %v), want at least %d, said as a floor", c.ID, r.MoreOpen, r.MoreOpenFloor, moreOpenLook-1)
		}
	}
	file, err := s.Customer(ann.ID)
	if err != nil {
		t.Fatal(err)
	}
	if open := file.Open(); len(open) != 3 {
		t.Errorf("ann's file: %d open, want 3", len(open))
	}
}

// TestOpenRecordAgreesWithTheDecodedStatus: the raw check of a record is
// Conversation.Open, whatever the tags hold.
func TestOpenRecordAgreesWithTheDecodedStatus(t *testing.T) {
	for _, st := range []Status{StatusOpen, StatusWaiting, StatusDone, StatusHeard, StatusOwn} {
		c := Conversation{ID: 1, Status: st, Tags: []string{`"status":"open"`, `x","status":"waiting`}}
		raw, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if openRecord(raw) != c.Open() {
			t.Errorf("%s: the record reads open=%v, decoded %v (%s)", st, openRecord(raw), c.Open(), raw)
		}
	}
}

// TestAHandleMeansOneConversationOrAChoice: the rule the CLI and the
// TUI both read: one open conversation is it, none open is the newest
// post's, several are a choice.
func TestAHandleMeansOneConversationOrAChoice(t *testing.T) {
	for _, c := range []struct {
		open   []uint64
		want   uint64
		wantOK bool
	}{
		{nil, 9, true},
		{[]uint64{5}, 5, true},
		{[]uint64{5, 6}, 0, false},
	} {
		h := Handle{Newest: 9}
		for _, id := range c.open {
			h.Open = append(h.Open, Row{Conversation: Conversation{ID: id}})
		}
		if got, ok := h.Conversation(); got != c.want || ok != c.wantOK {
			t.Errorf("open %v: %d %v, want %d %v", c.open, got, ok, c.want, c.wantOK)
		}
	}
}
