// Package outbox sends what the shop wrote: replies and DMs wait in the
// store's outbox through their undo window, then go out in order, once
// each, however often hark or the network fails.
package outbox

import (
	"cmp"
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/when"
)

// Event is what the sender tells its listener.
type Event interface{ event() }

// SentEvent carries an item X accepted.
type SentEvent struct {
	Item store.Item
	Post model.Post
}

// FailedEvent carries an item X refused for good, with X's reason.
type FailedEvent struct{ Item store.Item }

// QueueEvent says how many items wait and, if they wait for X, why.
type QueueEvent struct {
	Waiting int
	Next    time.Time
	Reason  string
}

func (SentEvent) event()   {}
func (FailedEvent) event() {}
func (QueueEvent) event()  {}

// Options configure a Sender.
type Options struct {
	Events chan<- Event
	Now    func() time.Time
	// Sleep waits for d, for ctx to end, or for wake; tests replace it.
	Sleep func(ctx context.Context, d time.Duration, wake <-chan struct{}) error
	Rand  func() float64
	// CheckSend, when set, is asked before an item goes (the pre-send
	// hook): an error refuses the item, with its words.
	CheckSend func(ctx context.Context, it store.Item, network string) error
	// Secondary says the sender's account is not the database's own: it
	// sends only the items that name it, while the database's own also
	// sends those that name no account. A hark with several accounts
	// runs a sender for each.
	Secondary bool
}

// Sender moves items from the outbox to X. Its claims are its own
// (store.Claimer): another sender, in this process or another, never
// sends an item it holds. One flush runs at a time.
type Sender struct {
	client  network.Client
	store   *store.Store
	account model.User
	opts    Options
	kick    chan struct{}
	claimer store.Claimer
	flushMu sync.Mutex
	// sweeps counts flushes begun and ended, for Sweep.
	sweeps sweeps
}

// New returns a sender for account.
func New(client network.Client, st *store.Store, account model.User, opts Options) *Sender {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Rand == nil {
		opts.Rand = rand.Float64
	}
	return &Sender{client: client, store: st, account: account, opts: opts, kick: make(chan struct{}, 1), claimer: st.NewClaimer()}
}

// Kick wakes the sender: something was queued or taken back.
func (s *Sender) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends, sleeping until the next item is due. When
// it ends, the items it was sending are let go (store.Release), for the
// next sender to look for on X.
func (s *Sender) Run(ctx context.Context) error {
	defer s.sweeps.stop()
	defer s.Stop()
	for {
		next, err := s.Flush(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait := time.Hour
		if err != nil {
			wait = time.Minute
		} else if !next.IsZero() {
			wait = max(next.Sub(s.opts.Now()), 0)
		}
		if s.opts.Sleep(ctx, wait, s.kick) != nil {
			return nil
		}
	}
}

// Stop lets go of the items this sender holds; call it when a sender
// that Flush was called on is done with.
func (s *Sender) Stop() {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	_ = s.store.Release(s.claimer) // an item kept in a gone claim is taken over all the same
}

// sends reports whether the item goes from this sender's account.
func (s *Sender) sends(it store.Item) bool {
	return it.Account == s.account.ID || it.Account == 0 && !s.opts.Secondary
}

// Flush sends every item that is due and returns when the next waiting
// one is due (zero when none waits). An item waits only behind the items
// of its own conversation (a thread's parts go in order); a rate limit
// holds only the items of its kind, replies or DMs, which X limits apart.
func (s *Sender) Flush(ctx context.Context) (time.Time, error) {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.sweeps.begin()
	defer s.sweeps.end()
	items, err := s.store.Outbox(store.Queued, store.Sending)
	if err != nil {
		return time.Time{}, err
	}
	defer s.report(ctx)
	w := waits{convs: map[uint64]bool{}, kinds: map[bool]time.Time{}}
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		if !s.sends(it) || s.store.HeldElsewhere(it, s.claimer) {
			continue // another account's sender sends it, or another sender holds it
		}
		if w.holds(it) {
			continue
		}
		o, err := s.step(ctx, it)
		if errors.Is(err, store.ErrClaimed) {
			continue // another sender took it meanwhile: it is that one's
		}
		if err != nil {
			return time.Time{}, err
		}
		w.add(it, o)
	}
	return w.next, nil
}

