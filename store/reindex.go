package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// reindexBatch is how many posts one reindex transaction indexes.
const reindexBatch = 2000

// Reindex rebuilds the index from the posts, a batch of posts per
// transaction, telling progress as it goes.
func (s *Store) Reindex(progress func(done, total int)) error {
	if err := s.update(func(tx *bolt.Tx) error {
		if err := s.index.Clear(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put([]byte(metaReindexing), []byte{})
	}); err != nil {
		return err
	}
	return s.ResumeReindex(progress)
}

// NeedsReindex reports a reindex that was interrupted: until it is
// finished (ResumeReindex), searches miss posts.
func (s *Store) NeedsReindex() (bool, error) {
	var pending bool
	err := s.view(func(tx *bolt.Tx) error {
		pending = tx.Bucket(bucketMeta).Get([]byte(metaReindexing)) != nil
		return nil
	})
	return pending, err
}

// ResumeReindex finishes an interrupted reindex from where it stopped;
// it does nothing when none was interrupted.
func (s *Store) ResumeReindex(progress func(done, total int)) error {
	var after []byte
	var pending bool
	done, total := 0, 0
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get([]byte(metaReindexing))
		if pending, after = v != nil, bytes.Clone(v); !pending {
			return nil // the common case: Open asks every time
		}
		posts := tx.Bucket(bucketPosts)
		total = posts.Stats().KeyN
		c := posts.Cursor()
		for k, _ := c.First(); len(after) > 0 && k != nil && bytes.Compare(k, after) <= 0; k, _ = c.Next() {
			done++
		}
		return nil
	})
	if err != nil || !pending {
		return err
	}
	if s.readOnly {
		return fmt.Errorf("an interrupted reindex must be finished, and %s is read-only here: %w", s.path, ErrReadOnly)
	}
	for {
		n, err := s.reindexBatch(&after)
		if err != nil {
			return err
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
		if n < reindexBatch {
			return nil
		}
	}
}

// reindexBatch indexes the posts after *after, up to reindexBatch of
// them, and moves the marker (or removes it after the last post), in one
// transaction. A damaged post is passed over: failing on it would leave
// the marker, and every later Open would fail on the same post.
func (s *Store) reindexBatch(after *[]byte) (int, error) {
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPosts).Cursor()
		k, v := c.First()
		if len(*after) > 0 {
			if k, v = c.Seek(*after); k != nil && bytes.Equal(k, *after) {
				k, v = c.Next()
			}
		}
		var entries index.Entries
		r := newReader(tx)
		for ; k != nil && n < reindexBatch; k, v = c.Next() {
			*after = append((*after)[:0], k...)
			n++
			var p model.Post
			if json.Unmarshal(v, &p) != nil {
				continue // a damaged post has no terms to index; CheckIndex names it
			}
			fileEntries(&entries, p, search.IndexEntriesWith(r.doc(p), &s.stems))
		}
		if err := s.index.Add(tx, entries); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if n < reindexBatch {
			if err := s.index.Add(tx, allNoteEntries(tx)); err != nil {
				return err
			}
			return meta.Delete([]byte(metaReindexing))
		}
		return meta.Put([]byte(metaReindexing), *after)
	})
	return n, err
}
