package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store/internal/index"
)

// Purge removes a post from the store and the index, as X's terms require
// for a post deleted or made protected. Its conversation is recounted, and
// removed with it when it was the last post.
func (s *Store) Purge(id uint64) error {
	return s.update(func(tx *bolt.Tx) error {
		if key := chainKey(tx, id); key != 0 {
			id = key
		}
		var p model.Post
		found, err := getJSON(tx.Bucket(bucketPosts), idKey(id), &p)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("no post %d", id)
		}
		if err := s.unindexPost(tx, p); err != nil {
			return err
		}
		for _, del := range []struct {
			bucket []byte
			key    []byte
		}{{bucketPosts, idKey(id)}, {bucketConvPosts, pairKey(p.ConversationID, id)}, {bucketConvPosts, pairKey(p.Origin, id)}, {bucketUnread, idKey(id)}} {
			if err := tx.Bucket(del.bucket).Delete(del.key); err != nil {
				return err
			}
		}
		for _, v := range p.Versions() {
			if err := tx.Bucket(bucketEdits).Delete(idKey(v)); err != nil {
				return err
			}
		}
		if p.Origin != 0 && p.Origin != p.ConversationID { // a DM shown in the conversation it was sent from
			if err := recount(tx, s.index, p.Origin); err != nil {
				return err
			}
		}
		return recount(tx, s.index, p.ConversationID)
	})
}

// recount rebuilds a conversation's counts from the posts it still has.
func recount(tx *bolt.Tx, ix *index.Index, convID uint64) error {
	prev, found, err := loadConversation(tx, convID)
	if err != nil || !found {
		return err
	}
	c := prev
	c.Posts, c.LastPostID, c.CustomerID, c.Unread = 0, 0, 0, len(unreadPosts(tx, convID))
	posts := tx.Bucket(bucketPosts)
	eachPostID(tx, convID, func(id uint64) {
		var p model.Post
		if ok, err := getJSON(posts, idKey(id), &p); err != nil || !ok {
			return
		}
		c.Posts++
		c.LastPostID, c.LastAt = p.ID, p.CreatedAt
		if p.Kind.Inbound() { // a post kept for context is not the customer's
			c.CustomerID = p.AuthorID
		}
	})
	if c.Posts == 0 {
		return dropConversation(tx, prev)
	}
	c.SortKey = c.LastPostID
	if prev.SortKey > prev.LastPostID { // a wake-up's key outranks the posts
		c.SortKey = prev.SortKey
	}
	return saveConversation(tx, ix, &prev, c)
}

// dropConversation removes a conversation with no posts left from every
// index and count.
func dropConversation(tx *bolt.Tx, c Conversation) error {
	meta := tx.Bucket(bucketMeta)
	if err := refileMine(tx, c, c, true); err != nil {
		return err
	}
	for _, v := range Views {
		if c.In(v) {
			if err := tx.Bucket(viewBucket(v)).Delete(pairKey(c.SortKey, c.ID)); err != nil {
				return err
			}
			if err := addCount(meta, metaCountPrefix+string(v), false); err != nil {
				return err
			}
		}
	}
	if c.Snoozed() {
		if err := tx.Bucket(bucketSnoozeDue).Delete(pairKey(uint64(c.SnoozeUntil.UnixNano()), c.ID)); err != nil {
			return err
		}
	}
	if err := recountTags(tx, c.Tags, nil); err != nil {
		return err
	}
	return tx.Bucket(bucketConvs).Delete(idKey(c.ID))
}
