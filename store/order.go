package store

import (
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Order is the order a view's rows are listed in.
type Order int

// The orders.
const (
	// NewestFirst lists the latest activity first (every view's default).
	NewestFirst Order = iota
	// OldestFirst lists the conversation quiet longest first: in the
	// Inbox, the customer who has waited longest.
	OldestFirst
)

// String names the order as the TUI and config say it.
func (o Order) String() string {
	if o == OldestFirst {
		return "oldest first"
	}
	return "newest first"
}

// Page returns up to n rows of view v that follow after in order o (from
// the first when after is zero), in that order.
func (s *Store) Page(v View, o Order, after InboxKey, n int) ([]Row, error) {
	if o == NewestFirst {
		return s.Inbox(v, after, n)
	}
	return s.rows(v, n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		if after == (InboxKey{}) {
			k, _ := c.First()
			return k, c.Next
		}
		k, _ := c.Seek(after[:])
		if k != nil && string(k) == string(after[:]) {
			k, _ = c.Next()
		}
		return k, c.Next
	})
}

// PageBefore returns up to n rows of view v that come before before in
// order o, in that order: the page above a given row.
func (s *Store) PageBefore(v View, o Order, before InboxKey, n int) ([]Row, error) {
	if o == NewestFirst {
		return s.InboxBefore(v, before, n)
	}
	rows, err := s.rows(v, n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		if k, _ := c.Seek(before[:]); k == nil {
			k, _ = c.Last()
			return k, c.Prev
		}
		k, _ := c.Prev()
		return k, c.Prev
	})
	slices.Reverse(rows)
	return rows, err
}

// PageLast returns the last n rows of view v in order o, in that order.
func (s *Store) PageLast(v View, o Order, n int) ([]Row, error) {
	if o == NewestFirst {
		return s.InboxOldest(v, n)
	}
	rows, err := s.rows(v, n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		k, _ := c.Last()
		return k, c.Prev
	})
	slices.Reverse(rows)
	return rows, err
}

// Orders are the orders the owner chose, by built-in view (an account's
// narrowing shares its view's); a view not in it is NewestFirst.
func (s *Store) Orders() (map[View]Order, error) {
	out := map[View]Order{}
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, v := range Views {
			if o := Order(getUint(meta, metaOrderPrefix+string(v))); o != NewestFirst {
				out[v] = o
			}
		}
		return nil
	})
	return out, err
}

// SetOrder keeps the order of view v for the next time it is shown.
func (s *Store) SetOrder(v View, o Order) error {
	return s.update(func(tx *bolt.Tx) error {
		return putUint(tx.Bucket(bucketMeta), metaOrderPrefix+string(baseView(v)), uint64(o))
	})
}

func baseView(v View) View {
	base, _ := v.Scope()
	return base
}
