package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// ItemState is where an outgoing item stands.
type ItemState string

// The states of an outgoing item.
const (
	// Queued waits for its undo window, a retry time, or X.
	Queued ItemState = "queued"
	// Sending was handed to X, and X has not said it has it: hark died,
	// or the answer was lost (a timeout, a dropped connection, a 5xx).
	// X must be asked whether it arrived before it is sent again.
	Sending  ItemState = "sending"
	Sent     ItemState = "sent"
	Failed   ItemState = "failed"
	Canceled ItemState = "canceled"
)

// Item is one reply or DM on its way out.
type Item struct {
	ID             uint64 `json:"id"`
	DM             bool   `json:"dm,omitempty"`
	ConversationID uint64 `json:"conversation_id"`
	// InReplyTo is the post a reply answers; for later parts of a thread
	// it is filled in when the part before is sent (After).
	InReplyTo uint64 `json:"in_reply_to,omitempty"`
	After     uint64 `json:"after,omitempty"`
	// Recipient is the person a DM goes to.
	Recipient uint64 `json:"recipient,omitempty"`
	// Account is the shop's account it goes from (its X user id); 0, as
	// items queued before there could be several, for the database's own.
	Account   uint64    `json:"account,omitempty"`
	Text      string    `json:"text"`
	State     ItemState `json:"state"`
	CreatedAt time.Time `json:"created_at"`
	// NotBefore is the end of the undo window, or the next try.
	NotBefore    time.Time `json:"not_before"`
	Attempts     int       `json:"attempts,omitempty"`
	SendingSince time.Time `json:"sending_since,omitzero"`
	PostID       uint64    `json:"post_id,omitempty"`
	LastError    string    `json:"last_error,omitempty"`
	// ClaimedBy is the sender that claimed it (see Claimer), while it is
	// Sending; "" in items claimed before schema 13.
	ClaimedBy Claimer `json:"claimed_by,omitempty"`
	// By is the person of the team who queued it (17); "" for the owner
	// alone. The post sent carries it.
	By string `json:"by,omitempty"`
}

// NotPendingError refuses to take back an item that no longer waits,
// saying what became of it. It is ErrNotQueued for errors.Is.
type NotPendingError struct{ Item Item }

func (e *NotPendingError) Error() string {
	it := e.Item
	switch it.State {
	case Sending:
		return ErrNotQueued.Error()
	case Sent:
		return fmt.Sprintf("outbox item %d is sent already (X id %s): too late to take back", it.ID, model.FormatID(it.PostID))
	case Canceled:
		return fmt.Sprintf("outbox item %d was taken back already", it.ID)
	}
	return fmt.Sprintf("outbox item %d is %s", it.ID, it.State)
}

// Is makes a NotPendingError match ErrNotQueued.
func (e *NotPendingError) Is(target error) bool { return target == ErrNotQueued }

// Pending reports whether the item may still go out.
func (it Item) Pending() bool { return it.State == Queued || it.State == Sending }

// What names the item as the owner reads it: "reply" or "DM".
func (it Item) What() string {
	if it.DM {
		return "DM"
	}
	return "reply"
}

// ErrNotQueued is returned when an item cannot be taken back: it is being
// sent or has been.
var ErrNotQueued = errors.New("too late: it is already on its way to X")

// Enqueue puts items in the outbox in one transaction, in order, and
// returns them with their ids. An item that must wait for an earlier one
// of the same call (the parts of a thread) names it in After by its
// 1-based position; Enqueue turns that into its id.
func (s *Store) Enqueue(items ...Item) ([]Item, error) {
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketOutbox)
		if err != nil {
			return err
		}
		b.FillPercent = appendFill
		for i := range items {
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			items[i].ID = id
			if a := items[i].After; a > 0 && int(a) <= i {
				items[i].After = items[a-1].ID
			}
			if items[i].State == "" {
				items[i].State = Queued
			}
			if err := putJSON(b, idKey(id), items[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return items, err
}

// Outbox returns the items, oldest first; with states given, only those.
func (s *Store) Outbox(states ...ItemState) ([]Item, error) {
	var out []Item
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var it Item
			if err := json.Unmarshal(v, &it); err != nil {
				return err
			}
			if len(states) == 0 || contains(states, it.State) {
				out = append(out, it)
			}
			return nil
		})
	})
	return out, err
}

func contains(states []ItemState, s ItemState) bool {
	for _, x := range states {
		if x == s {
			return true
		}
	}
	return false
}

// Item returns one item.
func (s *Store) Item(id uint64) (Item, bool, error) {
	var it Item
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		if b := tx.Bucket(bucketOutbox); b != nil {
			found, err = getJSON(b, idKey(id), &it)
		}
		return err
	})
	return it, found, err
}

// Items returns the items of ids as they are now, read in one
// transaction; an id not in the outbox is an error.
func (s *Store) Items(ids []uint64) ([]Item, error) {
	out := make([]Item, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		for i, id := range ids {
			found := false
			var err error
			if b != nil {
				found, err = getJSON(b, idKey(id), &out[i])
			}
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("no outbox item %d", id)
			}
		}
		return nil
	})
	return out, err
}

// updateItem changes one item in a transaction, after check allows it.
func (s *Store) updateItem(id uint64, fn func(tx *bolt.Tx, it *Item) error) (Item, error) {
	var it Item
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketOutbox)
		if err != nil {
			return err
		}
		found, err := getJSON(b, idKey(id), &it)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("no outbox item %d", id)
		}
		if err := fn(tx, &it); err != nil {
			return err
		}
		return putJSON(b, idKey(id), it)
	})
	return it, err
}

