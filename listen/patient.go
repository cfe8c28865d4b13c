package listen

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/harkhq/hark/twitter"
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
// wait as a State, and only then fails. Refused credentials, and any
// refusal in X's words, fail at once.
func (p *Poller) SyncPatiently(ctx context.Context, pat Patience) (Result, error) {
	var total Result
	var failingSince time.Time
	for failures := 1; ; {
		res, err := p.SyncOnce(ctx)
		total.add(res)
		if err == nil || ctx.Err() != nil {
			return total, err
		}
		now := p.opts.Now()
		state := State{Err: err}
		if retryAt, limited := twitter.IsRateLimited(err); limited {
			if retryAt.Sub(now) > pat.MaxRateWait {
				return total, err
			}
			state.Phase, state.Next = RateLimited, later(retryAt, now.Add(minWait))
		} else {
			if !twitter.IsTransient(err) {
				return total, err
			}
			if failingSince.IsZero() {
				failingSince = now
			}
			state.Phase, state.Next = Offline, now.Add(twitter.Backoff(failures, rand.Float64))
			failures++
			if state.Next.Sub(failingSince) > pat.RetryFor {
				return total, err
			}
		}
		p.emit(ctx, state)
		if p.opts.Sleep(ctx, state.Next.Sub(now)) != nil {
			return total, err
		}
	}
}
