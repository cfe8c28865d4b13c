package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// PostStamp is what a report reads of a post: no text.
type PostStamp struct {
	ID             uint64     `json:"id"`
	ConversationID uint64     `json:"conversation_id"`
	CreatedAt      time.Time  `json:"created_at"`
	Kind           model.Kind `json:"kind"`
	// Network is the post's network's name; "" for X's.
	Network string `json:"-"`
	// By is the person of the team who wrote one of the shop's (17).
	By string `json:"by"`
}

// EachStampBetween calls fn with the stamp of every post made in [from,
// to), oldest first, in one read transaction (see eachBetween); a
// damaged post is passed over.
func (s *Store) EachStampBetween(ctx context.Context, from, to time.Time, fn func(PostStamp)) error {
	return s.eachBetween(ctx, from, to, func(v []byte) {
		if p, ok := decodeStamp(v); ok {
			if p.ConversationID == 0 {
				p.ConversationID = p.ID
			}
			fn(p)
		}
	})
}

// EachPostBetween calls fn with every post made in [from, to), oldest
// first, whole (EachStampBetween reads less, where the text is not
// needed); a damaged post is passed over.
func (s *Store) EachPostBetween(ctx context.Context, from, to time.Time, fn func(model.Post)) error {
	return s.eachBetween(ctx, from, to, func(v []byte) {
		var p model.Post
		if json.Unmarshal(v, &p) == nil {
			fn(inConversation(p))
		}
	})
}

// eachBetween calls fn with the stored value of every post made in
// [from, to), oldest first, in one read transaction. Ids are snowflakes
// of their time, so it reads only that stretch of the file. It stops
// when ctx ends (checked every 4,096 posts).
func (s *Store) eachBetween(ctx context.Context, from, to time.Time, fn func(v []byte)) error {
	lo, hi := model.SnowflakeID(from, 0), model.SnowflakeID(to, 0)
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPosts).Cursor()
		n := 0
		for k, v := c.Seek(idKey(lo)); k != nil && binary.BigEndian.Uint64(k) < hi; k, v = c.Next() {
			if n++; n%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			fn(v)
		}
		return nil
	})
}

// OldestIn returns the conversations of a view from its oldest end (by
// sort key), while keep accepts them, at most limit.
func (s *Store) OldestIn(v View, limit int, keep func(Conversation) bool) ([]Conversation, error) {
	var out []Conversation
	err := s.view(func(tx *bolt.Tx) error {
		b := viewIndex(tx, v)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, _ := c.First(); k != nil && len(out) < limit; k, _ = c.Next() {
			_, id := splitPair(k)
			conv, found, err := loadConversation(tx, id)
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			if !keep(conv) {
				break
			}
			out = append(out, conv)
		}
		return nil
	})
	return out, err
}

// FirstIn returns, of the conversations ids in their order, the first n
// that are in a view, reading no further than it must.
func (s *Store) FirstIn(ids []uint64, v View, n int) ([]Conversation, error) {
	var out []Conversation
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			if len(out) == n {
				return nil
			}
			c, found, err := loadConversation(tx, id)
			if err != nil {
				return err
			}
			if found && c.In(v) {
				out = append(out, c)
			}
		}
		return nil
	})
	return out, err
}
