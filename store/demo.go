package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// DemoEpoch returns when the demo's simulated world in this file began,
// and whether one did.
func (s *Store) DemoEpoch() (time.Time, bool, error) {
	var t time.Time
	var found bool
	err := s.view(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketMeta).Get([]byte(metaDemoEpoch))
		if raw == nil {
			return nil
		}
		found = true
		return t.UnmarshalText(raw)
	})
	return t, found, err
}

// SetDemoEpoch records when the demo's simulated world began.
func (s *Store) SetDemoEpoch(t time.Time) error {
	raw, err := t.UTC().MarshalText()
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(metaDemoEpoch), raw)
	})
}
