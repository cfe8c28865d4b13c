package store

import (
	"bytes"
	"encoding/binary"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/spend"
)

// CountSpend records what one of X's answers billed, counted to source,
// on at's UTC day: a resource read again the same day is not counted
// again (X does not bill it twice), a request billed as such always is.
// It forgets the resources of earlier days, so the set it keeps to
// tell is one day's at most.
func (s *Store) CountSpend(at time.Time, source string, uses []spend.Use) error {
	if len(uses) == 0 {
		return nil // no write for nothing
	}
	return s.update(func(tx *bolt.Tx) error { return countSpend(tx, at, source, uses) })
}

// countSpend is CountSpend in tx.
func countSpend(tx *bolt.Tx, at time.Time, source string, uses []spend.Use) error {
	if len(uses) == 0 {
		return nil
	}
	day := spend.Day(at)
	seen := tx.Bucket(bucketSpendSeen)
	if err := forgetBefore(seen, day); err != nil {
		return err
	}
	counts := spend.Counts{}
	for _, u := range uses {
		if u.Kind == spend.PersonKnown && seen.Get(seenKey(day, spend.Use{Kind: spend.UserRead, ID: u.ID})) != nil {
			continue // read today already: an expansion would have cost nothing more
		}
		if u.ID != 0 {
			key := seenKey(day, u)
			if seen.Get(key) != nil {
				continue
			}
			if err := seen.Put(key, seenMark); err != nil {
				return err
			}
		}
		counts[u.Kind]++
	}
	b := tx.Bucket(bucketSpend)
	for kind, n := range counts {
		key := spendKey(day, source, kind)
		if err := putUint(b, key, getUint(b, key)+uint64(n)); err != nil {
			return err
		}
	}
	return nil
}

// SpendSince returns the counts of the UTC days from day on, oldest
// first.
func (s *Store) SpendSince(day string) ([]spend.Row, error) {
	var out []spend.Row
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSpend).Cursor()
		for k, v := c.Seek([]byte(day)); k != nil; k, v = c.Next() {
			parts := strings.SplitN(string(k), "\x00", 3)
			if len(parts) != 3 || len(v) != 8 {
				continue // not hark's; check would say so
			}
			out = append(out, spend.Row{
				Day:    parts[0],
				Source: parts[1],
				Kind:   spend.Kind(parts[2]),
				Count:  int(binary.BigEndian.Uint64(v)),
			})
		}
		return nil
	})
	return out, err
}

// seenMark is a seen resource's value. It is not nil: in the transaction
// that put it, bbolt's Get returns nil for a key put with a nil value, as
// for a missing one (measured with bbolt 1.5: a page's second read of a
// post went uncounted as seen), and one answer often holds a post twice
// (as a mention and as the post another mention replies to).
var seenMark = []byte{1}

// spendKey is day ‖ 0 ‖ source ‖ 0 ‖ kind (SCHEMA.md, spend).
func spendKey(day, source string, kind spend.Kind) string {
	return day + "\x00" + source + "\x00" + string(kind)
}

// seenKey is day ‖ 0 ‖ resource ‖ 0 ‖ id (SCHEMA.md, spend_seen).
func seenKey(day string, u spend.Use) []byte {
	return append([]byte(day+"\x00"+u.Kind.Resource()+"\x00"), idKey(u.ID)...)
}

// forgetBefore deletes the resources seen before day: keys start with
// their day, so they are the first ones.
func forgetBefore(seen *bolt.Bucket, day string) error {
	c := seen.Cursor()
	for k, _ := c.First(); k != nil && bytes.Compare(k, []byte(day)) < 0; k, _ = c.First() {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
