package store

import (
	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// queueForHook queues the posts a batch added for the post-new hook, in
// the batch's transaction: a post stored is a post the hook will get,
// whatever happens after.
func (s *Store) queueForHook(tx *bolt.Tx, added []model.Post) error {
	if !s.queueNew {
		return nil
	}
	b := tx.Bucket(bucketHookQueue)
	for _, p := range added {
		if p.Kind.Gone() {
			continue // a stand-in for a post X would not give says nothing to a hook
		}
		if err := b.Put(idKey(p.ID), seenMark); err != nil {
			return err
		}
	}
	return nil
}

// NewQueued returns up to n posts queued for the post-new hook, oldest
// first. A queued post since purged is dropped from the queue.
func (s *Store) NewQueued(n int) ([]model.Post, error) {
	var out []model.Post
	var gone [][]byte
	err := s.view(func(tx *bolt.Tx) error {
		posts := tx.Bucket(bucketPosts)
		c := tx.Bucket(bucketHookQueue).Cursor()
		for k, _ := c.First(); k != nil && len(out) < n; k, _ = c.Next() {
			var p model.Post
			found, err := getJSON(posts, k, &p)
			if err != nil || !found {
				gone = append(gone, append([]byte(nil), k...))
				continue
			}
			out = append(out, p)
		}
		return nil
	})
	if err == nil && len(gone) > 0 {
		err = s.update(func(tx *bolt.Tx) error {
			for _, k := range gone {
				if err := tx.Bucket(bucketHookQueue).Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return out, err
}

// HookTook takes posts off the post-new hook's queue once it took them.
func (s *Store) HookTook(posts []model.Post) error {
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketHookQueue)
		for _, p := range posts {
			if err := b.Delete(idKey(p.ID)); err != nil {
				return err
			}
		}
		return nil
	})
}
