package store

import (
	"encoding/binary"
	"encoding/json"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// TargetGoneReason is why a reply to a post its author deleted (or hid)
// fails, whoever found it gone: the sender, told so by the network, or
// a look-up of what is stored.
const TargetGoneReason = "the post it answers was deleted by its author, or is no longer visible"

// AuthorDeleted records that X says each of ids was deleted by its
// author or is no longer visible (protected): X's terms say to remove
// such posts from local copies. Each stored one (found by any version's
// id) leaves the store and the index as Purge removes it, but keeps its
// place in its conversation as a tombstone (kind deleted: its id,
// conversation, time and what it answered, nothing its author said), so
// the thread says a post was deleted and hark never looks it up again.
// Queued replies to it fail with reason, in the same transaction. It
// returns how many posts it removed; ids it does not hold, or holds as
// tombstones already, are left.
func (s *Store) AuthorDeleted(ids []uint64, reason string) (int, error) {
	removed := 0
	err := s.update(func(tx *bolt.Tx) error {
		removed = 0
		var gone []model.Post
		for _, id := range ids {
			p, ok, err := s.tombstone(tx, id)
			if err != nil {
				return err
			}
			if ok {
				removed++
				gone = append(gone, p)
			}
		}
		return failRepliesTo(tx, gone, reason)
	})
	return removed, err
}

// tombstone replaces the post id (or the edit chain it is a version of)
// with its tombstone and recounts its conversation; ok is false when
// there was nothing to remove.
func (s *Store) tombstone(tx *bolt.Tx, id uint64) (model.Post, bool, error) {
	if key := chainKey(tx, id); key != 0 {
		id = key
	}
	var p model.Post
	if found, err := getJSON(tx.Bucket(bucketPosts), idKey(id), &p); err != nil || !found || p.Kind.Gone() || p.Kind.IsDM() {
		return p, false, err
	}
	if err := s.unindexPost(tx, p); err != nil {
		return p, false, err
	}
	if err := tx.Bucket(bucketUnread).Delete(idKey(id)); err != nil {
		return p, false, err
	}
	stone := model.Post{ID: p.ID, ConversationID: p.ConversationID, InReplyToID: p.InReplyToID, CreatedAt: p.CreatedAt,
		Kind: model.Deleted, Edits: p.Edits, Latest: p.Latest}
	if err := putJSON(tx.Bucket(bucketPosts), idKey(id), stone); err != nil {
		return p, false, err
	}
	return p, true, recount(tx, s.index, p.ConversationID)
}

// failRepliesTo fails the queued replies to any version of the posts
// gone: X would refuse them.
func failRepliesTo(tx *bolt.Tx, gone []model.Post, reason string) error {
	if len(gone) == 0 {
		return nil
	}
	var targets []uint64
	for _, p := range gone {
		targets = append(targets, p.Versions()...)
	}
	b := tx.Bucket(bucketOutbox)
	var failed []Item
	err := b.ForEach(func(_, v []byte) error {
		var it Item
		if json.Unmarshal(v, &it) == nil && it.State == Queued && !it.DM && slices.Contains(targets, it.InReplyTo) {
			it.State, it.LastError = Failed, reason
			failed = append(failed, it)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, it := range failed {
		if err := putJSON(b, idKey(it.ID), it); err != nil {
			return err
		}
	}
	return nil
}

// Verifiable returns the posts stored since t that X could say were
// deleted, by their newest versions' ids, newest first: not DMs (no
// look-up by id exists for them), not tombstones, not posts X would not
// give. It reads only the newest end of the file (ids grow with time).
func (s *Store) Verifiable(since time.Time) ([]uint64, error) {
	var out []uint64
	floor := model.SnowflakeID(since, 0)
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPosts).Cursor()
		for k, v := c.Last(); k != nil && binary.BigEndian.Uint64(k) >= floor; k, v = c.Prev() {
			var p model.Post
			if json.Unmarshal(v, &p) == nil && !p.Kind.IsDM() && !p.Kind.Gone() {
				out = append(out, p.Target())
			}
		}
		return nil
	})
	return out, err
}
