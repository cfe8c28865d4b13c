package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// Note is an internal note: never sent, kept on a conversation or a person.
type Note struct {
	ID   uint64    `json:"id"`
	At   time.Time `json:"at"`
	Text string    `json:"text"`
	// By is the person of the team who wrote it (17); "" for the owner
	// alone, or a rule.
	By string `json:"by,omitempty"`
}

// AddNote keeps a note on a conversation.
func (s *Store) AddNote(convID uint64, text string, at time.Time, by string) (Note, Undo, error) {
	return s.addNote(bucketNotes, convID, Note{Text: text, At: at, By: by}, func(tx *bolt.Tx) error {
		if _, found, err := loadConversation(tx, convID); err != nil || !found {
			return fmt.Errorf("no conversation %d", convID)
		}
		return nil
	})
}

// AddPersonNote keeps a note on a person.
func (s *Store) AddPersonNote(userID uint64, text string, at time.Time, by string) (Note, Undo, error) {
	return s.addNote(bucketPersonNotes, userID, Note{Text: text, At: at, By: by}, func(tx *bolt.Tx) error {
		if tx.Bucket(bucketUsers).Get(idKey(userID)) == nil {
			return fmt.Errorf("no person %d", userID)
		}
		return nil
	})
}

func (s *Store) addNote(bucket []byte, owner uint64, n Note, check func(*bolt.Tx) error) (Note, Undo, error) {
	if n.Text = strings.TrimSpace(n.Text); n.Text == "" {
		return Note{}, Undo{}, fmt.Errorf("empty note")
	}
	var u Undo
	err := s.update(func(tx *bolt.Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		var key []byte
		var err error
		n, key, err = s.putNote(tx, bucket, owner, n)
		u.notes = append(u.notes, [2][]byte{bucket, key})
		return err
	})
	return n, u, err
}

// putNote writes a note and indexes it, in tx: the one way notes are
// written (by the owner, the team, and rules). It returns the note, its
// id given, and its key.
func (s *Store) putNote(tx *bolt.Tx, bucket []byte, owner uint64, n Note) (Note, []byte, error) {
	b := tx.Bucket(bucket)
	seq, err := b.NextSequence()
	if err != nil {
		return Note{}, nil, err
	}
	n.ID, n.At = seq, n.At.UTC()
	text := n.Text
	key := pairKey(owner, seq)
	if err := putJSON(b, key, n); err != nil {
		return Note{}, nil, err
	}
	return n, key, s.index.Add(tx, noteEntries(bucket, owner, search.NoteWords(text)))
}

// noteEntries are the index entries of stems of an owner's notes (see
// search.NoteTerms): the owner's id under each stem's term.
func noteEntries(bucket []byte, owner uint64, stems []string) index.Entries {
	term := noteTerm(bucket)
	var e index.Entries
	for _, s := range stems {
		e.Add(term(s), owner, nil)
	}
	return e
}

// notesAbout are the texts of the notes on p's conversation and on its
// author, as search.Doc.Notes holds them.
func notesAbout(tx *bolt.Tx, p model.Post) []string {
	var out []string
	for _, n := range ownerNotes(tx, bucketNotes, p.ConversationID) {
		out = append(out, n.Text)
	}
	for _, n := range ownerNotes(tx, bucketPersonNotes, p.AuthorID) {
		out = append(out, n.Text)
	}
	return out
}

// noteTerm names the index term of a stem of the notes in bucket.
func noteTerm(bucket []byte) func(string) string {
	if string(bucket) == string(bucketPersonNotes) {
		return search.PersonNoteTerm
	}
	return search.ConvNoteTerm
}

// deleteNote removes a note and the index entries of the stems no other
// note of its owner holds.
func (s *Store) deleteNote(tx *bolt.Tx, bucket, key []byte) error {
	owner := binary.BigEndian.Uint64(key[:8])
	var gone Note
	if found, err := getJSON(tx.Bucket(bucket), key, &gone); err != nil || !found {
		return err
	}
	if err := tx.Bucket(bucket).Delete(key); err != nil {
		return err
	}
	kept := map[string]bool{}
	for _, n := range ownerNotes(tx, bucket, owner) {
		for _, s := range search.NoteWords(n.Text) {
			kept[s] = true
		}
	}
	var lost []string
	for _, s := range search.NoteWords(gone.Text) {
		if !kept[s] {
			lost = append(lost, s)
		}
	}
	return s.index.Remove(tx, noteEntries(bucket, owner, lost))
}

// ownerNotes reads an owner's notes in tx, oldest first; a damaged note
// is passed over.
func ownerNotes(tx *bolt.Tx, bucket []byte, owner uint64) []Note {
	var out []Note
	c := tx.Bucket(bucket).Cursor()
	prefix := idKey(owner)
	for k, v := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, v = c.Next() {
		var n Note
		if json.Unmarshal(v, &n) == nil {
			out = append(out, n)
		}
	}
	return out
}

// Notes returns a conversation's notes, oldest first.
func (s *Store) Notes(convID uint64) ([]Note, error) { return s.notes(bucketNotes, convID) }

// PersonNotes returns a person's notes, oldest first.
func (s *Store) PersonNotes(userID uint64) ([]Note, error) { return s.notes(bucketPersonNotes, userID) }

func (s *Store) notes(bucket []byte, owner uint64) ([]Note, error) {
	var out []Note
	err := s.view(func(tx *bolt.Tx) error {
		out = ownerNotes(tx, bucket, owner)
		return nil
	})
	return out, err
}

// allNoteEntries are the index entries of every note (for a reindex).
func allNoteEntries(tx *bolt.Tx) index.Entries {
	var all index.Entries
	for _, bucket := range [][]byte{bucketNotes, bucketPersonNotes} {
		term := noteTerm(bucket)
		tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			var n Note
			if len(k) == 16 && json.Unmarshal(v, &n) == nil {
				for _, s := range search.NoteWords(n.Text) {
					all.Add(term(s), binary.BigEndian.Uint64(k[:8]), nil)
				}
			}
			return nil
		})
	}
	return all
}
