package app

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
)

// Runtime is what a running hark holds (the inbox, or 'hark sync'): the
// database, the shop's accounts, and what works beside them — a poller
// and a sender for each account, the post-new hook's feeder, and the
// socket by which other hark commands run in this one. The commands it
// serves read it to use what it holds instead of opening the database.
type Runtime struct {
	// Store is the database held.
	Store *store.Store
	// Team is the shop's accounts, the database's own first.
	Team Team
	// Settings are what the runtime runs by (the demo sets its own
	// searches and DM interval in them, which served commands report).
	Settings Settings
	// ServeErr is why the socket could not be bound: other commands
	// then wait until this hark ends, as if none held the database.
	ServeErr error

	ctx     context.Context
	cancel  context.CancelFunc
	workers sync.WaitGroup
	pollers sync.WaitGroup
	failed  chan error     // the first poller's error that stopped it for good
	live    *listen.Poller // the poller holding the push; nil for none
	// stopLive ends the push (hark live off); liveDone is closed when
	// it has ended.
	stopLive context.CancelFunc
	liveDone chan struct{}
	srv      *sock.Server
	changed  func()

	deskMu sync.Mutex
	desk   *Desk
}

// Options say what a Runtime runs.
type Options struct {
	Store    *store.Store
	Team     Team
	Settings Settings
	// Interval is the poll interval; 0 polls nothing (the senders and
	// the socket run all the same).
	Interval time.Duration
	// Listen hears the pollers, Sent the senders, HookFailed the post-new
	// hook's failures (nil: it works again); each may be nil.
	Listen     chan<- listen.Event
	Sent       chan<- outbox.Event
	HookFailed func(error)
	// Serve runs a command line another hark sends to this one, by the
	// socket beside the database at DBPath (see sock.Path, which reads
	// Getenv); nil serves none.
	Serve  func(ctx context.Context, rt *Runtime, req sock.Request, stdout, stderr io.Writer) sock.Result
	DBPath string
	Getenv func(string) string
	// Changed is called after each served command: the database may
	// have changed under the inbox.
	Changed func()
}

// Start runs what o says until Close, or until ctx ends. Offline (the
// team has no client) nothing polls and no sender runs until a served
// command asks for one (see DeskFor).
func Start(ctx context.Context, o Options) *Runtime {
	ctx, cancel := context.WithCancel(ctx)
	rt := &Runtime{Store: o.Store, Team: o.Team, Settings: o.Settings, ctx: ctx, cancel: cancel,
		failed: make(chan error, 1), changed: o.Changed}
	if o.Team.Online() {
		if o.Interval > 0 {
			pollers := o.Settings.Pollers(o.Store, o.Team, o.Interval, o.Listen)
			rt.startPollers(pollers)
			rt.startLive(pollers, o)
		}
		if f := o.Settings.Feeder(o.Store, o.HookFailed); f != nil {
			rt.workers.Go(func() { f.Run(ctx) })
		}
		rt.desk = o.Settings.StartDesk(ctx, o.Store, o.Team, o.Sent)
	}
	if o.Serve != nil {
		rt.srv, rt.ServeErr = rt.serve(o)
	}
	return rt
}

// serve takes the socket beside the database and runs what it is sent.
func (rt *Runtime) serve(o Options) (*sock.Server, error) {
	path, err := sock.Path(o.DBPath, o.Getenv)
	if err != nil {
		return nil, err
	}
	return sock.Listen(path, func(ctx context.Context, req sock.Request, stdout, stderr io.Writer) sock.Result {
		res := o.Serve(ctx, rt, req, stdout, stderr)
		if rt.changed != nil {
			rt.changed()
		}
		return res
	})
}

// startPollers runs each poller until the runtime ends; the first to
// stop for good (the network refused its credentials) is kept for Wait.
func (rt *Runtime) startPollers(pollers []*listen.Poller) {
	for _, p := range pollers {
		rt.pollers.Go(func() {
			if err := p.Run(rt.ctx); err != nil {
				rt.Settings.log().Error("poller stopped", "err", err)
				select {
				case rt.failed <- err:
				default:
				}
			}
		})
	}
}

// Account is the database's own account, the team's first (none for a
// runtime that holds a store and no team).
func (rt *Runtime) Account() model.User {
	if len(rt.Team) == 0 {
		return model.User{}
	}
	return rt.Team[0].User
}

// Client is the database's own account's client; nil offline.
func (rt *Runtime) Client() network.Client {
	if !rt.Team.Online() {
		return nil
	}
	return rt.Team[0].Client
}

// Context lasts as long as the runtime.
func (rt *Runtime) Context() context.Context { return rt.ctx }

// Wait waits until every poller has stopped (the context ended, or each
// was refused for good) and says the first refusal.
func (rt *Runtime) Wait() error {
	rt.pollers.Wait()
	select {
	case err := <-rt.failed:
		return err
	default:
		return nil
	}
}

// Kick wakes the senders: something was queued or taken back.
func (rt *Runtime) Kick() {
	rt.deskMu.Lock()
	defer rt.deskMu.Unlock()
	if rt.desk != nil {
		rt.desk.Kick()
	}
}

// DeskFor is the runtime's senders, to which served commands hand their
// items; an offline runtime starts them for t (the client the command
// made) on first use, for as long as it runs.
func (rt *Runtime) DeskFor(t Team) *Desk {
	rt.deskMu.Lock()
	defer rt.deskMu.Unlock()
	if rt.desk == nil {
		rt.desk = rt.Settings.StartDesk(rt.ctx, rt.Store, t, nil)
	}
	return rt.desk
}

// Close stops serving (the commands running end), stops the pollers,
// the feeder and the senders, and waits for each; the store stays open.
func (rt *Runtime) Close() {
	if rt.srv != nil {
		rt.srv.Close()
	}
	rt.cancel()
	rt.pollers.Wait()
	rt.workers.Wait()
	rt.deskMu.Lock()
	defer rt.deskMu.Unlock()
	if rt.desk != nil {
		rt.desk.Close()
	}
}
