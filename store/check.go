package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// IndexReport is what CheckIndex found.
type IndexReport struct {
	// Posts counts the posts checked.
	Posts int
	// Missing counts the posts with an index entry missing; MissingIDs
	// are the first of them (up to maxSample).
	Missing    int
	MissingIDs []uint64
	// Damaged counts the posts that cannot be decoded; DamagedIDs are the
	// first of them (up to maxSample).
	Damaged    int
	DamagedIDs []uint64
	// Unfinished reports a reindex that was interrupted.
	Unfinished bool
}

// OK reports an index that finds every post.
func (r IndexReport) OK() bool { return r.Missing == 0 && r.Damaged == 0 && !r.Unfinished }

// maxSample bounds the ids an IndexReport lists.
const maxSample = 20

// CheckIndex checks, post by post, that the index holds each post's every
// entry, in the blocks or in the waiting segments; the file's own
// structure is checked too (bbolt's Check). It reads in one transaction
// and holds one post at a time besides the waiting segments, so its
// memory is bounded whatever the file holds.
func (s *Store) CheckIndex(progress func(done, total int)) (IndexReport, error) {
	var r IndexReport
	err := s.view(func(tx *bolt.Tx) error {
		if err := checkFile(tx); err != nil {
			return err
		}
		r.Unfinished = tx.Bucket(bucketMeta).Get([]byte(metaReindexing)) != nil
		ix, err := s.index.Read(tx)
		if err != nil {
			return err
		}
		posts := tx.Bucket(bucketPosts)
		total, rd := posts.Stats().KeyN, s.reader(tx)
		return posts.ForEach(func(k, v []byte) error {
			r.Posts++
			var p model.Post
			if json.Unmarshal(v, &p) != nil {
				r.Damaged, r.DamagedIDs = r.Damaged+1, sample(r.DamagedIDs, binary.BigEndian.Uint64(k))
			} else if !indexedWhole(rd, ix, &s.stems, p) {
				r.Missing, r.MissingIDs = r.Missing+1, sample(r.MissingIDs, p.ID)
			}
			if progress != nil && (r.Posts%5000 == 0 || r.Posts == total) {
				progress(r.Posts, total)
			}
			return nil
		})
	})
	return r, err
}

// CheckFile checks the file's structure with bbolt's own Check.
func (s *Store) CheckFile() error {
	return s.view(checkFile)
}

// sample adds id to ids while they are fewer than maxSample.
func sample(ids []uint64, id uint64) []uint64 {
	if len(ids) < maxSample {
		ids = append(ids, id)
	}
	return ids
}

// indexedWhole reports whether every entry of p, positions included, is
// in the index.
func indexedWhole(rd *reader, ix *index.Reader, stems *search.Stems, p model.Post) bool {
	if !indexed(p) {
		return true
	}
	for _, t := range search.IndexEntriesWith(rd.doc(p), stems) {
		if !ix.Has(t.Term, p.ID, t.Pos) {
			return false
		}
	}
	return p.Kind.Ours() || ix.Has(customerTerm(p.AuthorID), p.ConversationID, nil)
}

// checkFile runs bbolt's own consistency check of the file's pages.
func checkFile(tx *bolt.Tx) error {
	var errs []error
	for err := range tx.Check() {
		if len(errs) < 5 {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return &Damaged{Key: "(file structure)", Err: errors.Join(errs...)}
	}
	return nil
}
