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

func cmpID(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// writeTerm puts ascending postings in term's blocks. Ids newer than the
// list's last (the usual case: new posts) are appended to its last block
// in one write, filling new blocks as they go; older ones go in one by
// one.
func writeTerm(b *bolt.Bucket, term string, ps []Posting) error {
	key, raw := blockFor(b.Cursor(), term, ^uint64(0))
	var last []Posting
	if key != nil {
		var err error
		if last, err = decodeBlock(raw); err != nil {
			return err
		}
	}
	if key == nil || len(last) == 0 || ps[0].ID <= last[len(last)-1].ID {
		for _, p := range ps {
			if err := insert(b, term, p); err != nil {
				return err
			}
		}
		return nil
	}
	b.FillPercent = appendFill
	if len(last) < blockSize {
		room := min(blockSize-len(last), len(ps))
		if err := b.Put(key, encodeBlock(append(last, ps[:room]...))); err != nil {
			return err
		}
		ps = ps[room:]
	}
	for len(ps) > 0 {
		n := min(blockSize, len(ps))
		if err := b.Put(blockKey(term, ps[0].ID), encodeBlock(ps[:n])); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// insert puts one posting in the block whose range holds it, splitting
// a block that grows past twice blockSize.
func insert(b *bolt.Bucket, term string, p Posting) error {
	key, raw := blockFor(b.Cursor(), term, p.ID)
	var ps []Posting
	if key != nil {
		var err error
		if ps, err = decodeBlock(raw); err != nil {
			return err
		}
	}
	if key == nil || len(ps) >= blockSize && p.ID > ps[len(ps)-1].ID {
		b.FillPercent = appendFill
		return b.Put(blockKey(term, p.ID), encodeBlock([]Posting{p}))
	}
	i, found := slices.BinarySearchFunc(ps, p.ID, func(q Posting, id uint64) int { return cmpID(q.ID, id) })
	if found {
		ps[i] = p
	} else {
		ps = slices.Insert(ps, i, p)
	}
	if len(ps) > 2*blockSize {
		half := len(ps) / 2
		if err := b.Put(key, encodeBlock(ps[:half])); err != nil {
			return err
		}
		return b.Put(blockKey(term, ps[half].ID), encodeBlock(ps[half:]))
	}
	return b.Put(key, encodeBlock(ps)) // the block's first id is ≤ p's: its key stands
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
