package store

import (
	"encoding/binary"
	"encoding/json"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Draft is the reply being written in a conversation, kept in the file so
// that a quit or a crash never loses the owner's words.
type Draft struct {
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// SaveDraft keeps a conversation's draft; empty text (or only spaces)
// removes it. The same text again writes nothing. This is the one way
// drafts are written.
func (s *Store) SaveDraft(convID uint64, text string, at time.Time) error {
	var was Draft
	var found bool
	if err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketDrafts), idKey(convID), &was)
		return err
	}); err != nil {
		found = false // a damaged draft is written over
	}
	empty := strings.TrimSpace(text) == ""
	if found && was.Text == text || !found && empty {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if empty {
			return b.Delete(idKey(convID))
		}
		return putJSON(b, idKey(convID), Draft{Text: text, At: at.UTC()})
	})
}

// Drafts are every conversation's draft, by conversation id. A damaged
// draft is passed over.
func (s *Store) Drafts() (map[uint64]Draft, error) {
	out := map[uint64]Draft{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDrafts).ForEach(func(k, v []byte) error {
			var d Draft
			if len(k) == 8 && json.Unmarshal(v, &d) == nil {
				out[binary.BigEndian.Uint64(k)] = d
			}
			return nil
		})
	})
	return out, err
}
