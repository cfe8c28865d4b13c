package store

import (
	"errors"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// The team's part of the store (17): who a conversation is assigned to,
// and the per-person list "Mine" reads. A person is a name of config's
// [team.people]; "" is the owner alone (no team) or nobody.

// minePrefix starts the name of a person's Mine view (Mine).
const minePrefix = "mine:"

// Mine is the view of the conversations assigned to person that are
// still to handle (open or waiting, snoozed or not): the team's "Mine".
func Mine(person string) View { return View(minePrefix + person) }

// MineOf names the person whose Mine view v is; false for another view.
func (v View) MineOf() (string, bool) {
	base, _ := v.Scope()
	return strings.CutPrefix(string(base), minePrefix)
}

// inMine reports whether c belongs in its assignee's Mine view.
func (c Conversation) inMine() bool {
	return c.Assignee != "" && (c.Status == StatusOpen || c.Status == StatusWaiting)
}

// viewIndex is the bucket listing view v's conversations by sort key: a
// person's Mine view is their own bucket within `assigned`; nil when it
// holds nothing yet.
func viewIndex(tx *bolt.Tx, v View) *bolt.Bucket {
	if person, ok := v.MineOf(); ok {
		if person == "" {
			return nil
		}
		return tx.Bucket(bucketAssigned).Bucket([]byte(person))
	}
	return tx.Bucket(viewBucket(v))
}

// refileMine moves a conversation in or out of its assignees' Mine views
// by what changed since prev; saveConversation and dropConversation call
// it, the one way `assigned` is written.
func refileMine(tx *bolt.Tx, prev, c Conversation, dropped bool) error {
	was, is := prev.inMine(), c.inMine() && !dropped
	same := was && is && prev.Assignee == c.Assignee && prev.SortKey == c.SortKey
	if same {
		return nil
	}
	root := tx.Bucket(bucketAssigned)
	if was {
		if b := root.Bucket([]byte(prev.Assignee)); b != nil {
			if err := b.Delete(pairKey(prev.SortKey, c.ID)); err != nil {
				return err
			}
		}
	}
	if !is {
		return nil
	}
	b, err := root.CreateBucketIfNotExists([]byte(c.Assignee))
	if err != nil {
		return err
	}
	b.FillPercent = appendFill
	return b.Put(pairKey(c.SortKey, c.ID), nil)
}

// ErrNoPerson refuses an assignment to a name that is not a person's.
var ErrNoPerson = errors.New("no one of that name")

// Assign gives conversations to person ("" takes them from whoever had
// them), by who did it; undoable as any triage.
func (s *Store) Assign(ids []uint64, person, by string) (Undo, error) {
	if strings.ContainsAny(person, "\x00/ ") {
		return Undo{}, ErrNoPerson
	}
	return s.change(ids, func(_ *bolt.Tx, c *Conversation) error {
		c.Assignee, c.AssignedBy = person, by
		c.Woken = false
		return nil
	})
}
