package app

import (
	"sync"
	"time"

	"github.com/harkhq/hark/internal/newest"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/tui"
)

// hub hands the runtime's news to every inbox open on it (hark serve):
// the pollers' events, the senders', the hook's failures, and "the
// database changed" after any write, whoever made it (a person's inbox,
// a command over SSH or the socket). One runtime, many inboxes: each
// reads its own buffered channels; one that falls behind misses events
// and is told to reload instead, so that no inbox waits on another.
type hub struct {
	mu   sync.Mutex
	subs map[*subscriber]struct{}
	// wrote is signalled by each write; run turns a burst into one
	// "changed" each.
	wrote chan struct{}
	// stop ends the hub's goroutines (hark serve stopping).
	stop chan struct{}
}

// subscriber is one inbox's channels.
type subscriber struct {
	listen  chan listen.Event
	sent    chan outbox.Event
	failed  chan error
	changed chan struct{}
}

// changedCoalesce gathers a burst of writes (a poll's pages, a triage of
// many) into one reload of each inbox: well inside the second in which
// another's change must show.
const changedCoalesce = 100 * time.Millisecond

func newHub() *hub {
	return &hub{subs: map[*subscriber]struct{}{}, wrote: make(chan struct{}, 1), stop: make(chan struct{})}
}

// wire points the runtime's news at the hub.
func (h *hub) wire(o *Options) {
	o.Listen, o.Sent = nil, nil
	if o.Team.Online() {
		events, sends := make(chan listen.Event, 64), make(chan outbox.Event, 64)
		o.Listen, o.Sent = events, sends
		go h.forward(events, sends)
		o.HookFailed = func(err error) {
			h.each(func(s *subscriber) { newest.Put(s.failed, err) })
		}
	}
	o.Changed = h.written
}

// forward hands each event to every inbox until the hub stops.
func (h *hub) forward(events <-chan listen.Event, sends <-chan outbox.Event) {
	for {
		select {
		case <-h.stop:
			return
		case e := <-events:
			h.each(func(s *subscriber) { offer(s, s.listen, e) })
		case e := <-sends:
			h.each(func(s *subscriber) { offer(s, s.sent, e) })
		}
	}
}

// offer hands an inbox an event, or, when it is behind (its channel
// full), tells it to reload, which shows what it missed.
func offer[T any](s *subscriber, ch chan T, e T) {
	select {
	case ch <- e:
	default:
		newest.Put(s.changed, struct{}{})
	}
}

// written notes a write to the database (Store.OnWrite, a command run).
func (h *hub) written() { newest.Put(h.wrote, struct{}{}) }

// run tells every inbox of the writes, a burst at a time, until the
// hub stops.
func (h *hub) run() {
	for {
		select {
		case <-h.stop:
			return
		case <-h.wrote:
		}
		select {
		case <-h.stop:
			return
		case <-time.After(changedCoalesce):
		}
		h.each(func(s *subscriber) { newest.Put(s.changed, struct{}{}) })
	}
}

// subscribe opens an inbox's channels; the func closes them.
func (h *hub) subscribe(online bool) (tui.Sources, func()) {
	s := &subscriber{listen: make(chan listen.Event, 64), sent: make(chan outbox.Event, 64),
		failed: make(chan error, 1), changed: make(chan struct{}, 1)}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	src := tui.Sources{Changed: s.changed}
	if online {
		src.Listen, src.Outbox, src.HookFailed = s.listen, s.sent, s.failed
	}
	return src, func() { // closed under the lock no send is made in: the inbox's waits end
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.subs[s]; ok {
			delete(h.subs, s)
			close(s.listen)
			close(s.sent)
			close(s.failed)
			close(s.changed)
		}
	}
}

// each runs f for every inbox, never blocking (f must not).
func (h *hub) each(f func(*subscriber)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		f(s)
	}
}
