// Package outbox sends what the shop wrote: replies and DMs wait in the
// store's outbox through their undo window, then go out in order, once
// each, however often hark or the network fails.
package outbox

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
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
}

// Sender moves items from the outbox to X.
type Sender struct {
	client  *twitter.Client
	store   *store.Store
	account model.User
	opts    Options
	kick    chan struct{}
}

// New returns a sender for account.
func New(client *twitter.Client, st *store.Store, account model.User, opts Options) *Sender {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Rand == nil {
		opts.Rand = rand.Float64
	}
	return &Sender{client: client, store: st, account: account, opts: opts, kick: make(chan struct{}, 1)}
}

// Kick wakes the sender: something was queued or taken back.
func (s *Sender) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends, sleeping until the next item is due.
func (s *Sender) Run(ctx context.Context) error {
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

// Flush sends every item that is due, in order, and returns when the next
// waiting one is due (zero when none waits). It stops at the first item
// that must wait, so that nothing overtakes it.
func (s *Sender) Flush(ctx context.Context) (time.Time, error) {
	items, err := s.store.Outbox(store.Queued, store.Sending)
	if err != nil {
		return time.Time{}, err
	}
	defer s.report(ctx)
	for _, it := range items {
		if it.State == store.Sending {
			if done, err := s.resolve(ctx, it); err != nil || done {
				if err != nil {
					return time.Time{}, err
				}
				continue
			}
		}
		if wait, err := s.blocked(it); err != nil || !wait.IsZero() {
			return wait, err
		}
		retry, err := s.send(ctx, it)
		if err != nil || !retry.IsZero() {
			return retry, err
		}
	}
	return time.Time{}, nil
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
			_, err := s.store.Fail(it.ID, "the part before it was not sent")
			return time.Time{}, err
		}
		return s.opts.Now().Add(time.Second), nil
	}
	if now := s.opts.Now(); it.NotBefore.After(now) {
		return it.NotBefore, nil
	}
	return time.Time{}, nil
}

// send hands one item to X and records the outcome. A non-zero time means
// it must be tried again then.
func (s *Sender) send(ctx context.Context, it store.Item) (time.Time, error) {
	if s.client == nil {
		return s.opts.Now().Add(time.Minute), nil // offline: keep it queued
	}
	claimed, err := s.store.Claim(it.ID, s.opts.Now())
	if err != nil {
		return time.Time{}, err
	}
	post, err := s.post(ctx, claimed)
	if err == nil {
		return time.Time{}, s.sent(ctx, claimed, post)
	}
	return s.failed(ctx, claimed, err)
}

// post makes the call for an item.
func (s *Sender) post(ctx context.Context, it store.Item) (model.Post, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if it.DM {
		return s.client.SendDM(ctx, it.Recipient, it.Text)
	}
	return s.client.Reply(ctx, it.InReplyTo, it.Text)
}

// sent files X's post in the item's conversation.
func (s *Sender) sent(ctx context.Context, it store.Item, post model.Post) error {
	post.AuthorID = s.account.ID
	post.ConversationID = it.ConversationID
	if it.DM {
		post.InReplyToUser = it.Recipient
	} else if parent, found, err := s.store.Post(it.InReplyTo); err == nil && found {
		post.InReplyToUser = parent.AuthorID
	}
	done, err := s.store.MarkSent(it.ID, post)
	if err == nil {
		s.emit(ctx, SentEvent{Item: done, Post: post})
	}
	return err
}

// failed sorts a failure: X says it has the post already, X is busy or
// unreachable (retry later), or X refuses (give up with X's words).
func (s *Sender) failed(ctx context.Context, it store.Item, err error) (time.Time, error) {
	now := s.opts.Now()
	switch retryAt, limited := twitter.IsRateLimited(err); {
	case twitter.IsDuplicate(err) && !it.DM:
		if found, ferr := s.findPosted(ctx, it); ferr == nil && found.ID != 0 {
			return time.Time{}, s.sent(ctx, it, found)
		}
	case limited:
		_, rerr := s.store.Requeue(it.ID, retryAt, "rate-limited by X until "+retryAt.Local().Format("15:04:05"))
		return retryAt, rerr
	case errors.Is(err, twitter.ErrUnauthorized), twitter.IsTransient(err):
		retryAt := now.Add(twitter.Backoff(it.Attempts, s.opts.Rand))
		_, rerr := s.store.Requeue(it.ID, retryAt, err.Error())
		return retryAt, rerr
	}
	failed, ferr := s.store.Fail(it.ID, err.Error())
	if ferr == nil {
		s.emit(ctx, FailedEvent{Item: failed})
	}
	return time.Time{}, ferr
}

// resolve settles an item hark was sending when it stopped: if X has the
// reply, it is recorded as sent; otherwise it is sent again. A DM cannot be
// looked up, so it is failed for the user to check rather than risk two.
func (s *Sender) resolve(ctx context.Context, it store.Item) (bool, error) {
	if s.client == nil {
		return true, nil
	}
	if it.DM {
		_, err := s.store.Fail(it.ID, "hark stopped while sending this DM: check the conversation on X, then retry if it is not there")
		return true, err
	}
	found, err := s.findPosted(ctx, it)
	if err != nil {
		return true, nil // X unreachable: leave it sending, decide next time
	}
	if found.ID != 0 {
		return true, s.sent(ctx, it, found)
	}
	return false, nil
}

// findPosted looks among the account's posts since the item was handed to
// X for the same text in reply to the same post.
func (s *Sender) findPosted(ctx context.Context, it store.Item) (model.Post, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	since := model.SnowflakeID(it.SendingSince.Add(-10*time.Minute), 0)
	posts, err := s.client.RecentPosts(ctx, s.account.ID, since)
	if err != nil {
		return model.Post{}, err
	}
	for _, p := range posts {
		if p.Text == it.Text && p.InReplyToID == it.InReplyTo {
			p.Kind = model.Reply
			return p, nil
		}
	}
	return model.Post{}, nil
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
