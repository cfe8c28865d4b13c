package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/config"
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
	_, err = s.noteOnce(tx, rule, c.ID, now)
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
// that matches it (at most limit), as if it came now, and returns how
// many conversations it changed. It is one step, in one transaction with
// its journal (meta undo/rule:NAME): killed halfway it changed nothing;
// applied again before an undo it adds no note twice and the journal
// keeps each conversation as it was before the first apply, so that
// 'rules undo' (TakeBackKept) takes back every apply since the last undo.
func (s *Store) ApplyRule(ctx context.Context, rule Rule, limit int, now time.Time) (int, error) {
	ids, err := s.SearchIDs(ctx, rule.Query, 0, limit, now)
	if err != nil {
		return 0, err
	}
	var convs []uint64
	for _, id := range ids {
		p, found, err := s.Post(id)
		if err != nil || !found || p.Kind.Ours() || slices.Contains(convs, p.ConversationID) {
			continue
		}
		convs = append(convs, p.ConversationID)
	}
	key := []byte(metaUndoPrefix + RuleUndoName(rule.Name))
	return len(convs), s.update(func(tx *bolt.Tx) error {
		var rec undoRecord
		if _, err := getJSON(tx.Bucket(bucketMeta), key, &rec); err != nil {
			return err
		}
		kept := map[uint64]bool{}
		for _, c := range rec.Convs {
			kept[c.ID] = true
		}
		for _, id := range convs {
			if err := s.applyTo(tx, rule, id, now, &rec, kept); err != nil {
				return err
			}
		}
		return putJSON(tx.Bucket(bucketMeta), key, rec)
	})
}

// RuleUndoName is the name a rule's apply is kept under (KeepUndo).
func RuleUndoName(rule string) string { return "rule:" + rule }

// applyTo makes a rule's change to one conversation in tx, journaling
// in rec what it was (once: kept) and the note it added.
func (s *Store) applyTo(tx *bolt.Tx, rule Rule, id uint64, now time.Time, rec *undoRecord, kept map[uint64]bool) error {
	c, found, err := loadConversation(tx, id)
	if err != nil || !found {
		return err
	}
	if !kept[id] {
		rec.Convs, rec.Unread = append(rec.Convs, c), append(rec.Unread, unreadPosts(tx, id))
		kept[id] = true
	}
	next := c
	next.Tags = slices.Clone(c.Tags)
	rule.change(&next, now)
	if err := saveConversation(tx, s.index, &c, next); err != nil {
		return err
	}
	key, err := s.noteOnce(tx, rule, id, now)
	if key != nil {
		rec.Notes = append(rec.Notes, [2][]byte{bucketNotes, key})
	}
	return err
}

// ruleNote is the text of the note a rule keeps on a conversation.
func (rule Rule) ruleNote() string { return rule.Note + " (rule " + rule.Name + ")" }

// noteOnce keeps the rule's note on a conversation unless it is there
// already (a catch-all rule matches every post of a conversation, and
// its note is said once); it returns the new note's key, nil when none
// was added.
func (s *Store) noteOnce(tx *bolt.Tx, rule Rule, convID uint64, now time.Time) ([]byte, error) {
	if rule.Note == "" {
		return nil, nil
	}
	text := rule.ruleNote()
	prefix := idKey(convID)
	c := tx.Bucket(bucketNotes).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var n Note
		if err := json.Unmarshal(v, &n); err == nil && n.Text == text {
			return nil, nil
		}
	}
	_, key, err := s.putNote(tx, bucketNotes, convID, Note{Text: text, At: now})
	return key, err
}

// undoRecord is an Undo as the file keeps it between commands.
type undoRecord struct {
	Convs  []Conversation `json:"convs"`
	Unread [][]uint64     `json:"unread"`
	Notes  [][2][]byte    `json:"notes"`
}

// TakeBackKept undoes what was journaled under name (ApplyRule), once;
// false when nothing is kept.
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

// RulesOf makes the store's rules of config's [[rule]]s, refusing a bad
// query, tag or status where the rule is written (its At, FILE:LINE).
func RulesOf(specs []config.Rule) ([]Rule, error) {
	out := make([]Rule, 0, len(specs))
	for _, c := range specs {
		r, err := ruleOf(c)
		if err != nil {
			return nil, fmt.Errorf("%s: [[rule]] %q: %v", c.At, c.Name, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// ruleOf reads one [[rule]]'s query, tags and status.
func ruleOf(c config.Rule) (Rule, error) {
	r := Rule{Name: c.Name, Text: c.Query, Snooze: c.Snooze, Note: c.Note}
	q, err := search.Parse(c.Query)
	if err != nil {
		return r, fmt.Errorf("its query: %v", err)
	}
	r.Query = q
	for _, t := range c.Tags {
		norm, err := NormalizeTag(t)
		if err != nil {
			return r, fmt.Errorf("tag %q: %v", t, err)
		}
		r.Tags = append(r.Tags, norm)
	}
	if c.Status != "" {
		st, ok := ParseStatus(c.Status)
		if !ok {
			return r, fmt.Errorf("status %q: use %s", c.Status, SettableNames(", ", " or "))
		}
		r.Status = st
	}
	return r, nil
}
