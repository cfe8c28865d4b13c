package index

import (
	"bytes"
	"encoding/binary"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// blockSize is how many ids a block holds when written in order: a
// newest-first query reads one small block at a time from the end.
const blockSize = 128

// appendFill packs pages of a bucket that grows at its end instead of
// splitting them in half.
const appendFill = 0.9

func blockKey(term string, first uint64) []byte {
	k := make([]byte, 0, len(term)+9)
	k = append(append(k, term...), 0)
	return binary.BigEndian.AppendUint64(k, first)
}

func termPrefix(term string) []byte { return append([]byte(term), 0) }

// isBlockOf says whether key is one of term's blocks.
func isBlockOf(key []byte, term string) bool {
	return len(key) == len(term)+9 && key[len(term)] == 0 && string(key[:len(term)]) == term
}

// blockFor finds the block of term whose range holds id, or the last one
// before it: its key and raw value, or a nil key.
func blockFor(c *bolt.Cursor, term string, id uint64) ([]byte, []byte) {
	want := blockKey(term, id)
	k, v := c.Seek(want)
	if k == nil || !bytes.Equal(k, want) {
		k, v = c.Prev()
	}
	if k == nil || !isBlockOf(k, term) {
		return nil, nil
	}
	return bytes.Clone(k), v
}

// writeAll puts each term's postings in its blocks, term by term in
// byte order (neighbouring keys: fewer pages visited).
func writeAll(b *bolt.Bucket, byTerm map[string][]Posting) error {
	for _, term := range slices.Sorted(maps.Keys(byTerm)) {
		if err := writeTerm(b, term, sortPostings(byTerm[term])); err != nil {
			return err
		}
	}
	return nil
}

// sortPostings orders postings by id, one per id (the last given wins).
func sortPostings(ps []Posting) []Posting {
	if ascending(ps) { // the usual case: a batch's posts come in order
		return ps
	}
	slices.SortStableFunc(ps, func(a, b Posting) int { return cmpID(a.ID, b.ID) })
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].ID == p.ID {
			out[n-1] = p
			continue
		}
		out = append(out, p)
	}
	return out
}

func ascending(ps []Posting) bool {
	for i := 1; i < len(ps); i++ {
		if ps[i].ID <= ps[i-1].ID {
			return false
		}
	}
	return true
}

func cmpID(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// writeTerm puts ascending postings in term's blocks, reading and
// writing each block they fall in once. New ids past the list's end (the
// usual case: new posts) are appended to its last block without decoding
// it, filling new blocks of blockSize as they go.
func writeTerm(b *bolt.Bucket, term string, ps []Posting) error {
	c := b.Cursor()
	for len(ps) > 0 {
		key, raw := blockFor(c, term, ps[0].ID)
		hi := nextBlock(c, term, key)
		n := len(ps)
		if hi != 0 {
			n, _ = slices.BinarySearchFunc(ps, hi, func(p Posting, id uint64) int { return cmpID(p.ID, id) })
		}
		if err := writeBlock(b, term, key, raw, ps[:n], hi == 0); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// nextBlock is the first id of the block after key (the first block
// when key is nil), or 0 when there is none: the end of key's range.
func nextBlock(c *bolt.Cursor, term string, key []byte) uint64 {
	var k []byte
	if key == nil {
		k, _ = c.Seek(termPrefix(term))
	} else {
		c.Seek(key) // onto key, to step past it
		k, _ = c.Next()
	}
	if k == nil || !isBlockOf(k, term) {
		return 0
	}
	return binary.BigEndian.Uint64(k[len(k)-8:])
}

// writeBlock merges ps into the block at key (nil: a new block before
// the first) and writes the result, split into blocks of blockSize when
// it is the last block (filling it) or has grown past twice that.
func writeBlock(b *bolt.Bucket, term string, key, raw []byte, ps []Posting, last bool) error {
	if key != nil && last {
		if done, err := appendInPlace(b, key, raw, ps); done || err != nil {
			return err
		}
	}
	merged := ps
	if key != nil {
		old, err := decodeBlock(raw)
		if err != nil {
			return err
		}
		merged = mergePostings(old, ps)
	}
	if last {
		b.FillPercent = appendFill
	}
	size := len(merged)
	if last || size > 2*blockSize {
		size = blockSize
	}
	for len(merged) > 0 {
		n := min(size, len(merged))
		if err := b.Put(blockKey(term, merged[0].ID), encodeBlock(merged[:n])); err != nil {
			return err
		}
		merged = merged[n:]
	}
	return nil
}

// appendInPlace appends postings newer than every id of the last block
// to it, byte for byte, when they fit (in number, and in the width of
// its distances) and have positions as its own do. It reports false
// when the general merge must do it (which widens the distances).
func appendInPlace(b *bolt.Bucket, key, raw []byte, ps []Posting) (bool, error) {
	idPart, posPart, err := splitBlock(raw)
	if err != nil {
		return false, err
	}
	p, ok := parsePacked(idPart)
	withPos := len(posPart) > 0
	if !ok || ps[0].ID <= p.last() || p.n+len(ps) > blockSize || widthFor(ps[len(ps)-1].ID-p.first) > p.w {
		return false, nil
	}
	highest, oldPos, _ := splitPositions(posPart)
	ids := slices.Clip(idPart)
	pos := slices.Clip(oldPos)
	for _, q := range ps {
		if len(q.Pos) > 0 != withPos {
			return false, nil
		}
		ids = appendDistance(ids, q.ID-p.first, p.w)
		if withPos {
			highest = max(highest, q.Pos[len(q.Pos)-1])
			pos = appendPositions(pos, q.Pos)
		}
	}
	out := binary.AppendUvarint(make([]byte, 0, len(ids)+len(pos)+8), uint64(len(ids)))
	out = append(out, ids...)
	if withPos {
		out = binary.AppendUvarint(out, uint64(highest))
	}
	b.FillPercent = appendFill
	return true, b.Put(key, append(out, pos...))
}

// mergePostings merges two ascending lists; for an id in both, b's
// posting wins.
func mergePostings(a, b []Posting) []Posting {
	out := make([]Posting, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0].ID < b[0].ID:
			out, a = append(out, a[0]), a[1:]
		case a[0].ID > b[0].ID:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, b[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// remove takes id out of term's list.
func remove(b *bolt.Bucket, term string, id uint64) error {
	key, raw := blockFor(b.Cursor(), term, id)
	if key == nil {
		return nil
	}
	ps, err := decodeBlock(raw)
	if err != nil {
		return err
	}
	i, found := slices.BinarySearchFunc(ps, id, func(q Posting, id uint64) int { return cmpID(q.ID, id) })
	if !found {
		return nil
	}
	ps = slices.Delete(ps, i, i+1)
	if err := b.Delete(key); err != nil || len(ps) == 0 {
		return err
	}
	return b.Put(blockKey(term, ps[0].ID), encodeBlock(ps))
}
