package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/flock"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/network"
)

// LiveSources are the sources [live] asks to have pushed, as listen
// names them.
func LiveSources(l config.Live) []string {
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

// errStreamHeld is another hark process holding the app's push.
var errStreamHeld = errors.New("another hark holds the push connection of this app")

// streamLockRetry is how often a hark whose app's push another holds
// tries to take it over.
var streamLockRetry = 30 * time.Second

// startLive holds the push for the team when [live] asks for it and the
// first account's network pushes: one connection for the app, across
// every hark process of the user (a lock file), as X allows an app two;
// the other accounts' events come on it and go to their pollers.
func (rt *Runtime) startLive(pollers []*listen.Poller, o Options) {
	sources := LiveSources(rt.Settings.Config.Live)
	pusher, ok := rt.Team[0].Client.(network.Pusher)
	if len(sources) == 0 || !ok || len(pollers) == 0 {
		return
	}
	lo := listen.LiveOptions{Sources: sources, SafetyPoll: rt.Settings.Config.Live.SafetyPoll, Others: rt.samePush(pusher, pollers)}
	path, err := streamLockPath(pusher, o)
	if err != nil {
		rt.Settings.log().Warn("no push: its lock has no place", "err", err)
		return
	}
	rt.live = pollers[0]
	ctx, stop := context.WithCancel(rt.ctx)
	rt.stopLive, rt.liveDone = stop, make(chan struct{})
	rt.workers.Go(func() {
		defer close(rt.liveDone)
		rt.holdLive(ctx, pollers[0], pusher, lo, path)
	})
}

// StopLive ends the push this runtime holds (hark live off): its sources
// are polled as before from now on, and the inbox says so. It returns
// once the connection is closed.
func (rt *Runtime) StopLive() {
	if rt.stopLive == nil {
		return
	}
	rt.stopLive()
	<-rt.liveDone
	rt.live.TurnedOff(rt.ctx)
}

// samePush are the pollers of the team's other accounts whose events
// come on pusher's connection (the same network's app): a Bluesky
// account beside X's is not pushed by X, and keeps its own polls.
func (rt *Runtime) samePush(pusher network.Pusher, pollers []*listen.Poller) []*listen.Poller {
	var out []*listen.Poller
	for i, p := range pollers[1:] {
		if other, ok := rt.Team[i+1].Client.(network.Pusher); ok && other.PushKey() == pusher.PushKey() {
			out = append(out, p)
		}
	}
	return out
}

// holdLive takes the app's push lock, waiting while another hark holds
// it, and holds the push until the runtime ends.
func (rt *Runtime) holdLive(ctx context.Context, p *listen.Poller, pusher network.Pusher, o listen.LiveOptions, lockPath string) {
	told := false
	for {
		unlock, err := flock.TryLock(lockPath)
		if errors.Is(err, flock.ErrHeld) {
			err = errStreamHeld
		}
		if err == nil {
			defer unlock()
			_ = p.Live(ctx, pusher, o)
			return
		}
		if !told {
			rt.Settings.log().Warn("no push here: polling", "why", err)
			told = true
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(streamLockRetry):
		}
	}
}

// streamLockPath is the push lock beside the sockets, named by what the
// network's connection limit counts (the client's own API address and
// app key, not the config's: the demo's world has its own).
func streamLockPath(pusher network.Pusher, o Options) (string, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	sockPath, err := sock.Path(o.DBPath, getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(sockPath), "stream-"+pusher.PushKey()+".lock"), nil
}

// Live is the [live] this runtime runs by: its config's, with every
// source off once hark live off stopped its push (the file says so too,
// but a running hark read it before).
func (rt *Runtime) Live() config.Live {
	l := rt.Settings.Config.Live
	if state, _, _ := rt.LiveStatus(); state.Off {
		l = config.Live{SafetyPoll: l.SafetyPoll}
	}
	return l
}

// LiveStatus is the push's latest state and when it last brought a page;
// held is false when this runtime holds no push.
func (rt *Runtime) LiveStatus() (state listen.LiveState, last time.Time, held bool) {
	if rt.live == nil {
		return listen.LiveState{}, time.Time{}, false
	}
	return rt.live.LiveStatus()
}
