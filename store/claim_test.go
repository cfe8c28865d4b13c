package store

import (
	"errors"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// A live sender's claim is its own: another sender of the same open is
// refused, the next open (the next hark, after a crash) takes it over,
// and a released claim is anyone's.
func TestAClaimIsExclusiveUntilItsHarkIsGone(t *testing.T) {
	s := openTemp(t)
	now := time.Now()
	items, err := s.Enqueue(Item{ConversationID: 1, InReplyTo: 1, Text: "a"}, Item{ConversationID: 2, InReplyTo: 2, Text: "b"})
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.NewClaimer(), s.NewClaimer()
	if _, err := s.Claim(items[0].ID, a, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(items[0].ID, b, now); !errors.Is(err, ErrClaimed) {
		t.Fatalf("a second live sender's claim: %v, want ErrClaimed", err)
	}
	if _, err := s.Claim(items[0].ID, a, now); err != nil {
		t.Errorf("its own claimer claims it again (after a look-up found nothing): %v", err)
	}
	for name, change := range map[string]func() error{
		"fail":     func() error { _, err := s.Fail(items[0].ID, b, "x"); return err },
		"requeue":  func() error { _, err := s.Requeue(items[0].ID, b, now, "x"); return err },
		"unsure":   func() error { _, err := s.Unsure(items[0].ID, b, now, "x"); return err },
		"markSent": func() error { _, err := s.MarkSent(items[0].ID, b, post(9, 1, shop, model.Reply)); return err },
	} {
		if err := change(); !errors.Is(err, ErrClaimed) {
			t.Errorf("%s by another sender: %v, want ErrClaimed", name, err)
		}
	}
	it, _, _ := s.Item(items[0].ID)
	if !s.HeldElsewhere(it, b) || s.HeldElsewhere(it, a) {
		t.Errorf("HeldElsewhere: by b %v, by a %v", s.HeldElsewhere(it, b), s.HeldElsewhere(it, a))
	}

	if _, err := s.Claim(items[1].ID, b, now); err != nil {
		t.Fatal(err)
	}
	if err := s.Release(b); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(items[1].ID, a, now); err != nil {
		t.Errorf("a released claim: %v", err)
	}

	path := s.Path()
	s.Close()
	next, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	if _, err := next.Claim(items[0].ID, next.NewClaimer(), now); err != nil {
		t.Errorf("the next hark takes over a gone hark's claim: %v", err)
	}
}
