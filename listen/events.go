package listen

import (
	"time"

	"github.com/harkhq/hark/model"
)

// Event is what the poller tells its listener (the TUI).
type Event interface{ event() }

// Arrived carries the posts a sync stored for the first time.
type Arrived struct{ Posts []model.Post }

// Phase is what the poller is doing.
type Phase int

// The poller's phases.
const (
	Syncing     Phase = iota // asking X for new posts
	Idle                     // waiting for the next poll
	RateLimited              // X said 429; waiting for the window to reset
	Offline                  // X or the network failed; backing off
	Stopped                  // X refused the credentials; nothing more will happen
	Paused                   // the month's budget is spent: no reading, checked again each interval
)

// State reports the poller's phase, with when it will next act.
type State struct {
	Phase Phase
	// Next is when the poller will next call X (Idle, RateLimited, Offline).
	Next time.Time
	// LastSync is when a sync last completed.
	LastSync time.Time
	// Err is the last failure (RateLimited, Offline, Stopped).
	Err error
	// Note is what the last sync has to say besides: records skipped,
	// paging cut short (see Result.Note).
	Note string
}

// FirstRead says a source is read for the first time, back to Since: for
// the shop's own posts, an existing database gaining the replies made in
// X's app, which can take a while. It is said once, as the read begins.
type FirstRead struct {
	Source string
	Since  time.Time
}

func (Arrived) event()   {}
func (State) event()     {}
func (FirstRead) event() {}
