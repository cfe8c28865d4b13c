package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/hints"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store/internal/index"
)

// bucketCustomerConvs listed each person's conversations up to schema 5
// (user id ‖ conversation id → nothing); the index holds them since.
var bucketCustomerConvs = []byte("customer_convs")

// migrateV1 brings a schema 1 file to schema 2: conversations gain a
// status, a sort key and per-post read state, and the single activity
// index becomes one index per view.
func migrateV1(tx *bolt.Tx) error {
	for _, name := range append(allBuckets, bucketCustomerConvs) {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	if tx.Bucket([]byte("activity")) != nil {
		if err := tx.DeleteBucket([]byte("activity")); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	for _, k := range []string{"conversations", "unread"} {
		if err := meta.Delete([]byte(k)); err != nil {
			return err
		}
	}
	var convs []Conversation
	err := tx.Bucket(bucketConvs).ForEach(func(_, v []byte) error {
		var c Conversation
		if err := json.Unmarshal(v, &c); err != nil {
			return err
		}
		convs = append(convs, c)
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range convs {
		if err := upgradeConversation(tx, c); err != nil {
			return err
		}
	}
	return nil
}

// upgradeConversation fills a schema 1 conversation's new fields from its
// posts: the status by who wrote last, the newest posts from others
// unread as many as it counted.
func upgradeConversation(tx *bolt.Tx, c Conversation) error {
	posts := tx.Bucket(bucketPosts)
	var inbound []model.Post
	var last model.Post
	eachPostID(tx, c.ID, func(id uint64) {
		var p model.Post
		if found, err := getJSON(posts, idKey(id), &p); err == nil && found {
			last = p
			if !p.Kind.Ours() {
				inbound = append(inbound, p)
			}
		}
	})
	c.SortKey, c.Status = c.LastPostID, StatusWaiting
	if !last.Kind.Ours() {
		c.Status = StatusOpen
	}
	if n := len(inbound); n > 0 {
		c.Question = hints.Has(inbound[n-1].Text, hints.Question)
	}
	var unread []uint64
	for i := len(inbound) - 1; i >= 0 && len(unread) < c.Unread; i-- {
		unread = append(unread, inbound[i].ID)
	}
	for _, p := range inbound {
		if err := tx.Bucket(bucketCustomerConvs).Put(pairKey(p.AuthorID, c.ID), nil); err != nil {
			return err
		}
	}
	if err := setUnread(tx, &c, unread); err != nil {
		return err
	}
	c.SnoozeUntil = time.Time{}
	return saveConversation(tx, index.New(0), nil, c)
}

// migrateV2 brings a schema 2 file to schema 3: the full-text index
// arrives (it is built at schema 7, so nothing is indexed here).
func migrateV2(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists([]byte("postings"))
	return err
}

// migrateV3 brought a schema 3 file to schema 4 by indexing tags; the
// index is rebuilt at schema 7, so there is nothing to do.
func migrateV3(*bolt.Tx) error { return nil }

// migrateV4 brings a schema 4 file to schema 5: waiting index segments.
func migrateV4(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists([]byte("pending"))
	return err
}

// migrateV5 brings a schema 5 file to schema 6: each person's
// conversations move from their bucket into the index (which schema 7
// rebuilds from the posts, customers' entries included).
func migrateV5(tx *bolt.Tx) error {
	if tx.Bucket(bucketCustomerConvs) == nil {
		return nil
	}
	return tx.DeleteBucket(bucketCustomerConvs)
}

// migrateV6 brings a schema 6 file to schema 7: the index keeps where
// each word stands, so phrases are answered from it. Its blocks change
// form, so it is emptied and marked for a reindex, which Open finishes
// (with progress shown) before any search runs.
func migrateV6(tx *bolt.Tx) error {
	for _, name := range []string{"postings", "pending"} {
		if tx.Bucket([]byte(name)) != nil {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket([]byte(name)); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put([]byte("reindexing"), []byte{})
}