// TakeBack cancels a queued item and returns it, for its text to go back
// into the composer. An item already handed to X cannot be taken back.
func (s *Store) TakeBack(id uint64) (Item, error) {
	return s.updateItem(id, func(_ *bolt.Tx, it *Item) error {
		if it.State != Queued && it.State != Failed {
			return &NotPendingError{Item: *it}
		}
		it.State = Canceled
		return nil
	})
}

// Claim marks an item as being sent by claimer, durably, before the
// request leaves: a crash after this point is resolved by asking X (see
// Sending). A claim is exclusive: an item already Sending is claimed
// again only by the sender that claimed it, or by any sender when its
// claimer was of a process that no longer holds the database (the crash
// recovery of the next hark); a live sender's claim is refused with
// ErrClaimed. SendingSince keeps the first claim's time: X is searched
// from there.
func (s *Store) Claim(id uint64, claimer Claimer, now time.Time) (Item, error) {
	return s.updateItem(id, func(_ *bolt.Tx, it *Item) error {
		if err := s.mayClaim(*it, claimer); err != nil {
			return err
		}
		it.State, it.ClaimedBy = Sending, claimer
		if it.SendingSince.IsZero() {
			it.SendingSince = now
		}
		it.Attempts++
		return nil
	})
}

// Unsure records that an item's request left but X's answer did not come
// back: it stays Sending, claimer's, to be looked for on X at retryAt.
func (s *Store) Unsure(id uint64, claimer Claimer, retryAt time.Time, reason string) (Item, error) {
	return s.updateItem(id, func(_ *bolt.Tx, it *Item) error {
		if err := s.owns(*it, claimer); err != nil {
			return err
		}
		it.NotBefore, it.LastError = retryAt, reason
		return nil
	})
}

// SentAs returns the item whose sent post or DM has X's id postID.
func (s *Store) SentAs(postID uint64) (Item, bool, error) {
	items, err := s.Outbox(Sent)
	for _, it := range items {
		if it.PostID == postID {
			return it, true, err
		}
	}
	return Item{}, false, err
}

// MarkSent records X's post for an item, stores the post in its
// conversation and points the next part of a thread at it, all in one
// transaction.
func (s *Store) MarkSent(id uint64, claimer Claimer, post model.Post) (Item, error) {
	return s.updateItem(id, func(tx *bolt.Tx, it *Item) error {
		if err := s.owns(*it, claimer); err != nil {
			return err
		}
		it.State, it.PostID, it.LastError, it.ClaimedBy = Sent, post.ID, "", ""
		post.By = it.By
		added, err := s.putPosts(tx, []model.Post{post}, post.AuthorID, "") // a conversation it begins is the sender's
		if err != nil {
			return err
		}
		if len(added) == 0 { // the push or the own timeline stored it first: it is still this person's
			if err := signPost(tx, post.ID, it.By); err != nil {
				return err
			}
		}
		return pointNextPart(tx, it.ID, post.ID) // whoever stored the post: the next part answers it
	})
}

// pointNextPart sets InReplyTo on the item queued after id.
func pointNextPart(tx *bolt.Tx, id, postID uint64) error {
	b := tx.Bucket(bucketOutbox)
	c := b.Cursor()
	for k, v := c.Seek(idKey(id + 1)); k != nil; k, v = c.Next() {
		var next Item
		if err := json.Unmarshal(v, &next); err != nil {
			return err
		}
		if next.After == id {
			next.InReplyTo = postID
			return putJSON(b, k, next)
		}
	}
	return nil
}

// Requeue puts an item claimer holds back in the queue until retryAt,
// with the reason: X said it did not take it.
func (s *Store) Requeue(id uint64, claimer Claimer, retryAt time.Time, reason string) (Item, error) {
	return s.updateItem(id, func(_ *bolt.Tx, it *Item) error {
		if err := s.owns(*it, claimer); err != nil {
			return err
		}
		it.State, it.NotBefore, it.LastError, it.ClaimedBy = Queued, retryAt, reason, ""
		return nil
	})
}

// Fail gives an item up with X's (or a hook's) reason; Retry may queue
// it again. A queued item may be failed by anyone; one being sent, only
// by its claimer.
func (s *Store) Fail(id uint64, claimer Claimer, reason string) (Item, error) {
	return s.updateItem(id, func(_ *bolt.Tx, it *Item) error {
		if it.State != Queued {
			if err := s.owns(*it, claimer); err != nil {
				return err
			}
		}
		it.State, it.LastError, it.ClaimedBy = Failed, reason, ""
		return nil
	})
}

// Retry queues a failed item to go at once.
func (s *Store) Retry(id uint64, now time.Time) (Item, error) {
	return s.updateItem(id, func(_ *bolt.Tx, it *Item) error {
		if it.State != Failed {
			return fmt.Errorf("item %d is %s, not failed", id, it.State)
		}
		it.State, it.NotBefore = Queued, now
		return nil
	})
}

// signPost records who of the team wrote a post stored before its item
// was resolved (pushed, or read back from the shop's timeline, first);
// a post that already names its writer is left as it is.
func signPost(tx *bolt.Tx, id uint64, by string) error {
	if by == "" {
		return nil
	}
	b := tx.Bucket(bucketPosts)
	key := idKey(id)
	if chain := chainKey(tx, id); chain != 0 {
		key = idKey(chain)
	}
	var p model.Post
	found, err := getJSON(b, key, &p)
	if err != nil || !found || p.By != "" {
		return err
	}
	p.By = by
	return putJSON(b, key, p)
}
