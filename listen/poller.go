// Package listen moves posts from X into the store: a backfill on the first
// run, then a poll on an interval that respects X's limits. It never
// stores a post twice and never loses one, across restarts and failures.
package listen

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// MentionsSource names the mentions cursor in the store.
const MentionsSource = model.MentionsSource

// DefaultInterval is the pause between polls (config's poll_interval
// default).
const DefaultInterval = config.DefaultPollInterval

// DefaultMaxPages is how many pages one sync reads at most: 5,000 posts,
// far more than the 800 mentions X keeps reachable.
const DefaultMaxPages = 50

// minWait is the least a poll waits after a 429, even when the reset X
// gave has passed already (a clock ahead of X's).
const minWait = time.Second

// Options configure a Poller.
type Options struct {
	// Interval is the pause between successful polls; DefaultInterval if 0.
	Interval time.Duration
	// Events receives what happens; nil discards it.
	Events chan<- Event
	// Sleep waits for d or until ctx ends; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now tells the time; time.Now if nil.
	Now func() time.Time
	// MaxPages bounds the pages one sync reads; DefaultMaxPages if 0.
	MaxPages int
	// Log receives the records X sent that could not be read; nil
	// discards them.
	Log *slog.Logger
	// Searches are the saved X searches, each a source of its own.
	Searches []config.Search
	// Backfill is the most posts a search's first read takes, and DM
	// events the first DM read takes; config.DefaultBackfill if 0.
	Backfill int
	// DMInterval is the pause between DM reads (GET /2/dm_events, which
	// re-reads its first page each time: see syncDMs); 0 reads no DMs.
	DMInterval time.Duration
	// Budget is the month's budget, priced by Prices: at WarnShare of it
	// the sync says so, past it reading stops. 0 is none.
	Budget spend.Budget
	Prices spend.Prices
	// AccountName names the poller's account when it is not the
	// database's own: its cursors, sources' state and spend are then
	// named "@NAME:mentions" and the like, apart from the other
	// accounts'. "" for the database's own account.
	AccountName string
	// Ours are the shop's other accounts: their posts are the shop's
	// (replies), not mentions, whichever account reads them.
	Ours []uint64
	// OwnBackfill, when set, has the poller read the account's own posts
	// (the replies it made anywhere: X's app, another tool, hark on
	// another machine) each sync, the first read going back this far; 0
	// reads none.
	OwnBackfill time.Duration
	// PeopleRefresh is how long a person read from X is kept before they
	// are read again; DefaultPeopleRefresh if 0.
	PeopleRefresh time.Duration
	// ContextDepth is how many levels up a thread the posts a mention
	// answers are read, when X did not send them; 0 reads none (see
	// ancestors).
	ContextDepth int
}

// scoped is a cursor's or source's name for the poller's account.
func (p *Poller) scoped(name string) string { return p.sourcePrefix() + name }

// sourcePrefix starts the names of the account's sources: "" for the
// database's own account, "@NAME:" for another.
func (p *Poller) sourcePrefix() string {
	if p.opts.AccountName == "" {
		return ""
	}
	return "@" + p.opts.AccountName + ":"
}

// Poller syncs one account's mentions.
type Poller struct {
	client  network.Client
	store   *store.Store
	account model.User
	opts    Options
	// failures counts failed syncs in a row, for network.Backoff.
	failures int
	// refused are the searches X refused, by name, with X's words: they
	// are not polled again until hark restarts (with a new query).
	refused map[string]string
	// dmDue is when the DMs are next read; dmRefused, when X refused
	// the app's DM reads, why (they stop until hark restarts).
	dmDue     time.Time
	dmRefused string
	// restUntil is, by source group, when a rate-limited one reads again.
	restUntil map[string]time.Time
	// wake ends a rest early (Wake); pushed are the sources a healthy
	// push covers (Live).
	wake   chan struct{}
	pushed pushCover
}

// New returns a poller for account.
func New(client network.Client, st *store.Store, account model.User, opts Options) *Poller {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.MaxPages <= 0 {
		opts.MaxPages = DefaultMaxPages
	}
	if opts.Backfill <= 0 {
		opts.Backfill = config.DefaultBackfill // config's default, for a caller that gives none
	}
	return &Poller{client: client, store: st, account: account, opts: opts, refused: map[string]string{}, restUntil: map[string]time.Time{}, wake: make(chan struct{}, 1)}
}

// Run syncs until ctx ends or X refuses the credentials (then it returns
// an error wrapping network.ErrUnauthorized). After a 429 it waits for the
// window's reset; after a 5xx or network failure it backs off
// exponentially with jitter.
func (p *Poller) Run(ctx context.Context) error {
	var last time.Time
	for {
		p.emit(ctx, State{Phase: Syncing, LastSync: last})
		res, err := p.SyncOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		state := p.after(err, last)
		state.Note = res.Note()
		if state.Phase == Idle {
			last = p.opts.Now()
			state.LastSync = last
		}
		p.emit(ctx, state)
		if state.Phase == Stopped {
			return err
		}
		if p.rest(ctx, state.Next.Sub(p.opts.Now())) != nil {
			return nil
		}
	}
}

// after decides what follows a sync that ended with err.
func (p *Poller) after(err error, last time.Time) State {
	now := p.opts.Now()
	if err == nil {
		p.failures = 0
		return State{Phase: Idle, Next: now.Add(p.opts.Interval)}
	}
	if errors.Is(err, ErrBudgetSpent) {
		return State{Phase: Paused, Next: now.Add(p.opts.Interval), Err: err, LastSync: last}
	}
	if errors.Is(err, network.ErrUnauthorized) || errors.Is(err, network.ErrOutOfCredits) || errors.Is(err, network.ErrUsageCapped) {
		return State{Phase: Stopped, Err: err, LastSync: last} // waiting cannot fix these
	}
	if retryAt, ok := network.IsRateLimited(err); ok {
		return State{Phase: RateLimited, Next: later(retryAt, now.Add(minWait)), Err: err, LastSync: last}
	}
	p.failures++
	return State{Phase: Offline, Next: now.Add(network.Backoff(p.failures, rand.Float64)), Err: err, LastSync: last}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// emit sends an event unless nobody listens or ctx ends first.
func (p *Poller) emit(ctx context.Context, e Event) {
	if p.opts.Events == nil {
		return
	}
	select {
	case p.opts.Events <- e:
	case <-ctx.Done():
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// title is the name of the account's network, as a person says it
// ("X"), for what the poller tells the owner.
func (p *Poller) title() string { return network.TitleOf(p.account.Network()) }
