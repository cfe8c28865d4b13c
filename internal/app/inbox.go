package app

import (
	"context"
	"os/signal"
	"syscall"

	"github.com/harkhq/hark/internal/newest"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/tui"
	"github.com/harkhq/hark/tui/common"
)

// RunInbox runs the runtime o says with the inbox on the terminal until
// the owner quits; c is the inbox's shared state, the store and accounts
// in it those of o.
func RunInbox(ctx context.Context, o Options, c *common.Common) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rt, src := startForInbox(ctx, o)
	defer rt.Close()
	c.Kick = rt.Kick
	// A closed terminal (SIGHUP) or a stop asked for (SIGTERM) ends the
	// inbox as q does, so that what it holds is let go (the senders'
	// claims, the demo's temporary database) instead of dying mid-way.
	stopped, stop := signal.NotifyContext(ctx, syscall.SIGHUP, syscall.SIGTERM)
	defer stop()
	_, err := tea.NewProgram(tui.New(c, src), tea.WithContext(stopped)).Run()
	if stopped.Err() != nil && ctx.Err() == nil {
		return nil // told to stop: a clean end
	}
	return err
}

// startForInbox starts the runtime with its news wired to what the
// inbox listens to.
func startForInbox(ctx context.Context, o Options) (*Runtime, tui.Sources) {
	changes := make(chan struct{}, 1)
	src := tui.Sources{Changed: changes}
	o.Changed = func() {
		select { // one pending refresh covers any number of commands
		case changes <- struct{}{}:
		default:
		}
	}
	if o.Team.Online() {
		events, sends, failed := make(chan listen.Event, 64), make(chan outbox.Event, 64), make(chan error, 1)
		o.Listen, o.Sent = events, sends
		o.HookFailed = func(err error) { newest.Put(failed, err) }
		src.Listen, src.Outbox, src.HookFailed = events, sends, failed
	}
	rt := Start(ctx, o)
	src.ServeErr = rt.ServeErr
	if rt.ServeErr != nil { // the inbox works without: commands wait for it to close
		o.Settings.log().Warn("not serving other hark commands", "err", rt.ServeErr)
	}
	return rt, src
}
