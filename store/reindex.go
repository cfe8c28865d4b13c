package store

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// reindexBatch is how many posts a reindex hands to its indexing
// goroutine at a time, and how many it reads with one reader's caches
// of people and conversations (bounded memory).
const reindexBatch = 2000

// runPattern names a reindex's sorted runs, beside the database and
// after it: another hark database in the same folder, reindexing at the
// same time, has its own.
func (s *Store) runPattern() string { return "." + filepath.Base(s.path) + ".reindex-*" }

// Reindex rebuilds the index from the posts and notes: it empties the
// index and marks the file (metaReindexing) in one transaction, reads
// every post in one read transaction while another goroutine computes
// the entries (two cores: reading and tokenizing overlap), sorts them
// in runs on disk, and writes each block once in key order (see
// index.Builder); the last write removes the mark. Killed at any point,
// the mark stays and the next Open starts it again.
func (s *Store) Reindex(progress func(done, total int)) error {
	defer softMemoryLimit(reindexMemory)()
	if err := s.update(func(tx *bolt.Tx) error {
		if err := s.index.Clear(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put([]byte(metaReindexing), []byte{})
	}); err != nil {
		return err
	}
	removeStaleRuns(filepath.Dir(s.path), s.runPattern())
	b := index.NewBuilder(filepath.Dir(s.path), s.runPattern())
	defer b.Close()
	total, err := s.gatherEntries(b, progress)
	if err != nil {
		return err
	}
	err = b.Write(s.update, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete([]byte(metaReindexing)) })
	if err == nil && progress != nil {
		progress(total, total)
	}
	return err
}

// reindexMemory is the soft limit of the runtime's memory while a
// reindex runs: the collector works harder near it instead of letting
// garbage reach twice what is alive (the run being gathered, the blocks
// being written: ~30 MB). At 1,000,000 posts the process peaked at 163 MB
// of its own memory without it. Measured on 400,000 posts: no limit
// 15.5 s and 92 MB of heap; 64 MB, 19.9 s and 66 MB (the collector ran
// all the time); 96 MB, 12.9 s and 78 MB. A limit the person set
// (GOMEMLIMIT) is left alone.
const reindexMemory = 96 << 20

// softMemoryLimit sets the runtime's soft memory limit where none is set,
// and returns what puts it back.
func softMemoryLimit(limit int64) func() {
	if old := debug.SetMemoryLimit(-1); old != math.MaxInt64 {
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(math.MaxInt64) }
}

// removeStaleRuns removes the runs a killed reindex of this database left
// (no other hark can be reindexing it: the database is locked).
func removeStaleRuns(dir, pattern string) {
	stale, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, path := range stale {
		os.Remove(path)
	}
}

// gatherEntries hands every post's and note's entries to b and returns
// how many posts there are. A damaged post is passed over: failing on
// it would leave the mark, and every later Open would fail on the same
// post (CheckIndex names it).
func (s *Store) gatherEntries(b *index.Builder, progress func(done, total int)) (int, error) {
	batches := make(chan []search.Doc, 2)
	indexed := make(chan error, 1)
	go func() {
		var err error
		for docs := range batches {
			var e index.Entries
			for _, d := range docs {
				fileEntries(&e, d.Post, search.IndexEntriesWith(d, &s.stems))
			}
			if err == nil {
				err = b.Add(e)
			}
		}
		indexed <- err
	}()
	total, err := s.readDocs(batches, progress)
	close(batches)
	if ierr := <-indexed; err == nil {
		err = ierr
	}
	if err != nil {
		return 0, err
	}
	return total, s.view(func(tx *bolt.Tx) error {
		if err := b.Add(allNameEntries(tx)); err != nil {
			return err
		}
		return b.Add(allNoteEntries(tx))
	})
}

// readDocs sends every post as the index sees it, reindexBatch at a
// time, telling progress.
func (s *Store) readDocs(batches chan<- []search.Doc, progress func(done, total int)) (int, error) {
	total := 0
	err := s.view(func(tx *bolt.Tx) error {
		posts := tx.Bucket(bucketPosts)
		total = posts.Stats().KeyN
		var docs []search.Doc
		var r *reader
		done := 0
		return posts.ForEach(func(_, v []byte) error {
			if done%reindexBatch == 0 {
				r = s.reader(tx) // fresh caches: memory stays bounded
			}
			done++
			var p model.Post
			if json.Unmarshal(v, &p) == nil {
				docs = append(docs, r.doc(p))
			}
			if len(docs) == reindexBatch || done == total {
				batches <- docs
				docs = nil
				if progress != nil {
					progress(done, total)
				}
			}
			return nil
		})
	})
	return total, err
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

// ResumeReindex finishes an interrupted reindex by doing it again; it
// does nothing when none was interrupted.
func (s *Store) ResumeReindex(progress func(done, total int)) error {
	pending, err := s.NeedsReindex()
	if err != nil || !pending {
		return err // the common case: Open asks every time
	}
	if s.readOnly {
		return fmt.Errorf("an interrupted reindex must be finished, and %s is read-only here: %w", s.path, ErrReadOnly)
	}
	return s.Reindex(progress)
}
