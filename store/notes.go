package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Note is an internal note: never sent, kept on a conversation or a person.
type Note struct {
	ID   uint64    `json:"id"`
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// AddNote keeps a note on a conversation.
func (s *Store) AddNote(convID uint64, text string, at time.Time) (Note, Undo, error) {
	return s.addNote(bucketNotes, convID, text, at, func(tx *bolt.Tx) error {
		if _, found, err := loadConversation(tx, convID); err != nil || !found {
			return fmt.Errorf("no conversation %d", convID)
		}
		return nil
	})
}

// AddPersonNote keeps a note on a person.
func (s *Store) AddPersonNote(userID uint64, text string, at time.Time) (Note, Undo, error) {
	return s.addNote(bucketPersonNotes, userID, text, at, func(tx *bolt.Tx) error {
		if tx.Bucket(bucketUsers).Get(idKey(userID)) == nil {
			return fmt.Errorf("no person %d", userID)
		}
		return nil
	})
}

func (s *Store) addNote(bucket []byte, owner uint64, text string, at time.Time, check func(*bolt.Tx) error) (Note, Undo, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Note{}, Undo{}, fmt.Errorf("empty note")
	}
	var n Note
	var u Undo
	err := s.update(func(tx *bolt.Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		b := tx.Bucket(bucket)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		n = Note{ID: seq, At: at.UTC(), Text: text}
		key := pairKey(owner, seq)
		u.notes = append(u.notes, [2][]byte{bucket, key})
		return putJSON(b, key, n)
	})
	return n, u, err
}

// Notes returns a conversation's notes, oldest first.
func (s *Store) Notes(convID uint64) ([]Note, error) { return s.notes(bucketNotes, convID) }

// PersonNotes returns a person's notes, oldest first.
func (s *Store) PersonNotes(userID uint64) ([]Note, error) { return s.notes(bucketPersonNotes, userID) }

func (s *Store) notes(bucket []byte, owner uint64) ([]Note, error) {
	var out []Note
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		prefix := idKey(owner)
		for k, v := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, v = c.Next() {
			var n Note
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
	})
	return out, err
}
