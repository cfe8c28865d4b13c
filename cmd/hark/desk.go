package main

import (
	"context"

	"github.com/harkhq/hark/internal/app"
)

// deskFor is the desk a command sends through: the holder's when this
// hark serves the command (started on first use in an inbox opened
// offline, for as long as it runs), else one of its own that done
// closes.
func (e *env) deskFor(ctx context.Context, s session) (d *app.Desk, done func()) {
	if h := e.held; h != nil && s.borrowed {
		return h.DeskFor(s.team), func() {}
	}
	d = e.settings().StartDesk(ctx, s.store, s.team, nil)
	return d, d.Close
}
