package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// SourceState is what the store knows of one source: when it last read
// X to the end, and how many stored posts it found.
type SourceState struct {
	Name     string    `json:"-"`
	LastSync time.Time `json:"last_sync,omitzero"`
	Posts    int       `json:"posts"`
}

// Sources returns the state of every source that has stored anything or
// synced, by name.
func (s *Store) Sources() (map[string]SourceState, error) {
	out := map[string]SourceState{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSources).ForEach(func(k, _ []byte) error {
			st, err := sourceState(tx, string(k))
			out[st.Name] = st
			return err
		})
	})
	return out, err
}

// sourceState reads one source's state (empty when unknown).
func sourceState(tx *bolt.Tx, name string) (SourceState, error) {
	st := SourceState{Name: name}
	_, err := getJSON(tx.Bucket(bucketSources), []byte(name), &st)
	st.Name = name
	return st, err
}

// noteSources adds to each source's count of posts found, and records a
// sync that read X to the end.
func noteSources(tx *bolt.Tx, found map[string]int, synced string, at time.Time) error {
	if synced != "" {
		found[synced] += 0
	}
	for name, n := range found {
		st, err := sourceState(tx, name)
		if err != nil {
			return err
		}
		st.Posts += n
		if name == synced {
			st.LastSync = at
		}
		if err := putJSON(tx.Bucket(bucketSources), []byte(name), st); err != nil {
			return err
		}
	}
	return nil
}
