package store

import (
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// InboxKey is a conversation's place in a view (newest first). The zero
// key stands before the newest conversation.
type InboxKey [16]byte

// Row is one line of a view: a conversation, its newest post and the
// customer.
type Row struct {
	Key          InboxKey
	Conversation Conversation
	Last         model.Post
	Customer     model.User
	// MoreOpen counts the customer's other open conversations (of the
	// newest few of theirs read; MoreOpenFloor when there were more):
	// "2 more open from @nina". Filled in by CountOpen, for the rows
	// shown only.
	MoreOpen      int
	MoreOpenFloor bool
}

// Inbox returns up to n rows of view v older than after (from the newest
// when after is zero), newest first. Lists page with it instead of loading
// all.
func (s *Store) Inbox(v View, after InboxKey, n int) ([]Row, error) {
	return s.rows(v, n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		if after == (InboxKey{}) {
			k, _ := c.Last()
			return k, c.Prev
		}
		// Seek finds the first key at or past after; the row before it is
		// the first one older than after.
		if k, _ := c.Seek(after[:]); k == nil {
			k, _ = c.Last()
			return k, c.Prev
		}
		k, _ := c.Prev()
		return k, c.Prev
	})
}

// InboxBefore returns up to n rows of view v newer than before, newest
// first: the page above a given row.
func (s *Store) InboxBefore(v View, before InboxKey, n int) ([]Row, error) {
	rows, err := s.rows(v, n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		k, _ := c.Seek(before[:])
		if k != nil && string(k) == string(before[:]) {
			k, _ = c.Next()
		}
		return k, c.Next
	})
	slices.Reverse(rows)
	return rows, err
}

// InboxOldest returns the n oldest rows of view v, newest first: the last
// page.
func (s *Store) InboxOldest(v View, n int) ([]Row, error) {
	rows, err := s.rows(v, n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		k, _ := c.First()
		return k, c.Next
	})
	slices.Reverse(rows)
	return rows, err
}

// rows walks a view's index from where start puts the cursor; a view
// narrowed to an account (View.For) passes over the others'.
func (s *Store) rows(v View, n int, start func(*bolt.Cursor) ([]byte, func() ([]byte, []byte))) ([]Row, error) {
	var out []Row
	_, account := v.Scope()
	err := s.view(func(tx *bolt.Tx) error {
		b := viewIndex(tx, v)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		k, step := start(c)
		own := ownAccount(tx, account)
		for ; k != nil && len(out) < n; k, _ = step() {
			_, convID := splitPair(k)
			c, _, err := loadConversation(tx, convID)
			if err != nil {
				return err
			}
			if account != 0 && c.Account != account && !(c.Account == 0 && own) {
				continue
			}
			row, err := rowOf(tx, k, c)
			if err != nil {
				return err
			}
			out = append(out, row)
		}
		return nil
	})
	return out, err
}

// ownAccount reports whether account is the database's own, whose are
// the conversations that name none (read once per list, not per row).
func ownAccount(tx *bolt.Tx, account uint64) bool {
	if account == 0 {
		return false
	}
	var u model.User
	_, _ = getJSON(tx.Bucket(bucketMeta), []byte(metaAccount), &u)
	return u.ID == account
}

// rowOf is a view key's row, its conversation c already read.
func rowOf(tx *bolt.Tx, k []byte, c Conversation) (Row, error) {
	var row Row
	copy(row.Key[:], k)
	row.Conversation = c
	if _, err := getJSON(tx.Bucket(bucketPosts), idKey(c.LastPostID), &row.Last); err != nil {
		return row, err
	}
	if _, err := getJSON(tx.Bucket(bucketUsers), idKey(c.CustomerID), &row.Customer); err != nil {
		return row, err
	}
	return row, nil
}

// Counts are the sizes of the views, kept up to date on every write.
type Counts struct {
	ByView map[View]int
	// Unread is the number of conversations with unread posts.
	Unread int
	// Mine is the size of a person's Mine view, when asked (CountsFor).
	Mine int
}

// Counts returns the sizes of the views.
func (s *Store) Counts() (Counts, error) { return s.CountsFor("") }

// CountsFor returns the sizes of the views, and of person's Mine view
// ("": none), in one read.
func (s *Store) CountsFor(person string) (Counts, error) {
	c := Counts{ByView: map[View]int{}}
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for _, v := range Views {
			c.ByView[v] = int(getUint(meta, metaCountPrefix+string(v)))
		}
		c.Unread = c.ByView[ViewUnread]
		if b := viewIndex(tx, Mine(person)); b != nil {
			c.Mine = b.Stats().KeyN
		}
		return nil
	})
	return c, err
}

// Conversation returns one conversation.
func (s *Store) Conversation(id uint64) (Conversation, bool, error) {
	var c Conversation
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		c, found, err = loadConversation(tx, id)
		return err
	})
	return c, found, err
}
