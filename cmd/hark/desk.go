package main

import (
	"context"
	"sync"

	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
)

// desk is the one sender of each of the shop's accounts that a hark
// runs: the holder's, to which the commands it serves hand their items,
// or a command's own when no hark holds the database. Two senders of one
// account beside each other would both wake when an item comes due;
// the store's claims keep them from posting it twice, and the desk keeps
// there from being a second sender at all.
type desk struct {
	senders []*outbox.Sender
	stop    context.CancelFunc
	running sync.WaitGroup
}

// startDesk runs a sender for each account of t until stop (or ctx's
// end); events, when set, hears what they do.
func (e *env) startDesk(ctx context.Context, st *store.Store, t team, events chan<- outbox.Event) *desk {
	ctx, cancel := context.WithCancel(ctx)
	d := &desk{senders: e.senders(st, t, events), stop: cancel}
	for _, s := range d.senders {
		d.running.Go(func() { _ = s.Run(ctx) })
	}
	return d
}

// Kick wakes every sender: something was queued or taken back.
func (d *desk) Kick() {
	for _, s := range d.senders {
		s.Kick()
	}
}

// Sweep wakes every sender and waits until each has flushed once since.
func (d *desk) Sweep(ctx context.Context) error {
	for _, s := range d.senders {
		if err := s.Sweep(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Close stops the senders and waits for them (each lets go of what it
// held, see outbox.Sender.Run).
func (d *desk) Close() {
	d.stop()
	d.running.Wait()
}

// deskFor is the desk a command sends through: the holder's when this
// hark serves the command (started on first use in an inbox opened
// offline, for as long as it runs), else one of its own that done
// closes.
func (e *env) deskFor(ctx context.Context, s session) (d *desk, done func()) {
	if h := e.held; h != nil && s.borrowed {
		return h.deskFor(e, s), func() {}
	}
	d = e.startDesk(ctx, s.store, s.team, nil)
	return d, d.Close
}

// deskFor is the holder's desk, started for t if it runs none yet.
func (h *held) deskFor(e *env, s session) *desk {
	h.deskMu.Lock()
	defer h.deskMu.Unlock()
	if h.desk == nil {
		h.desk = e.startDesk(h.ctx, s.store, s.team, nil)
		h.ownDesk = true
	}
	return h.desk
}

// closeDesk stops a desk the holder started for the commands it served.
func (h *held) closeDesk() {
	h.deskMu.Lock()
	defer h.deskMu.Unlock()
	if h.ownDesk {
		h.desk.Close()
	}
}
