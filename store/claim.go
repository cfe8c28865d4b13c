package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// Claimer names one live sender: the open of the database it runs in
// (a random session, new at each Open) and its number in that open. Only
// one process holds the file at a time (bbolt's lock), so a claim of
// another session's was made by a hark that is gone.
type Claimer string

// ErrClaimed refuses a claim, or a change of an item, while another live
// sender holds it: the sender skips the item, which is that sender's.
var ErrClaimed = errors.New("another sender of this hark is sending it")

// claims are the store's share of claiming: its session and the count
// of claimers it gave out.
type claims struct {
	session string
	count   atomic.Uint64
}

// newSession is a random name for one open of the database.
func newSession() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand's documented promise)
	return hex.EncodeToString(b[:])
}

// NewClaimer names a new sender of this open database. Each sender takes
// one and keeps it while it runs.
func (s *Store) NewClaimer() Claimer {
	return Claimer(fmt.Sprintf("%s/%d", s.claims.session, s.claims.count.Add(1)))
}

// live reports whether c is a claimer of this open of the database.
func (s *Store) live(c Claimer) bool {
	return c != "" && strings.HasPrefix(string(c), s.claims.session+"/")
}

// mayClaim says whether claimer may claim it: queued, or being sent by
// claimer itself, or by a claimer that is gone.
func (s *Store) mayClaim(it Item, claimer Claimer) error {
	switch {
	case it.State == Queued:
		return nil
	case it.State != Sending:
		return fmt.Errorf("item %d is %s: %w", it.ID, it.State, ErrClaimed)
	case it.ClaimedBy == claimer, !s.live(it.ClaimedBy):
		return nil
	}
	return fmt.Errorf("item %d: %w", it.ID, ErrClaimed)
}

// owns says whether claimer holds it: it is Sending under claimer's claim.
func (s *Store) owns(it Item, claimer Claimer) error {
	if it.State != Sending || it.ClaimedBy != claimer || claimer == "" {
		return fmt.Errorf("item %d is %s, not being sent by this sender: %w", it.ID, it.State, ErrClaimed)
	}
	return nil
}

// HeldElsewhere reports whether another live sender holds it: claimer
// must leave it alone.
func (s *Store) HeldElsewhere(it Item, claimer Claimer) bool {
	return it.State == Sending && it.ClaimedBy != claimer && s.live(it.ClaimedBy)
}

// Release lets go of claimer's claims (a sender that stops): the items
// it was sending stay Sending, to be looked for on X, by whichever
// sender comes next.
func (s *Store) Release(claimer Claimer) error {
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil {
			return nil
		}
		var held [][]byte
		err := b.ForEach(func(k, v []byte) error {
			if bytes.Contains(v, []byte(claimer)) { // most items were never this sender's: no decoding
				held = append(held, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range held {
			var it Item
			if _, err := getJSON(b, k, &it); err != nil {
				return err
			}
			if it.ClaimedBy == claimer {
				it.ClaimedBy = released
				if err := putJSON(b, k, it); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// released marks a claim its sender let go of: never live.
const released Claimer = "released"
