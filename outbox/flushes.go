package outbox

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/harkhq/hark/store"
)

// outcome is what became of one item in a flush: done (zero next), or
// to be tried at next; limited when X rate-limited its kind.
type outcome struct {
	next    time.Time
	limited bool
}

// waits tracks, during a flush, the conversations and kinds that wait.
type waits struct {
	convs map[uint64]bool
	kinds map[bool]time.Time // by Item.DM: rate-limited until
	next  time.Time
}

// holds reports whether it must wait for an earlier item of its
// conversation or for its kind's rate limit, and if so holds its
// conversation too.
func (w *waits) holds(it store.Item) bool {
	if w.convs[it.ConversationID] {
		return true
	}
	if until, limited := w.kinds[it.DM]; limited {
		w.add(it, outcome{next: until})
		return true
	}
	return false
}

// add notes an item's outcome.
func (w *waits) add(it store.Item, o outcome) {
	if o.next.IsZero() {
		return
	}
	w.convs[it.ConversationID] = true
	if o.limited {
		w.kinds[it.DM] = o.next
	}
	if w.next.IsZero() || o.next.Before(w.next) {
		w.next = o.next
	}
}

// sweeps counts a sender's flushes, begun and ended, so that a caller
// can wait for one that began after it asked (Sweep).
type sweeps struct {
	mu    sync.Mutex
	begun uint64
	ended uint64
	// stopped is set when the sender's Run has ended: no flush comes.
	stopped bool
	// changed is closed, and made anew, when a flush ends.
	changed chan struct{}
}

func (w *sweeps) begin() {
	w.mu.Lock()
	w.begun++
	w.mu.Unlock()
}

func (w *sweeps) end() {
	w.mu.Lock()
	w.ended++
	w.wake()
	w.mu.Unlock()
}

// stop records that no flush will come (Run ended).
func (w *sweeps) stop() {
	w.mu.Lock()
	w.stopped = true
	w.wake()
	w.mu.Unlock()
}

// wake tells the waiting Sweeps that something changed; mu is held.
func (w *sweeps) wake() {
	if w.changed != nil {
		close(w.changed)
		w.changed = nil
	}
}

// after is the number of the first flush to begin from now.
func (w *sweeps) after() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.begun + 1
}

// wait waits until flush number want has ended, or the sender stopped
// (ErrStopped), or ctx ended.
func (w *sweeps) wait(ctx context.Context, want uint64) error {
	for {
		w.mu.Lock()
		switch {
		case w.ended >= want:
			w.mu.Unlock()
			return nil
		case w.stopped:
			w.mu.Unlock()
			return ErrStopped
		}
		if w.changed == nil {
			w.changed = make(chan struct{})
		}
		changed := w.changed
		w.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// ErrStopped is Sweep's answer when the sender has stopped (its hark is
// closing): what was queued goes with the next hark.
var ErrStopped = errors.New("the sender stopped: what is queued goes with the next hark that runs")

// Sweep wakes a running sender and waits until a flush that began after
// the call has ended: what was due then went, or waits for a reason.
// It is how a command hands its items to the sender of the hark that
// holds the database, never sending them itself.
func (s *Sender) Sweep(ctx context.Context) error {
	want := s.sweeps.after()
	s.Kick()
	return s.sweeps.wait(ctx, want)
}
