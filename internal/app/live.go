package app

import (
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/network"
)

// liveSources are the sources [live] asks to have pushed.
func liveSources(l config.Live) []string {
	var out []string
	if l.Mentions {
		out = append(out, listen.MentionsSource)
	}
	if l.OwnPosts {
		out = append(out, listen.OwnSource)
	}
	if l.DMs {
		out = append(out, listen.DMSource)
	}
	return out
}

// startLive holds the push for the team's first account when [live] asks
// for it and its network pushes: one connection, as X allows an app two
// and hark keeps the second for nobody. The other accounts are polled
// (their events on the one connection are routed to them: not yet).
func (rt *Runtime) startLive(pollers []*listen.Poller) {
	sources := liveSources(rt.Settings.Config.Live)
	pusher, ok := rt.Team[0].Client.(network.Pusher)
	if len(sources) == 0 || !ok || len(pollers) == 0 {
		return
	}
	o := listen.LiveOptions{Sources: sources, SafetyPoll: rt.Settings.Config.Live.SafetyPoll}
	rt.live = pollers[0]
	rt.workers.Go(func() { _ = pollers[0].Live(rt.ctx, pusher, o) })
}

// LiveStatus is the push's latest state and when it last brought a page;
// held is false when this runtime holds no push.
func (rt *Runtime) LiveStatus() (state listen.LiveState, last time.Time, held bool) {
	if rt.live == nil {
		return listen.LiveState{}, time.Time{}, false
	}
	return rt.live.LiveStatus()
}
