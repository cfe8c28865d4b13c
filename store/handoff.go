package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// HandoffPending is a hand-off to e-mail begun and not known to be done:
// its mail may have left. It is written before the mail goes and
// removed with the note that says where it went, so that a hark killed
// between the two never mails the conversation a second time unasked.
type HandoffPending struct {
	Started time.Time `json:"started"`
	To      string    `json:"to,omitempty"`
}

func handoffKey(convID uint64) []byte {
	return append([]byte(metaHandoffPrefix), idKey(convID)...)
}

// BeginHandoff marks a conversation's hand-off as begun, unless one is
// marked already: then it returns that one (found), marks nothing, and
// the caller must not mail again unless the owner says so (again).
func (s *Store) BeginHandoff(convID uint64, p HandoffPending, again bool) (HandoffPending, bool, error) {
	var prev HandoffPending
	var found bool
	err := s.update(func(tx *bolt.Tx) (err error) {
		meta := tx.Bucket(bucketMeta)
		if found, err = getJSON(meta, handoffKey(convID), &prev); err != nil || found && !again {
			return err
		}
		return putJSON(meta, handoffKey(convID), p)
	})
	if again {
		found = false
	}
	return prev, found, err
}

// ForgetHandoff removes the mark of a hand-off whose mail did not leave
// (its command failed): it may be tried again.
func (s *Store) ForgetHandoff(convID uint64) error {
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Delete(handoffKey(convID))
	})
}

// FinishHandoff records a hand-off done, in one transaction: the note
// saying where it went, and the mark removed. The status is left as it
// is: nothing reached the customer yet (the DM asking for their address
// moves the conversation to waiting when it leaves, as any reply does).
// The Undo takes the note back; the mail, gone, stays gone.
func (s *Store) FinishHandoff(convID uint64, note string, now time.Time) (Undo, error) {
	var u Undo
	err := s.update(func(tx *bolt.Tx) error {
		if _, found, err := loadConversation(tx, convID); err != nil || !found {
			return err
		}
		_, key, err := s.putNote(tx, bucketNotes, convID, Note{Text: note, At: now})
		if err != nil {
			return err
		}
		u.notes = append(u.notes, [2][]byte{bucketNotes, key})
		return tx.Bucket(bucketMeta).Delete(handoffKey(convID))
	})
	return u, err
}
