package app

import (
	"log/slog"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
)

// Settings are what the runtime's workers read: the config, where its
// hooks live and where they log.
type Settings struct {
	Config *config.Config
	Hooks  hooks.Dir
	Log    *slog.Logger
}

// log is the settings' logger, or one that discards.
func (s Settings) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// listenOptions are a poller's settings from the config.
func (s Settings) listenOptions(interval time.Duration, events chan<- listen.Event) listen.Options {
	c := s.Config
	return listen.Options{
		Interval:      interval,
		Events:        events,
		Log:           s.log(),
		MaxPages:      c.MaxPages,
		Searches:      c.Searches,
		Backfill:      c.Backfill,
		OwnBackfill:   c.OwnBackfill,
		ContextDepth:  c.ContextDepth,
		PeopleRefresh: c.PeopleRefresh,
		DMInterval:    c.DMInterval,
		Budget:        c.Budget,
		Prices:        c.Prices,
	}
}

// Pollers are a poller for each account: the first reads the config's
// searches too, the others their mentions, DMs and own searches under
// their own names.
func (s Settings) Pollers(st *store.Store, t Team, interval time.Duration, events chan<- listen.Event) []*listen.Poller {
	var out []*listen.Poller
	for i, a := range t {
		opts := s.listenOptions(interval, events)
		opts.Ours = t.Others(a)
		if i > 0 {
			opts.AccountName, opts.Searches = a.User.Username, a.Searches
		}
		out = append(out, listen.New(a.Client, st, a.User, opts))
	}
	return out
}

// senders are an outbox sender for each account, each asking the
// pre-send hook.
func (s Settings) senders(st *store.Store, t Team, events chan<- outbox.Event) []*outbox.Sender {
	var out []*outbox.Sender
	for i, a := range t {
		out = append(out, outbox.New(a.Client, st, a.User, outbox.Options{Events: events, Secondary: i > 0, CheckSend: s.Hooks.CheckSend}))
	}
	return out
}

// Feeder hands the post-new hook what is stored, telling failed of its
// failures (nil: it works again); nil without the hook.
func (s Settings) Feeder(st *store.Store, failed func(error)) *hooks.Feeder {
	if !s.Hooks.Present(hooks.PostNew) { // not executable: told, its posts kept for it
		return nil
	}
	return &hooks.Feeder{Dir: s.Hooks, Store: st, Log: s.log(), Failed: failed}
}
