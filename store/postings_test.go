package store

import (
	"math/rand/v2"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestPostingsMatchASet adds and removes ids in random order and checks
// that walking the term newest first gives exactly the set.
func TestPostingsMatchASet(t *testing.T) {
	s := openTemp(t)
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[uint64]bool{}
	for round := range 40 {
		err := s.db.Update(func(tx *bolt.Tx) error {
			for range 50 {
				id := uint64(rng.IntN(3000) + 1)
				if rng.IntN(4) == 0 && round > 5 {
					delete(want, id)
					if err := removePosting(tx, "pen", id); err != nil {
						return err
					}
					continue
				}
				want[id] = true
				if err := addPosting(tx, "pen", id); err != nil {
					return err
				}
				if err := addPosting(tx, "paper", id); err != nil { // a neighbouring term
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var wantIDs []uint64
	for id := range want {
		wantIDs = append(wantIDs, id)
	}
	slices.Sort(wantIDs)
	slices.Reverse(wantIDs)
	var got []uint64
	s.db.View(func(tx *bolt.Tx) error {
		it := newTermIter(tx, "pen")
		for max := ^uint64(0); ; {
			id, ok := it.seek(max)
			if !ok {
				break
			}
			got = append(got, id)
			if id == 0 {
				break
			}
			max = id - 1
		}
		return nil
	})
	if !slices.Equal(got, wantIDs) {
		t.Errorf("walk gave %d ids, want %d", len(got), len(wantIDs))
	}
}
