package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// Conversation is what the store keeps about one thread.
type Conversation struct {
	ID uint64 `json:"id"`
	// LastPostID is the newest post; it orders the inbox.
	LastPostID uint64    `json:"last_post_id"`
	LastAt     time.Time `json:"last_at"`
	// CustomerID is the author of the newest post that is not ours.
	CustomerID uint64 `json:"customer_id,omitempty"`
	Posts      int    `json:"posts"`
	// Unread counts posts from others not yet seen.
	Unread int `json:"unread"`
}

// Batch is one write: posts and the people in them, and optionally a
// cursor to move in the same transaction.
type Batch struct {
	Posts []model.Post
	Users []model.User
	// Source and Cursor, when Cursor is not 0, move the named source's
	// cursor forward to Cursor.
	Source string
	Cursor uint64
}

// Put stores a batch in one transaction and returns the posts that were
// new; a post already stored is left as it is, so nothing is stored twice.
func (s *Store) Put(b Batch) ([]model.Post, error) {
	var added []model.Post
	err := s.update(func(tx *bolt.Tx) error {
		users := tx.Bucket(bucketUsers)
		for _, u := range b.Users {
			if err := putJSON(users, idKey(u.ID), u); err != nil {
				return err
			}
		}
		for _, p := range b.Posts {
			isNew, err := putPost(tx, p)
			if err != nil {
				return err
			}
			if isNew {
				added = append(added, p)
			}
		}
		if b.Cursor != 0 {
			cursors := tx.Bucket(bucketCursors)
			if getUint(cursors, b.Source) < b.Cursor {
				return putUint(cursors, b.Source, b.Cursor)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storing posts: %w", err)
	}
	return added, nil
}

// putPost stores one post and files it in its conversation.
func putPost(tx *bolt.Tx, p model.Post) (bool, error) {
	posts := tx.Bucket(bucketPosts)
	key := idKey(p.ID)
	if posts.Get(key) != nil {
		return false, nil
	}
	if p.ConversationID == 0 {
		p.ConversationID = p.ID
	}
	posts.FillPercent = appendFill
	if err := putJSON(posts, key, p); err != nil {
		return false, err
	}
	convPosts := tx.Bucket(bucketConvPosts)
	convPosts.FillPercent = appendFill
	if err := convPosts.Put(pairKey(p.ConversationID, p.ID), nil); err != nil {
		return false, err
	}
	return true, fileInConversation(tx, p)
}

// fileInConversation updates the post's conversation and the inbox order.
func fileInConversation(tx *bolt.Tx, p model.Post) error {
	convs, activity, meta := tx.Bucket(bucketConvs), tx.Bucket(bucketActivity), tx.Bucket(bucketMeta)
	var c Conversation
	found, err := getJSON(convs, idKey(p.ConversationID), &c)
	if err != nil {
		return err
	}
	if !found {
		c.ID = p.ConversationID
		if err := putUint(meta, "conversations", getUint(meta, "conversations")+1); err != nil {
			return err
		}
	}
	c.Posts++
	if p.ID > c.LastPostID {
		if c.LastPostID != 0 {
			if err := activity.Delete(pairKey(c.LastPostID, c.ID)); err != nil {
				return err
			}
		}
		activity.FillPercent = appendFill
		if err := activity.Put(pairKey(p.ID, c.ID), nil); err != nil {
			return err
		}
		c.LastPostID, c.LastAt = p.ID, p.CreatedAt
	}
	if p.Kind != model.Reply {
		if c.CustomerID == 0 || p.ID == c.LastPostID {
			c.CustomerID = p.AuthorID
		}
		if c.Unread == 0 {
			if err := putUint(meta, "unread", getUint(meta, "unread")+1); err != nil {
				return err
			}
		}
		c.Unread++
	}
	return putJSON(convs, idKey(c.ID), c)
}

// Post returns one post.
func (s *Store) Post(id uint64) (model.Post, bool, error) {
	var p model.Post
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketPosts), idKey(id), &p)
		return err
	})
	return p, found, err
}

// Thread returns a conversation's posts, oldest first.
func (s *Store) Thread(conversationID uint64) ([]model.Post, error) {
	var out []model.Post
	err := s.view(func(tx *bolt.Tx) error {
		posts := tx.Bucket(bucketPosts)
		c := tx.Bucket(bucketConvPosts).Cursor()
		prefix := idKey(conversationID)
		for k, _ := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, _ = c.Next() {
			_, id := splitPair(k)
			var p model.Post
			if _, err := getJSON(posts, idKey(id), &p); err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// EachPost calls fn with every post, oldest first, and stops at its first
// error.
func (s *Store) EachPost(fn func(model.Post) error) error {
	return s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPosts).ForEach(func(_, v []byte) error {
			var p model.Post
			if err := json.Unmarshal(v, &p); err != nil {
				return err
			}
			return fn(p)
		})
	})
}

// User returns one person.
func (s *Store) User(id uint64) (model.User, bool, error) {
	var u model.User
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketUsers), idKey(id), &u)
		return err
	})
	return u, found, err
}

// Cursor returns the newest post id stored for a source, 0 if none.
func (s *Store) Cursor(source string) (uint64, error) {
	var v uint64
	err := s.view(func(tx *bolt.Tx) error {
		v = getUint(tx.Bucket(bucketCursors), source)
		return nil
	})
	return v, err
}

// SetAccount records which account the database belongs to.
func (s *Store) SetAccount(u model.User) error {
	return s.update(func(tx *bolt.Tx) error {
		if err := putJSON(tx.Bucket(bucketUsers), idKey(u.ID), u); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketMeta), []byte("account"), u)
	})
}

// Account returns the account recorded by SetAccount.
func (s *Store) Account() (model.User, bool, error) {
	var u model.User
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketMeta), []byte("account"), &u)
		return err
	})
	return u, found, err
}
