package index

import (
	"bytes"
	"encoding/binary"
	"maps"
	"slices"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// defaultFoldAfter is how many posts wait in segments before they are
// folded: each fold then rewrites a term's page once for 500 batches.
// A fold touches a page for nearly every person seen since the last, so
// folding less often writes fewer pages per post (at 1M posts, folding
// every 20,000 wrote 123 pages per 100-post batch, every 50,000 wrote
// 89). The cost: the waiting segments are kept decoded for searches,
// and the batch that folds takes about half a second at 1M posts.
const defaultFoldAfter = 50000

// encodeSegment writes each term (in byte order) with its postings: the
// term's length, the term, the block's length and the block.
func encodeSegment(byTerm map[string][]Posting) []byte {
	var out []byte
	for _, term := range slices.Sorted(maps.Keys(byTerm)) {
		block := encodeBlock(byTerm[term])
		out = binary.AppendUvarint(out, uint64(len(term)))
		out = append(out, term...)
		out = binary.AppendUvarint(out, uint64(len(block)))
		out = append(out, block...)
	}
	return out
}

// eachInSegment calls fn with each term of a segment and its block.
func eachInSegment(v []byte, fn func(term, block []byte) error) error {
	return walkSegment(v, func(term, block []byte) (bool, error) { return false, fn(term, block) })
}

// walkSegment calls fn with each term of a segment and its block, in the
// segment's (byte) order, until fn says stop.
func walkSegment(v []byte, fn func(term, block []byte) (stop bool, err error)) error {
	next := func() ([]byte, error) {
		n, w := binary.Uvarint(v)
		if w <= 0 || n > uint64(len(v)-w) {
			return nil, errCorrupt
		}
		part := v[w : w+int(n)]
		v = v[w+int(n):]
		return part, nil
	}
	for len(v) > 0 {
		term, err := next()
		if err != nil {
			return err
		}
		block, err := next()
		if err != nil {
			return err
		}
		if stop, err := fn(term, block); stop || err != nil {
			return err
		}
	}
	return nil
}

// list is one term's waiting postings, ascending, positions kept flat:
// ids[i]'s positions are pos[ends[i-1]:ends[i]] (ends nil for a term
// without positions).
type list struct {
	ids  []uint64
	ends []uint32
	pos  []uint32
}

// appendBlock adds a block's postings to l.
func (l *list) appendBlock(block []byte) error {
	idPart, posPart, err := splitBlock(block)
	if err != nil {
		return err
	}
	ids, err := decodeIDs(idPart, nil)
	if err != nil {
		return err
	}
	flat, ends := decodePositions(posPart, len(ids), nil, nil)
	if len(ends) > 0 || len(l.ends) > 0 {
		for len(l.ends) < len(l.ids) { // earlier postings without positions
			l.ends = append(l.ends, uint32(len(l.pos)))
		}
		base, end := uint32(len(l.pos)), uint32(0)
		for i := range ids {
			if i < len(ends) {
				end = ends[i]
			}
			l.ends = append(l.ends, base+end)
		}
	}
	l.ids = append(l.ids, ids...)
	l.pos = append(l.pos, flat...)
	return nil
}

// positions are ids[i]'s positions.
func (l *list) positions(i int) []uint32 { return slot(l.pos, l.ends, i) }

// slot is the i-th id's positions in flat positions that end at ends.
func slot(flat, ends []uint32, i int) []uint32 {
	if i < 0 || i >= len(ends) {
		return nil
	}
	start := uint32(0)
	if i > 0 {
		start = ends[i-1]
	}
	return flat[start:ends[i]]
}

// postings is l as postings (for a fold).
func (l *list) postings() []Posting {
	out := make([]Posting, len(l.ids))
	for i, id := range l.ids {
		out[i] = Posting{ID: id, Pos: l.positions(i)}
	}
	return out
}

// sorted is l in id order, one entry per id, for segments stored out of
// order (posts arrive late).
func (l *list) sorted() *list {
	if strictlyAscending(l.ids) {
		return l
	}
	out := &list{}
	for _, p := range sortPostings(l.postings()) {
		out.ids = append(out.ids, p.ID)
		out.pos = append(out.pos, p.Pos...)
		if len(l.ends) > 0 {
			out.ends = append(out.ends, uint32(len(out.pos)))
		}
	}
	return out
}

func strictlyAscending(ids []uint64) bool {
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			return false
		}
	}
	return true
}

