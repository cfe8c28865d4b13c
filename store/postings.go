package store

import (
	"bytes"
	"encoding/binary"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// bucketPostings is the full-text index: term ‖ 0 ‖ first id (big-endian)
// → the block's ids, ascending, as varint deltas. Blocks hold up to
// blockSize ids, so a newest-first query reads one small block at a time
// from the end instead of a whole list.
var bucketPostings = []byte("postings")

const blockSize = 128

func blockKey(term string, first uint64) []byte {
	k := make([]byte, 0, len(term)+9)
	k = append(append(k, term...), 0)
	return binary.BigEndian.AppendUint64(k, first)
}

func termPrefix(term string) []byte { return append([]byte(term), 0) }

func encodeBlock(ids []uint64) []byte {
	out := make([]byte, 0, len(ids)*3)
	prev := uint64(0)
	for _, id := range ids {
		out = binary.AppendUvarint(out, id-prev)
		prev = id
	}
	return out
}

func decodeBlock(v []byte, into []uint64) []uint64 {
	into = into[:0]
	prev := uint64(0)
	for len(v) > 0 {
		d, n := binary.Uvarint(v)
		if n <= 0 {
			break
		}
		prev += d
		into = append(into, prev)
		v = v[n:]
	}
	return into
}

// blockFor finds the block of term whose range holds id, or the last one
// before it: its key and ids, or nil.
func blockFor(c *bolt.Cursor, term string, id uint64) ([]byte, []uint64) {
	prefix := termPrefix(term)
	k, v := c.Seek(blockKey(term, id))
	if k == nil || !bytes.Equal(k, blockKey(term, id)) {
		k, v = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+8 {
		return nil, nil
	}
	return append([]byte(nil), k...), decodeBlock(v, nil)
}

// addPosting puts id in term's list.
func addPosting(tx *bolt.Tx, term string, id uint64) error {
	b := tx.Bucket(bucketPostings)
	key, ids := blockFor(b.Cursor(), term, id)
	if key == nil || len(ids) >= blockSize && id > ids[len(ids)-1] {
		b.FillPercent = appendFill
		return b.Put(blockKey(term, id), encodeBlock([]uint64{id}))
	}
	i, found := slices.BinarySearch(ids, id)
	if found {
		return nil
	}
	ids = slices.Insert(ids, i, id)
	if len(ids) > 2*blockSize {
		half := len(ids) / 2
		if err := b.Put(key, encodeBlock(ids[:half])); err != nil {
			return err
		}
		return b.Put(blockKey(term, ids[half]), encodeBlock(ids[half:]))
	}
	return b.Put(key, encodeBlock(ids))
}

// addPostings puts ascending ids in term's list. Ids newer than the list's
// last (the usual case: new posts) are appended to its last block in one
// write, filling new blocks as it goes; older ones go in one by one.
func addPostings(tx *bolt.Tx, term string, ids []uint64) error {
	b := tx.Bucket(bucketPostings)
	key, last := blockFor(b.Cursor(), term, ^uint64(0))
	if key == nil || len(last) == 0 || ids[0] <= last[len(last)-1] {
		for _, id := range ids {
			if err := addPosting(tx, term, id); err != nil {
				return err
			}
		}
		return nil
	}
	b.FillPercent = appendFill
	if len(last) < blockSize {
		room := min(blockSize-len(last), len(ids))
		if err := b.Put(key, encodeBlock(append(last, ids[:room]...))); err != nil {
			return err
		}
		ids = ids[room:]
	}
	for len(ids) > 0 {
		n := min(blockSize, len(ids))
		if err := b.Put(blockKey(term, ids[0]), encodeBlock(ids[:n])); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// addAllPostings puts each term's ids in its list, term by term in order
// (neighbouring keys, fewer pages visited).
func addAllPostings(tx *bolt.Tx, byTerm map[string][]uint64) error {
	for _, term := range slices.Sorted(maps.Keys(byTerm)) {
		ids := byTerm[term]
		slices.Sort(ids)
		if err := addPostings(tx, term, slices.Compact(ids)); err != nil {
			return err
		}
	}
	return nil
}

// removePosting takes id out of term's list.
func removePosting(tx *bolt.Tx, term string, id uint64) error {
	b := tx.Bucket(bucketPostings)
	key, ids := blockFor(b.Cursor(), term, id)
	i, found := slices.BinarySearch(ids, id)
	if key == nil || !found {
		return nil
	}
	ids = slices.Delete(ids, i, i+1)
	if err := b.Delete(key); err != nil || len(ids) == 0 {
		return err
	}
	return b.Put(blockKey(term, ids[0]), encodeBlock(ids))
}

// iterator yields ids newest first: seek returns the largest id ≤ max.
type iterator interface {
	seek(max uint64) (uint64, bool)
}

// termIter walks one term's blocks from the end. It keeps the last block
// it read, which serves every seek inside that block's range [lo, hi).
type termIter struct {
	c      *bolt.Cursor
	term   string
	ids    []uint64
	lo, hi uint64
	loaded bool
}

func newTermIter(tx *bolt.Tx, term string) *termIter {
	return &termIter{c: tx.Bucket(bucketPostings).Cursor(), term: term}
}

func (t *termIter) seek(max uint64) (uint64, bool) {
	if !t.loaded || max < t.lo || max >= t.hi {
		if !t.load(max) {
			return 0, false
		}
	}
	i, found := slices.BinarySearch(t.ids, max)
	switch {
	case found:
		return t.ids[i], true
	case i == 0:
		return 0, false
	}
	return t.ids[i-1], true
}

// load reads the block whose range holds max.
func (t *termIter) load(max uint64) bool {
	key, ids := blockFor(t.c, t.term, max)
	if key == nil {
		t.loaded = false
		return false
	}
	t.ids, t.lo, t.hi, t.loaded = ids, binary.BigEndian.Uint64(key[len(key)-8:]), ^uint64(0), true
	if next, _ := t.c.Next(); next != nil && bytes.HasPrefix(next, termPrefix(t.term)) && len(next) == len(t.term)+9 {
		t.hi = binary.BigEndian.Uint64(next[len(next)-8:])
	}
	return true
}

// andIter yields ids every part has.
type andIter []iterator

func (a andIter) seek(max uint64) (uint64, bool) {
	for {
		agreed := true
		for _, it := range a {
			id, ok := it.seek(max)
			if !ok {
				return 0, false
			}
			if id < max {
				max, agreed = id, false
			}
		}
		if agreed {
			return max, true
		}
	}
}

// orIter yields ids any part has.
type orIter []iterator

func (o orIter) seek(max uint64) (uint64, bool) {
	best, found := uint64(0), false
	for _, it := range o {
		if id, ok := it.seek(max); ok && (!found || id > best) {
			best, found = id, true
		}
	}
	return best, found
}

// exceptIter yields the ids of base that none of without has.
type exceptIter struct {
	base    iterator
	without []iterator
}

func (e exceptIter) seek(max uint64) (uint64, bool) {
	for {
		id, ok := e.base.seek(max)
		if !ok || !e.excluded(id) {
			return id, ok
		}
		if id == 0 {
			return 0, false
		}
		max = id - 1
	}
}

func (e exceptIter) excluded(id uint64) bool {
	for _, it := range e.without {
		if got, ok := it.seek(id); ok && got == id {
			return true
		}
	}
	return false
}

// keyIter walks the 8-byte ids at the end of the keys under a prefix:
// every post (no prefix) or one conversation's.
type keyIter struct {
	c      *bolt.Cursor
	prefix []byte
}

func (k keyIter) seek(max uint64) (uint64, bool) {
	target := binary.BigEndian.AppendUint64(append([]byte(nil), k.prefix...), max)
	key, _ := k.c.Seek(target)
	if key == nil || !bytes.Equal(key, target) {
		key, _ = k.c.Prev()
	}
	if key == nil || !bytes.HasPrefix(key, k.prefix) || len(key) != len(k.prefix)+8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(key[len(key)-8:]), true
}
