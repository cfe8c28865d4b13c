package store

import (
	"encoding/json"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// postDoc is a post as the index sees it: with its author's and its
// addressee's handles. Triage state is left out: it is checked on reading.
func postDoc(tx *bolt.Tx, p model.Post) search.Doc {
	users := tx.Bucket(bucketUsers)
	handle := func(id uint64) string {
		var u model.User
		if id == 0 {
			return ""
		}
		if found, err := getJSON(users, idKey(id), &u); err != nil || !found {
			return ""
		}
		return search.Fold(u.Username)
	}
	return search.Doc{Post: p, Author: handle(p.AuthorID), ReplyTo: handle(p.InReplyToUser)}
}

// indexPost adds a post's terms to the index.
func indexPost(tx *bolt.Tx, p model.Post) error { return indexPosts(tx, []model.Post{p}) }

// indexPosts adds posts' terms to the index, in the transaction that
// stores them, so the two never disagree. Each term's list is read and
// written once for the whole batch.
func indexPosts(tx *bolt.Tx, posts []model.Post) error {
	byTerm := map[string][]uint64{}
	for _, p := range posts {
		for _, term := range search.IndexTerms(postDoc(tx, p)) {
			byTerm[term] = append(byTerm[term], p.ID)
		}
	}
	for term, ids := range byTerm {
		slices.Sort(ids)
		if err := addPostings(tx, term, slices.Compact(ids)); err != nil {
			return err
		}
	}
	return nil
}

// unindexPost takes a post's terms out of the index.
func unindexPost(tx *bolt.Tx, p model.Post) error {
	for _, term := range search.IndexTerms(postDoc(tx, p)) {
		if err := removePosting(tx, term, p.ID); err != nil {
			return err
		}
	}
	return nil
}

// migrateV2 brings a schema 2 file to schema 3: the full-text index.
func migrateV2(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketPostings); err != nil {
		return err
	}
	return tx.Bucket(bucketPosts).ForEach(func(_, v []byte) error {
		var p model.Post
		if err := json.Unmarshal(v, &p); err != nil {
			return err
		}
		return indexPost(tx, p)
	})
}

// Reindex rebuilds the index from the posts, a batch of posts per
// transaction, telling progress as it goes.
func (s *Store) Reindex(progress func(done, total int)) error {
	total := 0
	if err := s.view(func(tx *bolt.Tx) error { total = tx.Bucket(bucketPosts).Stats().KeyN; return nil }); err != nil {
		return err
	}
	if err := s.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketPostings); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketPostings)
		return err
	}); err != nil {
		return err
	}
	const batch = 2000
	var after []byte
	for done := 0; ; {
		n := 0
		err := s.update(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketPosts).Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if k != nil && string(k) == string(after) {
					k, v = c.Next()
				}
			}
			var posts []model.Post
			for ; k != nil && n < batch; k, v = c.Next() {
				var p model.Post
				if err := json.Unmarshal(v, &p); err != nil {
					return err
				}
				posts = append(posts, p)
				after = append(after[:0], k...)
				n++
			}
			return indexPosts(tx, posts)
		})
		if err != nil {
			return err
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
		if n < batch {
			return nil
		}
	}
}
