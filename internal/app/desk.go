package app

import (
	"context"
	"sync"

	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
)

// Desk is the one sender of each of the shop's accounts that a hark
// runs: the holder's, to which the commands it serves hand their items,
// or a command's own when no hark holds the database. Two senders of one
// account beside each other would both wake when an item comes due;
// the store's claims keep them from posting it twice, and the desk keeps
// there from being a second sender at all.
type Desk struct {
	senders []*outbox.Sender
	stop    context.CancelFunc
	running sync.WaitGroup
}

// StartDesk runs a sender for each account of t until Close (or ctx's
// end); events, when set, hears what they do.
func (s Settings) StartDesk(ctx context.Context, st *store.Store, t Team, events chan<- outbox.Event) *Desk {
	ctx, cancel := context.WithCancel(ctx)
	d := &Desk{senders: s.senders(st, t, events), stop: cancel}
	for _, s := range d.senders {
		d.running.Go(func() { _ = s.Run(ctx) })
	}
	return d
}

// Kick wakes every sender: something was queued or taken back.
func (d *Desk) Kick() {
	for _, s := range d.senders {
		s.Kick()
	}
}

// Sweep wakes every sender and waits until each has flushed once since.
func (d *Desk) Sweep(ctx context.Context) error {
	for _, s := range d.senders {
		if err := s.Sweep(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Close stops the senders and waits for them (each lets go of what it
// held, see outbox.Sender.Run).
func (d *Desk) Close() {
	d.stop()
	d.running.Wait()
}
