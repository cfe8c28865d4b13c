package store

import (
	"context"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// Rule is what config.toml's [[rule]] does to a post that matches its
// query as it is stored: tags, a status, a snooze, a note on its
// conversation.
type Rule struct {
	Name string
	// Query is the rule's query, and Text it as written.
	Query search.Node
	Text  string
	Tags  []string
	// Status, when set, is the conversation's status after the post.
	Status Status
	// Snooze, when set, snoozes the conversation for that long.
	Snooze time.Duration
	// Note, when set, is kept on the conversation.
	Note string
}

// applyRules runs the store's rules on the posts a batch added, in the
// batch's transaction: a post is never stored without its rules having
// run. Posts of the shop's own are not ruled.
func (s *Store) applyRules(tx *bolt.Tx, added []model.Post, now time.Time) error {
	if len(s.rules) == 0 {
		return nil
	}
	r := s.reader(tx)
	for _, p := range added {
		if p.Kind.Ours() {
			continue
		}
		for _, rule := range s.rules {
			if err := s.ruleOn(tx, r, rule, p, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// ruleOn applies a rule to one post's conversation when the post matches.
func (s *Store) ruleOn(tx *bolt.Tx, r *reader, rule Rule, p model.Post, now time.Time) error {
	c, found, err := loadConversation(tx, p.ConversationID)
	if err != nil || !found {
		return err
	}
	doc := r.doc(p)
	doc.Tags, doc.Status = c.Tags, string(c.Status)
	if !search.Match(rule.Query, doc, now) {
		return nil
	}
	next := c
	next.Tags = slices.Clone(c.Tags)
	rule.change(&next, now)
	if err := saveConversation(tx, s.index, &c, next); err != nil {
		return err
	}
	if rule.Note == "" {
		return nil
	}
	_, _, err = s.putNote(tx, bucketNotes, c.ID, rule.Note+" (rule "+rule.Name+")", now)
	return err
}

// change makes the rule's changes to a conversation.
func (rule Rule) change(c *Conversation, now time.Time) {
	for _, t := range rule.Tags {
		if !slices.Contains(c.Tags, t) {
			c.Tags = append(c.Tags, t)
		}
	}
	slices.Sort(c.Tags)
	if rule.Status != "" {
		c.Status = rule.Status
	}
	if rule.Snooze > 0 {
		c.SnoozeUntil, c.Woken = now.Add(rule.Snooze), false
	}
}

// ApplyRule runs a rule on the history: every stored post from others
// that matches it (at most limit), as if it came now. It returns what
// undoes it and how many conversations it changed.
func (s *Store) ApplyRule(ctx context.Context, rule Rule, limit int, now time.Time) (Undo, int, error) {
	ids, err := s.SearchIDs(ctx, rule.Query, 0, limit, now)
	if err != nil {
		return Undo{}, 0, err
	}
	var convs []uint64
	for _, id := range ids {
		p, found, err := s.Post(id)
		if err != nil || !found || p.Kind.Ours() || slices.Contains(convs, p.ConversationID) {
			continue
		}
		convs = append(convs, p.ConversationID)
	}
	u, err := s.change(convs, func(_ *bolt.Tx, c *Conversation) error {
		rule.change(c, now)
		return nil
	})
	if err != nil || rule.Note == "" {
		return u, len(convs), err
	}
	for _, id := range convs {
		_, nu, err := s.AddNote(id, rule.Note+" (rule "+rule.Name+")", now)
		if err != nil {
			return u, len(convs), err
		}
		u.notes = append(u.notes, nu.notes...)
	}
	return u, len(convs), nil
}

// undoRecord is an Undo as the file keeps it between commands.
type undoRecord struct {
	Convs  []Conversation `json:"convs"`
	Unread [][]uint64     `json:"unread"`
	Notes  [][2][]byte    `json:"notes"`
}

// KeepUndo keeps u in the file under name, for a later command to take
// back (hark rules apply, then hark rules undo).
func (s *Store) KeepUndo(name string, u Undo) error {
	rec := undoRecord{Notes: u.notes}
	for _, snap := range u.snapshots {
		rec.Convs, rec.Unread = append(rec.Convs, snap.conv), append(rec.Unread, snap.unread)
	}
	return s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketMeta), []byte(metaUndoPrefix+name), rec)
	})
}

// TakeBackKept undoes what KeepUndo kept under name, once; false when
// nothing is kept.
func (s *Store) TakeBackKept(name string) (bool, error) {
	var rec undoRecord
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketMeta), []byte(metaUndoPrefix+name), &rec)
		return err
	})
	if err != nil || !found {
		return false, err
	}
	u := Undo{notes: rec.Notes}
	for i, c := range rec.Convs {
		u.snapshots = append(u.snapshots, snapshot{conv: c, unread: rec.Unread[i]})
	}
	if err := s.Undo(u); err != nil {
		return true, err
	}
	return true, s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Delete([]byte(metaUndoPrefix + name))
	})
}
