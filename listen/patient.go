package listen

import (
	"context"
	"time"

	"github.com/harkhq/hark/network"
)

// Patience is what SyncPatiently rides out.
type Patience struct {
	// MaxRateWait is the longest rate-limit reset waited for; with 0 a
	// 429 fails at once.
	MaxRateWait time.Duration
	// RetryFor is how long 5xx answers and network failures are retried,
	// with backoff, counted from the first of them.
	RetryFor time.Duration
}

// DefaultPatience waits out a rate limit of up to 15 minutes (X's window)
// and a minute of failures.
var DefaultPatience = Patience{MaxRateWait: 15 * time.Minute, RetryFor: time.Minute}

// SyncPatiently is SyncOnce for a job that runs once (`hark sync --once`
// from cron): it waits for a rate-limit reset within pat.MaxRateWait and
// retries what is transient for pat.RetryFor, telling its listener each
// wait as a State, and only then fails. What to do after a failure is
// the poller's own decision (after); refused credentials, and any
// refusal in X's words, fail at once.
func (p *Poller) SyncPatiently(ctx context.Context, pat Patience) (Result, error) {
	var total Result
	var failingSince time.Time
	for {
		res, err := p.SyncOnce(ctx)
		total.Add(res)
		if err == nil || ctx.Err() != nil {
			return total, err
		}
		now := p.opts.Now()
		state := p.after(err, time.Time{})
		if state.Phase == Offline && failingSince.IsZero() {
			failingSince = now
		}
		if !pat.rides(state, failingSince, now) {
			return total, err
		}
		p.emit(ctx, state)
		if p.opts.Sleep(ctx, state.Next.Sub(now)) != nil {
			return total, err
		}
	}
}

// rides reports whether the wait a failed sync's state asks for is one
// to ride out.
func (pat Patience) rides(state State, failingSince, now time.Time) bool {
	switch state.Phase {
	case RateLimited:
		return state.Next.Sub(now) <= pat.MaxRateWait
	case Offline:
		return network.IsTransient(state.Err) && state.Next.Sub(failingSince) <= pat.RetryFor
	}
	return false
}