// decodeSegments reads every segment into lists by term, added to all
// (a fold's reading; a search reads its own terms: waiting.list).
func decodeSegments(all map[string]*list, c *bolt.Cursor) error {
	for k, v := c.First(); k != nil; k, v = c.Next() {
		err := eachInSegment(v, func(term, block []byte) error {
			l := all[string(term)]
			if l == nil {
				l = &list{}
				all[string(term)] = l
			}
			return l.appendBlock(block)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// segmentCache keeps, for the state the segments were read in (folds
// made, posts waiting), each term's waiting postings once a search asked
// for that term: a search decodes the blocks of its own terms only, not
// every segment (a new process's first search decoded all of them, 4 µs
// a waiting post: 20 ms with 5,000 waiting). A list handed out is never
// changed.
type segmentCache struct {
	mu    sync.Mutex
	state *waitState
}

// waitState is what one state of the segments has decoded so far.
type waitState struct {
	mu             sync.Mutex
	folds, waiting uint64
	terms          map[string]*list
}

// waiting are the segments a transaction sees, decoded term by term as
// asked (see segmentCache).
type waiting struct {
	segs  [][]byte // the raw segments, valid while the transaction is
	state *waitState
}

// read returns the waiting segments as tx sees them; nil when none wait.
func (c *segmentCache) read(tx *bolt.Tx) (*waiting, error) {
	b := tx.Bucket(bucketPending)
	folds, n := tx.Bucket(bucketPostings).Sequence(), b.Sequence()
	if n == 0 {
		return nil, nil
	}
	w := &waiting{}
	cur := b.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if binary.BigEndian.Uint64(k) >= n {
			break
		}
		w.segs = append(w.segs, v)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == nil || c.state.folds != folds || c.state.waiting != n {
		c.state = &waitState{folds: folds, waiting: n, terms: map[string]*list{}}
	}
	w.state = c.state
	return w, nil
}

// list is term's waiting postings, in id order; nil for none.
func (w *waiting) list(term string) (*list, error) {
	if w == nil {
		return nil, nil
	}
	w.state.mu.Lock()
	defer w.state.mu.Unlock()
	if l, ok := w.state.terms[term]; ok {
		return l, nil
	}
	l, want := &list{}, []byte(term)
	for _, seg := range w.segs {
		block, err := findInSegment(seg, want)
		if err != nil {
			return nil, err
		}
		if block != nil {
			if err := l.appendBlock(block); err != nil {
				return nil, err
			}
		}
	}
	if len(l.ids) == 0 {
		l = nil
	} else {
		l = l.sorted()
	}
	w.state.terms[term] = l
	return l, nil
}

// decoded is how many terms this state has decoded.
func (c *segmentCache) decoded() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == nil {
		return 0
	}
	c.state.mu.Lock()
	defer c.state.mu.Unlock()
	return len(c.state.terms)
}

// eachTerm calls fn with every term of the waiting segments that starts
// with prefix, each once, in no order; blocks are not decoded.
func (w *waiting) eachTerm(prefix string, fn func(term string) error) error {
	if w == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, seg := range w.segs {
		err := eachInSegment(seg, func(term, _ []byte) error {
			if t := string(term); strings.HasPrefix(t, prefix) && !seen[t] {
				seen[t] = true
				return fn(t)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// findInSegment is term's block in a segment, nil when it has none. A
// segment's terms are in byte order (encodeSegment), so the walk stops
// past where term would be, and skips the other terms' blocks unread.
func findInSegment(v []byte, term []byte) ([]byte, error) {
	var found []byte
	err := walkSegment(v, func(t, block []byte) (bool, error) {
		switch c := bytes.Compare(t, term); {
		case c == 0:
			found = block
			return true, nil
		case c > 0:
			return true, nil
		}
		return false, nil
	})
	return found, err
}