// step moves one item as far as it can go now.
func (s *Sender) step(ctx context.Context, it store.Item) (outcome, error) {
	if wait, err := s.blocked(it); err != nil || !wait.IsZero() {
		return outcome{next: wait}, err
	}
	if s.client == nil {
		return outcome{next: s.opts.Now().Add(time.Minute)}, nil // offline: keep it queued
	}
	if it.State == store.Sending {
		if it.ClaimedBy != s.claimer { // a gone hark's: take it over first
			if _, err := s.store.Claim(it.ID, s.claimer, s.opts.Now()); err != nil {
				return outcome{}, err
			}
		}
		found, err := s.lookup(ctx, it)
		switch {
		case ctx.Err() != nil:
			return outcome{}, nil
		case err != nil:
			return s.unsure(it, "could not look for it on X: "+err.Error(), err)
		case found.ID != 0:
			return outcome{}, s.sent(ctx, it, found)
		}
	}
	return s.send(ctx, it)
}

// blocked says until when an item must wait: its undo window or retry
// time, or the part of its thread before it.
func (s *Sender) blocked(it store.Item) (time.Time, error) {
	if it.After != 0 && it.InReplyTo == 0 {
		prev, _, err := s.store.Item(it.After)
		if err != nil {
			return time.Time{}, err
		}
		if prev.State == store.Failed || prev.State == store.Canceled {
			_, err := s.store.Fail(it.ID, s.claimer, "the part before it was not sent")
			return time.Time{}, err
		}
		return s.opts.Now().Add(time.Second), nil
	}
	if now := s.opts.Now(); it.NotBefore.After(now) {
		return it.NotBefore, nil
	}
	return time.Time{}, nil
}

// send claims an item, hands it to X and records the outcome. The
// pre-send check runs first, on an item not yet claimed: a refusal
// fails it before anything left.
func (s *Sender) send(ctx context.Context, it store.Item) (outcome, error) {
	if s.opts.CheckSend != nil && it.State == store.Queued {
		if err := s.opts.CheckSend(ctx, it, cmp.Or(s.account.Network(), network.X)); err != nil {
			failed, ferr := s.store.Fail(it.ID, s.claimer, err.Error()) // every display says "not sent" itself
			if ferr == nil {
				s.emit(ctx, FailedEvent{Item: failed})
			}
			return outcome{}, ferr
		}
	}
	claimed, err := s.store.Claim(it.ID, s.claimer, s.opts.Now())
	if err != nil {
		return outcome{}, err
	}
	post, err := s.post(ctx, claimed)
	switch {
	case err == nil:
		return outcome{}, s.sent(ctx, claimed, post)
	case ctx.Err() != nil:
		return outcome{}, nil // stopping: it stays sending, resolved at the next start
	case network.MayHaveArrived(err):
		return s.unsure(claimed, err.Error(), err)
	}
	return s.refused(ctx, claimed, err)
}

// post makes the call for an item.
func (s *Sender) post(ctx context.Context, it store.Item) (model.Post, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if it.DM {
		return s.client.SendDM(ctx, it.Recipient, it.Text)
	}
	return s.client.Reply(ctx, s.parent(it).Target(), it.Text)
}

// parent is the post a reply answers, as stored: edited since the reply
// was written, it goes to the newest version. Unknown, it is the id
// alone.
func (s *Sender) parent(it store.Item) model.Post {
	if p, found, err := s.store.Post(it.InReplyTo); err == nil && found {
		return p
	}
	return model.Post{ID: it.InReplyTo}
}

// sent files X's post in the item's conversation.
func (s *Sender) sent(ctx context.Context, it store.Item, post model.Post) error {
	post.AuthorID, post.Sources = s.account.ID, []string{model.HarkSource}
	post.ConversationID = it.ConversationID
	if it.DM {
		post = asSentDM(post, it)
	} else {
		post.Kind = model.Reply // the shop's own public post, whatever the adapter set
		if parent, found, err := s.store.Post(it.InReplyTo); err == nil && found {
			post.InReplyToUser = parent.AuthorID
		}
	}
	done, err := s.store.MarkSent(it.ID, s.claimer, post)
	if err == nil {
		s.emit(ctx, SentEvent{Item: done, Post: post})
	}
	return err
}

