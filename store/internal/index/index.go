// Package index is hark's full-text index: for each term, the posts that
// hold it, newest last, with where each word stands in the post. It owns
// the postings codec, the waiting segments and when they are folded, and
// the iterators a search walks. The store calls it inside its own bbolt
// transactions, so a post and its entries are written together.
//
// Layout (see store/SCHEMA.md for the whole file):
//
//	postings: term ‖ 0x00 ‖ first id (big-endian) → block (see encodeBlock)
//	          sequence: the folds made, so caches of segments expire
//	pending:  posts waiting before (big-endian) → segment (see encodeSegment)
//	          sequence: the posts waiting
package index

import (
	"encoding/binary"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// The index's buckets.
var (
	bucketPostings = []byte("postings")
	bucketPending  = []byte("pending")
)

// Buckets are the names of the buckets the index keeps.
func Buckets() [][]byte { return [][]byte{bucketPostings, bucketPending} }

// Index writes and reads the index. It is safe for concurrent use: it
// keeps only the decoded waiting segments, guarded.
type Index struct {
	foldAfter uint64
	cache     segmentCache
	// wrote tells that this Index wrote a segment (see Wrote).
	wrote atomic.Bool
}

// Wrote reports whether this Index wrote a segment: a process that only
// read never folds on its way out (reading writes nothing).
func (ix *Index) Wrote() bool { return ix.wrote.Load() }

// New makes an Index that folds waiting segments into the term blocks
// once foldAfter posts wait (0: the default, 50,000).
func New(foldAfter uint64) *Index {
	if foldAfter == 0 {
		foldAfter = defaultFoldAfter
	}
	return &Index{foldAfter: foldAfter}
}

// Create makes the index's buckets where they are missing.
func Create(tx *bolt.Tx) error {
	for _, name := range Buckets() {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// Entries gathers postings by term for one write.
type Entries struct {
	terms map[string][]Posting
	// n counts the ids met above all before: the posts of a batch come
	// in id order, and their customers' conversation ids are older, so
	// it is about the posts filed (a set of ids cost 5% of ingest).
	n   int
	top uint64
}

// Add files id under term, with the word's positions (nil for a field).
func (e *Entries) Add(term string, id uint64, pos []uint32) {
	if e.terms == nil {
		e.terms = map[string][]Posting{}
	}
	e.terms[term] = append(e.terms[term], Posting{ID: id, Pos: pos})
	if e.n == 0 || id > e.top {
		e.n, e.top = e.n+1, id
	}
}

// Len is about how many ids the entries file (see n), and 0 for none.
func (e *Entries) Len() int { return e.n }

// Add files entries: as a new segment, or, when foldAfter posts would
// wait, by folding every segment and these into the blocks. This is the
// one way postings are written.
func (ix *Index) Add(tx *bolt.Tx, e Entries) error {
	if e.Len() == 0 {
		return nil
	}
	b := tx.Bucket(bucketPending)
	waiting := b.Sequence()
	if waiting+uint64(e.Len()) >= ix.foldAfter {
		return ix.fold(tx, e.terms)
	}
	for term, ps := range e.terms {
		e.terms[term] = sortPostings(ps)
	}
	b.FillPercent = appendFill
	if err := b.Put(idKey(waiting), encodeSegment(e.terms)); err != nil {
		return err
	}
	ix.wrote.Store(true)
	return b.SetSequence(waiting + uint64(e.Len()))
}

// Waiting is how many posts wait in segments, to be folded.
func Waiting(tx *bolt.Tx) uint64 {
	if b := tx.Bucket(bucketPending); b != nil {
		return b.Sequence()
	}
	return 0
}

// Fold moves every waiting segment into the blocks now (see Store.Close).
func (ix *Index) Fold(tx *bolt.Tx) error { return ix.fold(tx, nil) }

// Remove takes entries out of the index. Segments are written once and
// never changed, so the waiting ones are folded into the blocks first,
// where every posting can be taken out.
func (ix *Index) Remove(tx *bolt.Tx, e Entries) error {
	if e.Len() == 0 {
		return nil
	}
	if err := ix.fold(tx, nil); err != nil {
		return err
	}
	b := tx.Bucket(bucketPostings)
	for term, ps := range e.terms {
		for _, p := range ps {
			if err := remove(b, term, p.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// fold moves every waiting segment, and extra, into the blocks.
func (ix *Index) fold(tx *bolt.Tx, extra map[string][]Posting) error {
	waiting := map[string]*list{}
	if err := decodeSegments(waiting, tx.Bucket(bucketPending).Cursor()); err != nil {
		return err
	}
	if len(waiting) == 0 && len(extra) == 0 {
		return nil
	}
	all := make(map[string][]Posting, len(waiting)+len(extra))
	for term, l := range waiting {
		all[term] = l.postings()
	}
	for term, ps := range extra {
		all[term] = append(all[term], ps...)
	}
	if err := writeAll(tx.Bucket(bucketPostings), all); err != nil {
		return err
	}
	return clearPending(tx)
}

// clearPending empties the segments and counts a fold, so caches of the
// old segments are not taken for the new ones.
func clearPending(tx *bolt.Tx) error {
	if tx.Bucket(bucketPending).Sequence() == 0 {
		return nil
	}
	if err := tx.DeleteBucket(bucketPending); err != nil {
		return err
	}
	if _, err := tx.CreateBucket(bucketPending); err != nil {
		return err
	}
	postings := tx.Bucket(bucketPostings)
	return postings.SetSequence(postings.Sequence() + 1)
}

// Clear empties the index, for a rebuild. The fold count goes on from
// where it was, so no cache mistakes the new segments for old ones.
func (ix *Index) Clear(tx *bolt.Tx) error {
	folds := tx.Bucket(bucketPostings).Sequence()
	for _, name := range Buckets() {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
	}
	if err := Create(tx); err != nil {
		return err
	}
	return tx.Bucket(bucketPostings).SetSequence(folds + 1)
}

func idKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

// Each calls fn with every term and id the entries file.
func (e Entries) Each(fn func(term string, id uint64)) {
	for term, ps := range e.terms {
		for _, p := range ps {
			fn(term, p.ID)
		}
	}
}
