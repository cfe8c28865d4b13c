package presence

import (
	"testing"
	"time"
)

// TestClaimsFollowSessions: a claim shows to the others, not as one's
// own; it ends with Release, with its session, or when not renewed for
// ClaimLife; a notice reaches the person's other sessions only.
func TestClaimsFollowSessions(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	b := New(func() time.Time { return now })
	ann, bo, ann2 := b.Join("ann"), b.Join("bo"), b.Join("ann")
	if others := ann.Claim(10); len(others) != 0 {
		t.Fatalf("the first claim found %v", others)
	}
	if others := bo.Claim(10); len(others) != 1 || others[0] != "ann" {
		t.Fatalf("bo's claim found %v, want ann's", others)
	}
	if others := ann2.Claim(10); len(others) != 1 || others[0] != "bo" {
		t.Errorf("ann's second session found %v, want bo's alone (her own is not another's)", others)
	}
	if got := (<-bo.Board).Others(10, "bo"); len(got) != 1 || got[0] != "ann" {
		t.Errorf("bo's board: %v", got)
	}
	bo.Release(10)
	ann2.Close()
	if got := b.Snapshot()[10]; len(got) != 1 || got[0].Person != "ann" {
		t.Fatalf("after bo's release and ann's second session closed: %v", got)
	}
	now = now.Add(ClaimLife / 2)
	ann.Claim(10) // renewed
	now = now.Add(ClaimLife / 2).Add(time.Second)
	b.Expire()
	if len(b.Snapshot()[10]) != 1 {
		t.Fatal("a renewed claim expired")
	}
	now = now.Add(ClaimLife)
	b.Expire()
	if len(b.Snapshot()) != 0 {
		t.Fatalf("a claim not renewed for %s is kept: %v", ClaimLife, b.Snapshot())
	}
	other := b.Join("ann")
	bo.Tell("ann", "bo queued a reply too")
	for _, s := range []*Session{ann, other} {
		select {
		case n := <-s.Notices:
			if n != "bo queued a reply too" {
				t.Errorf("notice %q", n)
			}
		default:
			t.Error("a session of ann's was not told")
		}
	}
	select {
	case n := <-bo.Notices:
		t.Errorf("the teller was told %q", n)
	default:
	}
	bo.Close()
	if _, ok := <-bo.Board; ok {
		for range bo.Board {
		}
	}
	bo.Close() // twice is nothing
}