// asSentDM files a DM the shop sent in the DM conversation with its
// recipient, and, when it was sent from a post conversation, shows it
// there too (Origin).
func asSentDM(post model.Post, it store.Item) model.Post {
	post.Kind, post.InReplyToUser = model.DMSent, it.Recipient
	post.ConversationID = model.DMConversation(it.Recipient)
	if it.ConversationID != post.ConversationID {
		post.Origin = it.ConversationID
	}
	return post
}

// The waits of an item in doubt (see unsure). settle is the least time
// X gets to show a post or DM it may have accepted before hark looks for
// it: its timelines are eventually consistent, and a look-up too soon
// would send a second copy. maxDoubtWait bounds the waits while X cannot
// be asked.
const (
	settle       = 5 * time.Second
	maxDoubtWait = 5 * time.Minute
)

// unsure keeps an item whose request left but whose answer was lost in
// the sending state, to be looked for on X before any new attempt: at
// X's rate-limit reset when the look-up was limited, else after as long
// again as the item has been in doubt (so the waits double while
// look-ups fail), from settle to maxDoubtWait.
func (s *Sender) unsure(it store.Item, reason string, cause error) (outcome, error) {
	now := s.opts.Now()
	retryAt, limited := network.IsRateLimited(cause)
	if !limited {
		retryAt = now.Add(min(max(now.Sub(it.SendingSince), settle), maxDoubtWait))
	}
	_, err := s.store.Unsure(it.ID, s.claimer, retryAt, reason+"; will look for it on "+network.TitleOf(s.account.Network())+" at "+when.Clock(retryAt, now))
	return outcome{next: retryAt}, err
}

// refused sorts X's refusal of an item: X has the post already, X limits
// the rate (wait for the reset), X is confused or the credentials failed
// (retry later), or X refuses for good (give up with X's words).
func (s *Sender) refused(ctx context.Context, it store.Item, err error) (outcome, error) {
	now := s.opts.Now()
	switch retryAt, limited := network.IsRateLimited(err); {
	case network.IsTargetGone(err) && !it.DM:
		return outcome{}, s.targetGone(ctx, it, err)
	case network.IsDuplicate(err) && !it.DM:
		if found, ferr := s.lookup(ctx, it); ferr == nil && found.ID != 0 {
			return outcome{}, s.sent(ctx, it, found)
		}
	case limited:
		_, rerr := s.store.Requeue(it.ID, s.claimer, retryAt, "rate-limited by X until "+when.Clock(retryAt, now))
		return outcome{next: retryAt, limited: true}, rerr
	case errors.Is(err, network.ErrUnauthorized), network.IsTransient(err):
		retryAt := now.Add(network.Backoff(it.Attempts, s.opts.Rand))
		_, rerr := s.store.Requeue(it.ID, s.claimer, retryAt, err.Error())
		return outcome{next: retryAt}, rerr
	}
	failed, ferr := s.store.Fail(it.ID, s.claimer, err.Error())
	if ferr == nil {
		s.emit(ctx, FailedEvent{Item: failed})
	}
	return outcome{}, ferr
}

// targetGone fails a reply whose post X says is deleted or hidden, and
// removes that post as its author's deletion (X's terms): the thread
// keeps a tombstone, the other replies queued to it fail too.
func (s *Sender) targetGone(ctx context.Context, it store.Item, err error) error {
	reason := store.TargetGoneReason + " (" + err.Error() + ")"
	failed, ferr := s.store.Fail(it.ID, s.claimer, reason)
	if ferr != nil {
		return ferr
	}
	s.emit(ctx, FailedEvent{Item: failed})
	_, ferr = s.store.AuthorDeleted([]uint64{it.InReplyTo}, reason)
	return ferr
}

// report tells how many items wait.
func (s *Sender) report(ctx context.Context) {
	waiting, err := s.store.Outbox(store.Queued, store.Sending)
	if err != nil {
		return
	}
	e := QueueEvent{Waiting: len(waiting)}
	if len(waiting) > 0 {
		e.Next, e.Reason = waiting[0].NotBefore, waiting[0].LastError
	}
	s.emit(ctx, e)
}

func (s *Sender) emit(ctx context.Context, e Event) {
	if s.opts.Events == nil {
		return
	}
	select {
	case s.opts.Events <- e:
	case <-ctx.Done():
	}
}

func sleep(ctx context.Context, d time.Duration, wake <-chan struct{}) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-wake:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
