package listen

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/network"
)

// lasting is how long a push connection must have lived for its end to
// count as a new failure's first, not the next of a series.
const lasting = time.Minute

// LiveOptions are what Live follows.
type LiveOptions struct {
	// Sources are the sources to have pushed (MentionsSource, OwnSource,
	// DMSource).
	Sources []string
	// SafetyPoll is how often they are polled while the push is healthy
	// (the net under a push that may lose an event);
	// config.DefaultSafetyPoll when zero.
	SafetyPoll time.Duration
	// Others are the pollers of the team's other accounts: their events
	// come on the same connection (one an app), each is followed through
	// its own client, and each pushed page goes to the poller of the
	// account it is for.
	Others []*Poller
}

// LiveState says whether the push is up: since when, or why not and when
// it is tried again.
type LiveState struct {
	Live  bool
	Since time.Time
	Err   error
	Next  time.Time
	// Off says the owner turned the push off (hark live off).
	Off bool
}

func (LiveState) event() {}

// pushCover is which sources a healthy push covers, and when each is
// next polled all the same.
type pushCover struct {
	mu     sync.Mutex
	due    map[string]time.Time
	safety time.Duration
	// state is the push's latest; last when it last brought a page;
	// held says Live runs.
	state LiveState
	last  time.Time
	held  bool
}

// Live holds the push for the poller's account until ctx ends: it asks
// the network to push o.Sources, connects, and at each connection wakes
// the poller to read every source once (what the push missed while
// down); while connected, those sources are polled only every
// SafetyPoll; when the push fails it says why (LiveState), the sources
// are polled as before, and it connects again after a backoff with
// jitter, never in a tight loop. It returns nil when ctx ends.
func (p *Poller) Live(ctx context.Context, pusher network.Pusher, o LiveOptions) error {
	if o.SafetyPoll <= 0 {
		o.SafetyPoll = config.DefaultSafetyPoll
	}
	p.setLive(ctx, LiveState{})
	failures := 0
	for {
		began := p.opts.Now()
		err := p.followAll(ctx, pusher, o)
		if err == nil {
			err = pusher.Push(ctx, func() { p.connected(ctx, o) }, func(pushed network.Pushed) {
				p.pushed.mu.Lock()
				p.pushed.last = p.opts.Now()
				p.pushed.mu.Unlock()
				if _, err := p.route(pushed, o.Others).StorePushed(ctx, pushed); err != nil {
					p.opts.Log.Warn("a pushed page was not stored: the next poll reads it", "err", err)
				}
			})
		}
		for _, q := range append([]*Poller{p}, o.Others...) {
			q.cover(nil, 0)
		}
		if ctx.Err() != nil {
			return nil
		}
		if p.opts.Now().Sub(began) >= lasting {
			failures = 0
		}
		failures++
		wait := network.Backoff(failures, rand.Float64)
		if retryAt, limited := network.IsRateLimited(err); limited {
			wait = max(wait, retryAt.Sub(p.opts.Now()))
		}
		next := p.opts.Now().Add(wait)
		p.opts.Log.Warn("the push is down: polling as before", "network", p.title(), "err", err, "retry", next)
		p.setLive(ctx, LiveState{Err: err, Next: next})
		if p.opts.Sleep(ctx, wait) != nil {
			return nil
		}
	}
}

// connected is a push connection made: its sources are due now (the
// poll that fills the gap), then every SafetyPoll; the poller wakes.
func (p *Poller) connected(ctx context.Context, o LiveOptions) {
	for _, q := range append([]*Poller{p}, o.Others...) {
		q.cover(o.Sources, o.SafetyPoll)
		q.Wake()
	}
	p.setLive(ctx, LiveState{Live: true, Since: p.opts.Now()})
}

// followAll asks the network to push o.Sources of the poller's account
// and of each other account whose client pushes, each through its own
// client (a subscription is the user's to make).
func (p *Poller) followAll(ctx context.Context, pusher network.Pusher, o LiveOptions) error {
	if err := pusher.Follow(ctx, p.account.ID, o.Sources); err != nil {
		return err
	}
	for _, q := range o.Others {
		if qp, ok := q.client.(network.Pusher); ok {
			if err := qp.Follow(ctx, q.account.ID, o.Sources); err != nil {
				return err
			}
		}
	}
	return nil
}

// route is the poller of the account a pushed page is for: p when the
// network did not say, or when no account of the team is it (StorePushed
// then leaves it alone).
func (p *Poller) route(pushed network.Pushed, others []*Poller) *Poller {
	for _, q := range others {
		if pushed.Account == q.account.ID {
			return q
		}
	}
	return p
}

// setLive records the push's state and tells it.
func (p *Poller) setLive(ctx context.Context, s LiveState) {
	p.pushed.mu.Lock()
	p.pushed.state, p.pushed.held = s, true
	p.pushed.mu.Unlock()
	if s.Live || s.Err != nil {
		p.emit(ctx, s)
	}
}

// TurnedOff tells that the owner turned the push off, once Live has
// returned: the poller holds no push any more.
func (p *Poller) TurnedOff(ctx context.Context) {
	s := LiveState{Off: true}
	p.pushed.mu.Lock()
	p.pushed.state, p.pushed.held = s, false
	p.pushed.mu.Unlock()
	p.emit(ctx, s)
}

// LiveStatus is the push's latest state and when it last brought a page;
// held is false when no push is held (Live does not run).
func (p *Poller) LiveStatus() (state LiveState, last time.Time, held bool) {
	p.pushed.mu.Lock()
	defer p.pushed.mu.Unlock()
	return p.pushed.state, p.pushed.last, p.pushed.held
}

// cover says which sources a healthy push covers, due now; nil: none
// (the push is down).
func (p *Poller) cover(sources []string, safety time.Duration) {
	p.pushed.mu.Lock()
	defer p.pushed.mu.Unlock()
	p.pushed.due, p.pushed.safety = nil, safety
	if len(sources) > 0 {
		p.pushed.due = map[string]time.Time{}
		for _, s := range sources {
			p.pushed.due[s] = time.Time{}
		}
	}
}

// pushCovers reports whether source is covered by a healthy push: then
// due says whether this sync polls it all the same (and, if so, when it
// is next due).
func (p *Poller) pushCovers(source string) (covered, due bool) {
	p.pushed.mu.Lock()
	defer p.pushed.mu.Unlock()
	next, covered := p.pushed.due[source]
	if !covered {
		return false, false
	}
	now := p.opts.Now()
	if now.Before(next) {
		return true, false
	}
	p.pushed.due[source] = now.Add(p.pushed.safety)
	return true, true
}

// Wake makes a sleeping poller sync now (a push connection was made: what
// it missed is to be read).
func (p *Poller) Wake() {
	select {
	case p.wake <- struct{}{}:
	default: // a wake is pending already
	}
}

// rest sleeps until d has passed, ctx ends or Wake is called; it returns
// ctx's error.
func (p *Poller) rest(ctx context.Context, d time.Duration) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-p.wake:
			cancel()
		case <-wctx.Done():
		}
	}()
	if err := p.opts.Sleep(wctx, d); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}
