package store

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// Undo holds what a triage action changed, to put it back.
type Undo struct {
	snapshots []snapshot
	notes     [][2][]byte // bucket and key of notes the action added
	views     *savedViews // the saved views before the action changed them
}

// snapshot is a conversation as it was, with its unread posts.
type snapshot struct {
	conv   Conversation
	unread []uint64
}

// Empty reports whether there is nothing to undo.
func (u Undo) Empty() bool { return len(u.snapshots) == 0 && len(u.notes) == 0 && u.views == nil }

// change applies fn to each conversation in one transaction, keeping their
// former state for Undo.
func (s *Store) change(ids []uint64, fn func(*bolt.Tx, *Conversation) error) (Undo, error) {
	var u Undo
	err := s.update(func(tx *bolt.Tx) error {
		for _, id := range ids {
			c, found, err := loadConversation(tx, id)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("no conversation %d", id)
			}
			u.snapshots = append(u.snapshots, snapshot{conv: c, unread: unreadPosts(tx, id)})
			next := c
			next.Tags = slices.Clone(c.Tags)
			if err := fn(tx, &next); err != nil {
				return err
			}
			if err := saveConversation(tx, s.index, &c, next); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Undo{}, err
	}
	return u, nil
}

// SetStatus sets the status of conversations; it also ends a snooze.
// Done means handled, so it marks the conversation read too. by is the
// person of the team who set it ("" the owner alone).
func (s *Store) SetStatus(ids []uint64, st Status, by string) (Undo, error) {
	return s.change(ids, func(tx *bolt.Tx, c *Conversation) error {
		c.Status, c.SnoozeUntil, c.Woken, c.StatusSetAt = st, time.Time{}, false, time.Now().UTC()
		c.StatusBy = by
		if st == StatusDone {
			c.DoneAt = time.Now().UTC()
			return setUnread(tx, c, nil)
		}
		return nil
	})
}

// Tag adds and removes tags on conversations. Tags are lower-cased, a
// leading # dropped; letters, digits, - and _ only.
func (s *Store) Tag(ids []uint64, add, remove []string) (Undo, error) {
	add, err := normalizeTags(add)
	if err != nil {
		return Undo{}, err
	}
	if remove, err = normalizeTags(remove); err != nil {
		return Undo{}, err
	}
	return s.change(ids, func(_ *bolt.Tx, c *Conversation) error {
		for _, t := range add {
			if !slices.Contains(c.Tags, t) {
				c.Tags = append(c.Tags, t)
			}
		}
		c.Tags = slices.DeleteFunc(c.Tags, func(t string) bool { return slices.Contains(remove, t) })
		slices.Sort(c.Tags)
		c.Woken = false
		return nil
	})
}

// TagEdits reads tag words as the TUI's t and hark tag take them
// ("+refund -shipping vip"): a leading - removes a tag, anything else
// (a leading + or none) adds one.
func TagEdits(words []string) (add, remove []string) {
	for _, w := range words {
		if t, ok := strings.CutPrefix(w, "-"); ok {
			remove = append(remove, t)
		} else {
			add = append(add, strings.TrimPrefix(w, "+"))
		}
	}
	return add, remove
}

// NormalizeTag returns a tag as the store keeps it, or an error saying why
// it cannot be one.
func NormalizeTag(t string) (string, error) {
	t = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t), "#"))
	if t == "" {
		return "", fmt.Errorf("empty tag")
	}
	for _, r := range t {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return "", fmt.Errorf("bad tag %q: letters, digits, - and _ only", t)
		}
	}
	return t, nil
}

func normalizeTags(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, t := range in {
		n, err := NormalizeTag(t)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// TagNamedBy is the tag a one-word query names, and how many
// conversations carry it; "" and 0 for another query or a tag in none.
// Rows show tags as #refund, and a word searches the posts' text, not
// the tags: the search view and hark search point from the word to
// tag:refund with it.
func (s *Store) TagNamedBy(q search.Node) (tag string, uses uint64, err error) {
	term, ok := q.(search.Term)
	if !ok {
		return "", 0, nil
	}
	if tag, err = NormalizeTag(term.Term); err != nil {
		return "", 0, nil // not a tag's name at all
	}
	err = s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketTags).Get([]byte(tag)); len(v) == 8 {
			uses = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	if uses == 0 {
		tag = ""
	}
	return tag, uses, err
}

// Tags returns every tag in use, most used first.
func (s *Store) Tags() ([]string, error) {
	type tagCount struct {
		tag string
		n   uint64
	}
	var all []tagCount
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTags).ForEach(func(k, v []byte) error {
			all = append(all, tagCount{string(k), binary.BigEndian.Uint64(v)})
			return nil
		})
	})
	slices.SortStableFunc(all, func(a, b tagCount) int { return cmp.Compare(b.n, a.n) })
	out := make([]string, len(all))
	for i, t := range all {
		out[i] = t.tag
	}
	return out, err
}

