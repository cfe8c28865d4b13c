package network

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// refusal is an adapter's error that declares every kind.
type refusal struct {
	until                                  time.Time
	limited, transient, arrived, dup, gone bool
	query                                  string
}

func (r refusal) Error() string                       { return "refused" }
func (r refusal) RateLimitedUntil() (time.Time, bool) { return r.until, r.limited }
func (r refusal) Transient() bool                     { return r.transient }
func (r refusal) MayHaveArrived() bool                { return r.arrived }
func (r refusal) Duplicate() bool                     { return r.dup }
func (r refusal) TargetGone() bool                    { return r.gone }
func (r refusal) QueryRefused() (string, bool)        { return r.query, r.query != "" }

// TestKindsAreReadThroughWrapping: the core reads an adapter's error by
// its methods wherever it is wrapped, and an error that declares
// nothing is a failure below the network's answer: transient, and it
// may have arrived.
func TestKindsAreReadThroughWrapping(t *testing.T) {
	at := time.Date(2026, 12, 6, 18, 0, 0, 0, time.UTC)
	wrapped := fmt.Errorf("calling: %w", refusal{until: at, limited: true, dup: true, query: "bad operator"})
	if got, ok := IsRateLimited(wrapped); !ok || !got.Equal(at) {
		t.Errorf("IsRateLimited = %v %v", got, ok)
	}
	if IsTransient(wrapped) || MayHaveArrived(wrapped) || IsTargetGone(wrapped) || !IsDuplicate(wrapped) {
		t.Error("a declared refusal read as another kind")
	}
	if why, ok := IsQueryRefused(wrapped); !ok || why != "bad operator" {
		t.Errorf("IsQueryRefused = %q %v", why, ok)
	}
	below := errors.New("connection reset")
	if !IsTransient(below) || !MayHaveArrived(below) || IsDuplicate(below) || IsTargetGone(below) {
		t.Error("a failure below the answer must be transient and may have arrived")
	}
	if _, ok := IsRateLimited(below); ok {
		t.Error("a connection reset is no rate limit")
	}
	if IsTransient(nil) || MayHaveArrived(nil) {
		t.Error("no error is no failure")
	}
}

// TestBackoffDoublesWithinItsBounds: from 1–2 s after the first failure
// to 2.5–5 min, never past.
func TestBackoffDoublesWithinItsBounds(t *testing.T) {
	low, high := func() float64 { return 0 }, func() float64 { return 0.999999 }
	for n, want := range map[int]time.Duration{1: 2 * time.Second, 2: 4 * time.Second, 5: 32 * time.Second, 9: 5 * time.Minute, 100: 5 * time.Minute} {
		if lo, hi := Backoff(n, low), Backoff(n, high); lo != want/2 || hi > want || hi < want-time.Millisecond {
			t.Errorf("Backoff(%d) in [%v, %v], want [%v, %v]", n, lo, hi, want/2, want)
		}
	}
}
