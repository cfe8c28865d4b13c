package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// InboxKey is a conversation's place in the inbox order (newest activity
// first). The zero key stands before the newest conversation.
type InboxKey [16]byte

// Row is one inbox line: a conversation, its newest post and the customer.
type Row struct {
	Key          InboxKey
	Conversation Conversation
	Last         model.Post
	Customer     model.User
}

// Inbox returns up to n rows older than after (from the newest when after
// is zero), newest first. The inbox pages with it instead of loading all.
func (s *Store) Inbox(after InboxKey, n int) ([]Row, error) {
	return s.rows(n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
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

// InboxBefore returns up to n rows newer than before, newest first: the
// page above a given row.
func (s *Store) InboxBefore(before InboxKey, n int) ([]Row, error) {
	rows, err := s.rows(n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		k, _ := c.Seek(before[:])
		if k != nil && bytes.Equal(k, before[:]) {
			k, _ = c.Next()
		}
		return k, c.Next
	})
	reverse(rows)
	return rows, err
}

// InboxOldest returns the n oldest rows, newest first: the last page.
func (s *Store) InboxOldest(n int) ([]Row, error) {
	rows, err := s.rows(n, func(c *bolt.Cursor) ([]byte, func() ([]byte, []byte)) {
		k, _ := c.First()
		return k, c.Next
	})
	reverse(rows)
	return rows, err
}

// rows walks the activity index from where start puts the cursor.
func (s *Store) rows(n int, start func(*bolt.Cursor) ([]byte, func() ([]byte, []byte))) ([]Row, error) {
	var out []Row
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketActivity).Cursor()
		k, step := start(c)
		for ; k != nil && len(out) < n; k, _ = step() {
			row, err := loadRow(tx, k)
			if err != nil {
				return err
			}
			out = append(out, row)
		}
		return nil
	})
	return out, err
}

func loadRow(tx *bolt.Tx, k []byte) (Row, error) {
	var row Row
	copy(row.Key[:], k)
	lastID, convID := splitPair(k)
	if _, err := getJSON(tx.Bucket(bucketConvs), idKey(convID), &row.Conversation); err != nil {
		return row, err
	}
	if _, err := getJSON(tx.Bucket(bucketPosts), idKey(lastID), &row.Last); err != nil {
		return row, err
	}
	if _, err := getJSON(tx.Bucket(bucketUsers), idKey(row.Conversation.CustomerID), &row.Customer); err != nil {
		return row, err
	}
	return row, nil
}

func reverse(rows []Row) {
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
}

// Counts are the inbox totals the status bar shows.
type Counts struct {
	Conversations int
	// Unread is the number of conversations with unread posts.
	Unread int
}

// Counts returns the totals, kept up to date on every write.
func (s *Store) Counts() (Counts, error) {
	var c Counts
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		c.Conversations = int(getUint(meta, "conversations"))
		c.Unread = int(getUint(meta, "unread"))
		return nil
	})
	return c, err
}

// MarkRead marks every post of a conversation as seen.
func (s *Store) MarkRead(conversationID uint64) error {
	return s.update(func(tx *bolt.Tx) error {
		convs, meta := tx.Bucket(bucketConvs), tx.Bucket(bucketMeta)
		var c Conversation
		found, err := getJSON(convs, idKey(conversationID), &c)
		if err != nil || !found || c.Unread == 0 {
			return err
		}
		c.Unread = 0
		if err := putUint(meta, "unread", getUint(meta, "unread")-1); err != nil {
			return err
		}
		return putJSON(convs, idKey(c.ID), c)
	})
}
