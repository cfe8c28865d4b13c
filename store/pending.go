package store

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// bucketPending holds the index terms of recent batches, one segment per
// transaction, appended. Putting a batch's terms straight into their
// blocks rewrites a page per term in every transaction; segments are
// folded into the blocks once enough posts wait, so each page is
// rewritten once for many batches. Key: the number of posts waiting
// before the segment (big-endian); value: the segment. The bucket's
// sequence counts the posts waiting, meta "fold" the folds made.
var bucketPending = []byte("pending")

// defaultFoldAfter is how many posts wait in segments before they are
// folded: each fold then rewrites a term's page once for 500 batches.
// A fold touches a page for nearly every person seen since the last, so
// folding less often writes fewer pages per post (at 1M posts, folding
// every 20,000 wrote 123 pages per 100-post batch, every 50,000 wrote
// 89). The cost: the waiting segments are kept decoded for searches
// (about 15 MB when full), and the batch that folds takes about half a
// second at 1M posts.
const defaultFoldAfter = 50000

// encodeSegment writes terms and their ascending ids: for each term in
// order, its length, the term, the number of ids and the ids as deltas.
func encodeSegment(byTerm map[string][]uint64) []byte {
	var out []byte
	for _, term := range slices.Sorted(maps.Keys(byTerm)) {
		ids := byTerm[term]
		out = binary.AppendUvarint(out, uint64(len(term)))
		out = append(out, term...)
		out = binary.AppendUvarint(out, uint64(len(ids)))
		out = append(out, encodeBlock(ids)...)
	}
	return out
}

// segments gathers decoded segments' ids by term. Its lists are reached
// through pointers, so a term met again is looked up by its bytes and
// extended in place, without a new string per term and segment.
type segments map[string]*[]uint64

// decode adds a segment's ids.
func (all segments) decode(v []byte) error {
	next := func() (uint64, error) {
		n, w := binary.Uvarint(v)
		if w <= 0 {
			return 0, fmt.Errorf("index segment: bad number")
		}
		v = v[w:]
		return n, nil
	}
	for len(v) > 0 {
		n, err := next()
		if err != nil || n > uint64(len(v)) {
			return fmt.Errorf("index segment: bad term")
		}
		key := v[:n]
		v = v[n:]
		count, err := next()
		if err != nil || count > uint64(len(v)) { // an id takes a byte at least
			return fmt.Errorf("index segment: bad count")
		}
		ids := all[string(key)]
		if ids == nil {
			ids = new([]uint64)
			all[string(key)] = ids
		}
		prev := uint64(0)
		for range count {
			d, err := next()
			if err != nil {
				return err
			}
			prev += d
			*ids = append(*ids, prev)
		}
	}
	return nil
}

// byTerm is the gathered ids as a plain map.
func (all segments) byTerm() map[string][]uint64 {
	out := make(map[string][]uint64, len(all))
	for term, ids := range all {
		out[term] = *ids
	}
	return out
}

// addPending files a batch's terms: as a new segment, or, when limit
// posts would wait, by folding every segment and these into the blocks.
func addPending(tx *bolt.Tx, byTerm map[string][]uint64, posts int, limit uint64) error {
	if posts == 0 {
		return nil
	}
	b := tx.Bucket(bucketPending)
	waiting := b.Sequence()
	if waiting+uint64(posts) >= limit {
		return foldPending(tx, byTerm)
	}
	b.FillPercent = appendFill
	if err := b.Put(idKey(waiting), encodeSegment(byTerm)); err != nil {
		return err
	}
	return b.SetSequence(waiting + uint64(posts))
}

// foldPending moves every waiting segment, and extra, into the blocks.
func foldPending(tx *bolt.Tx, extra map[string][]uint64) error {
	decoded := segments{}
	if err := tx.Bucket(bucketPending).ForEach(func(_, v []byte) error { return decoded.decode(v) }); err != nil {
		return err
	}
	all := decoded.byTerm()
	for term, ids := range extra {
		all[term] = append(all[term], ids...)
	}
	if err := addAllPostings(tx, all); err != nil {
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
	meta := tx.Bucket(bucketMeta)
	return putUint(meta, "fold", getUint(meta, "fold")+1)
}

// pendingCache keeps the waiting segments decoded, for the state they
// were read in (folds made, posts waiting): a search reads them once per
// new batch instead of once per query. The map is never changed once
// handed out.
type pendingCache struct {
	mu      sync.Mutex
	folds   uint64
	waiting uint64
	terms   map[string][]uint64
}

// read returns the waiting terms as tx sees them.
func (c *pendingCache) read(tx *bolt.Tx) (map[string][]uint64, error) {
	b := tx.Bucket(bucketPending)
	folds, waiting := getUint(tx.Bucket(bucketMeta), "fold"), b.Sequence()
	if waiting == 0 {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.terms != nil && c.folds == folds && c.waiting == waiting {
		return c.terms, nil
	}
	terms, from := map[string][]uint64{}, []byte(nil)
	if c.terms != nil && c.folds == folds && c.waiting < waiting {
		terms, from = maps.Clone(c.terms), idKey(c.waiting)
	}
	fresh := segments{}
	cur := b.Cursor()
	k, v := cur.First()
	if from != nil {
		k, v = cur.Seek(from)
	}
	for ; k != nil && binary.BigEndian.Uint64(k) < waiting; k, v = cur.Next() {
		if err := fresh.decode(v); err != nil {
			return nil, err
		}
	}
	for term, ids := range fresh {
		merged := *ids
		if old := terms[term]; len(old) > 0 {
			merged = append(slices.Clone(old), merged...)
		}
		if !slices.IsSorted(merged) { // posts stored out of order
			slices.Sort(merged)
		}
		terms[term] = slices.Compact(merged)
	}
	c.folds, c.waiting, c.terms = folds, waiting, terms
	return terms, nil
}

// sliceIter walks ascending ids newest first.
type sliceIter []uint64

func (s sliceIter) seek(max uint64) (uint64, bool) {
	i, found := slices.BinarySearch(s, max)
	switch {
	case found:
		return s[i], true
	case i == 0:
		return 0, false
	}
	return s[i-1], true
}