// Snooze takes conversations out of the inbox until a time; a post from
// the customer brings them back sooner.
func (s *Store) Snooze(ids []uint64, until time.Time) (Undo, error) {
	if until.Year() >= 2262 || until.Before(time.Unix(0, 0)) {
		return Undo{}, fmt.Errorf("cannot snooze until %s: wake-up times are kept in nanoseconds since 1970, which end in 2262", until.Format("2006-01-02"))
	}
	return s.change(ids, func(_ *bolt.Tx, c *Conversation) error {
		c.SnoozeUntil, c.Woken = until.UTC(), false
		return nil
	})
}

// WakeDue brings back the conversations whose snooze ended by now, on top
// of the lists and marked as woken, and returns them.
func (s *Store) WakeDue(now time.Time) ([]uint64, error) {
	var due bool
	if err := s.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketSnoozeDue).Cursor().First()
		due = k != nil && int64(binary.BigEndian.Uint64(k[:8])) <= now.UnixNano()
		return nil
	}); err != nil || !due {
		return nil, err // nothing to wake: no write
	}
	var woken []uint64
	err := s.update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSnoozeDue).Cursor()
		var due [][2]uint64
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			at, id := splitPair(k)
			if int64(at) > now.UnixNano() {
				break
			}
			due = append(due, [2]uint64{at, id})
		}
		for _, d := range due {
			prev, found, err := loadConversation(tx, d[1])
			if err != nil || !found {
				return err
			}
			next := prev
			next.SnoozeUntil, next.Woken = time.Time{}, true
			next.SortKey = max(next.SortKey, model.SnowflakeID(time.Unix(0, int64(d[0])), 0))
			if err := saveConversation(tx, s.index, &prev, next); err != nil {
				return err
			}
			woken = append(woken, d[1])
		}
		return nil
	})
	return woken, err
}

// MarkRead marks every post of a conversation as seen.
func (s *Store) MarkRead(id uint64) (Undo, error) {
	return s.change([]uint64{id}, func(tx *bolt.Tx, c *Conversation) error {
		c.Woken = false
		return setUnread(tx, c, nil)
	})
}

// ToggleUnread marks a read conversation unread (its customer's newest
// post) and an unread one read.
func (s *Store) ToggleUnread(ids []uint64) (Undo, error) {
	return s.change(ids, func(tx *bolt.Tx, c *Conversation) error {
		if c.Unread > 0 {
			return setUnread(tx, c, nil)
		}
		if id := newestInbound(tx, c.ID); id != 0 {
			return setUnread(tx, c, []uint64{id})
		}
		return nil
	})
}

// Undo puts back what an action changed.
func (s *Store) Undo(u Undo) error {
	return s.update(func(tx *bolt.Tx) error {
		for i := len(u.snapshots) - 1; i >= 0; i-- {
			snap := u.snapshots[i]
			cur, _, err := loadConversation(tx, snap.conv.ID)
			if err != nil {
				return err
			}
			restored := snap.conv
			if err := setUnread(tx, &restored, snap.unread); err != nil {
				return err
			}
			if err := saveConversation(tx, s.index, &cur, restored); err != nil {
				return err
			}
		}
		for _, n := range u.notes {
			if err := s.deleteNote(tx, n[0], n[1]); err != nil {
				return err
			}
		}
		return restoreViews(tx, u)
	})
}

// setUnread makes exactly the given posts of c unread.
func setUnread(tx *bolt.Tx, c *Conversation, posts []uint64) error {
	b := tx.Bucket(bucketUnread)
	for _, id := range unreadPosts(tx, c.ID) {
		if err := b.Delete(idKey(id)); err != nil {
			return err
		}
	}
	for _, id := range posts {
		if err := b.Put(idKey(id), idKey(c.ID)); err != nil {
			return err
		}
	}
	c.Unread = len(posts)
	return nil
}

// unreadPosts lists the unread posts of a conversation.
func unreadPosts(tx *bolt.Tx, convID uint64) []uint64 {
	var out []uint64
	unread := tx.Bucket(bucketUnread)
	eachPostID(tx, convID, func(id uint64) {
		if unread.Get(idKey(id)) != nil {
			out = append(out, id)
		}
	})
	return out
}

// newestInbound is the id of the conversation's newest post not by us.
func newestInbound(tx *bolt.Tx, convID uint64) uint64 {
	var newest uint64
	posts := tx.Bucket(bucketPosts)
	eachPostID(tx, convID, func(id uint64) {
		var p model.Post
		if found, err := getJSON(posts, idKey(id), &p); err == nil && found && !p.Kind.Ours() {
			newest = id
		}
	})
	return newest
}

// eachPostID calls fn with the ids of a conversation's posts, oldest first.
func eachPostID(tx *bolt.Tx, convID uint64, fn func(uint64)) {
	c := tx.Bucket(bucketConvPosts).Cursor()
	prefix := idKey(convID)
	for k, _ := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, _ = c.Next() {
		_, id := splitPair(k)
		fn(id)
	}
}
