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

// draftKey is where person's draft in a conversation is kept: the bare
// conversation id for the owner alone (""), else it and the name (17).
func draftKey(convID uint64, person string) []byte {
	return append(idKey(convID), person...)
}

// SaveDraft keeps person's draft in a conversation ("" the owner alone);
// empty text (or only spaces) removes it. The same text again writes
// nothing. This is the one way drafts are written.
func (s *Store) SaveDraft(convID uint64, person, text string, at time.Time) error {
	var was Draft
	var found bool
	key := draftKey(convID, person)
	if err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketDrafts), key, &was)
		return err
	}); err != nil {
		found = false // a damaged draft is written over
	}
	empty := strings.TrimSpace(text) == ""
	if found && was.Text == text || !found && empty {
		return nil
	}
	return s.write(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if empty {
			return b.Delete(key)
		}
		return putJSON(b, key, Draft{Text: text, At: at.UTC()})
	})
}

// Drafts are person's draft in every conversation, by conversation id
// ("" the owner alone's). A damaged draft is passed over.
func (s *Store) Drafts(person string) (map[uint64]Draft, error) {
	out := map[uint64]Draft{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDrafts).ForEach(func(k, v []byte) error {
			var d Draft
			if len(k) == 8+len(person) && string(k[8:]) == person && json.Unmarshal(v, &d) == nil {
				out[binary.BigEndian.Uint64(k)] = d
			}
			return nil
		})
	})
	return out, err
}
