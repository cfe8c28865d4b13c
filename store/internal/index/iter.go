package index

import (
	"bytes"
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Iterator yields ids newest first: Seek returns the largest id ≤ max.
type Iterator interface {
	Seek(max uint64) (id uint64, ok bool)
}

// positioned is an iterator over one term that also tells where the
// word stands in a post it yielded.
type positioned interface {
	Iterator
	positions(id uint64) []uint32
	// highest is, when known, the highest position of the word in the
	// block holding id, and the block's first id.
	highest(id uint64) (pos uint32, first uint64, known bool)
}

// termIter walks one term's blocks from the end. It keeps the last block
// it read, which serves every seek inside that block's range [lo, hi);
// the block's positions are decoded only when a phrase asks for them.
type termIter struct {
	c    *bolt.Cursor
	term string
	last memo
	ids  packed // read in place: a seek decodes nothing
	raw  []byte // the block's position part
	// pos and ends are the positions of the block's first ids, decoded
	// as far as a phrase asked; posRest is the rest.
	pos     []uint32
	ends    []uint32
	posRest []byte
	posOK   bool
	lo, hi  uint64
	loaded  bool
}

// Seek implements Iterator.
func (t *termIter) Seek(max uint64) (uint64, bool) {
	if id, ok, known := t.last.answer(max); known {
		return id, ok
	}
	if !t.loaded || max < t.lo || max >= t.hi {
		if !t.load(max) {
			return t.last.keep(max, 0, false, -1)
		}
	}
	hi := t.ids.n
	if t.last.set && t.last.ok && t.last.id > max { // seeks go down: below the last answer
		hi = t.last.at
	}
	i := t.ids.seek(max, hi)
	if i < 0 {
		return t.last.keep(max, 0, false, -1)
	}
	return t.last.keep(max, t.ids.id(i), true, i)
}

// memo is a leaf iterator's last answer. A search seeks ever lower, and
// AND asks each part again for what it just answered; the largest id ≤
// max is also the largest ≤ any lower max it is still ≤.
type memo struct {
	max, id uint64
	ok, set bool
	at      int // where id stands in the leaf's ids
}

// answer is the answer for max when the last one tells it.
func (m *memo) answer(max uint64) (uint64, bool, bool) {
	if m.set && max <= m.max && (!m.ok || m.id <= max) {
		return m.id, m.ok, true
	}
	return 0, false, false
}

func (m *memo) keep(max, id uint64, ok bool, at int) (uint64, bool) {
	*m = memo{max: max, id: id, ok: ok, set: true, at: at}
	return id, ok
}

// seekIn finds where the largest of ascending ids ≤ max stands, or -1.
// Seeks go down: from hint (the last answer's place, when inside ids)
// it gallops down to the range, then searches it.
func seekIn(ids []uint64, max uint64, hint int) int {
	hi := len(ids)
	if hint >= 0 && hint < len(ids) && ids[hint] > max {
		step, lo := 1, hint
		for lo > 0 && ids[lo-1] > max { // ids[lo] > max
			hi = lo
			lo = max0(lo - step)
			step *= 2
		}
		if lo == 0 && ids[0] > max {
			return -1
		}
		hi = min(hi, hint)
		i, found := slices.BinarySearch(ids[lo:hi], max)
		if found {
			return lo + i
		}
		return lo + i - 1
	}
	i, found := slices.BinarySearch(ids[:hi], max)
	if found {
		return i
	}
	return i - 1
}

func max0(i int) int {
	if i < 0 {
		return 0
	}
	return i
}

// load reads the block whose range holds max.
func (t *termIter) load(max uint64) bool {
	key, raw := blockFor(t.c, t.term, max)
	if key == nil {
		t.loaded = false
		return false
	}
	idPart, posPart, err := splitBlock(raw)
	if err != nil {
		t.loaded = false
		return false
	}
	ids, ok := parsePacked(idPart)
	if !ok {
		t.loaded = false
		return false
	}
	t.ids, t.raw, t.posOK = ids, posPart, false
	t.last = memo{} // places in the old block mean nothing in the new
	t.lo, t.hi, t.loaded = binary.BigEndian.Uint64(key[len(key)-8:]), ^uint64(0), true
	if next, _ := t.c.Next(); next != nil && isBlockOf(next, t.term) {
		t.hi = binary.BigEndian.Uint64(next[len(next)-8:])
	}
	return true
}

func (t *termIter) highest(id uint64) (uint32, uint64, bool) {
	if got, ok := t.Seek(id); !ok || got != id {
		return 0, 0, false
	}
	h, _, ok := splitPositions(t.raw)
	return h, t.lo, ok
}

func (t *termIter) positions(id uint64) []uint32 {
	if got, ok := t.Seek(id); !ok || got != id {
		return nil
	}
	if !t.posOK {
		_, t.posRest, _ = splitPositions(t.raw)
		t.pos, t.ends, t.posOK = t.pos[:0], t.ends[:0], true
	}
	for at := t.last.at; len(t.ends) <= at && len(t.posRest) > 0; { // up to id's own: a phrase asks one or two posts a block
		var ok bool
		if t.posRest, t.pos, ok = decodeSlot(t.posRest, t.pos); ok {
			t.ends = append(t.ends, uint32(len(t.pos)))
		}
	}
	return slot(t.pos, t.ends, t.last.at)
}

// listIter walks a waiting list.
type listIter struct {
	l    *list
	last memo
}

// Seek implements Iterator.
func (w *listIter) Seek(max uint64) (uint64, bool) {
	if id, ok, known := w.last.answer(max); known {
		return id, ok
	}
	hint := -1
	if w.last.set {
		hint = w.last.at
	}
	i := seekIn(w.l.ids, max, hint)
	if i < 0 {
		return w.last.keep(max, 0, false, -1)
	}
	return w.last.keep(max, w.l.ids[i], true, i)
}

func (w *listIter) highest(uint64) (uint32, uint64, bool) { return 0, 0, false }

func (w *listIter) positions(id uint64) []uint32 {
	if got, ok := w.Seek(id); !ok || got != id {
		return nil
	}
	return w.l.positions(w.last.at)
}

// termOr is one term in the blocks and in the waiting segments.
type termOr struct {
	blocks  *termIter
	waiting *listIter
}

// Seek implements Iterator.
func (o *termOr) Seek(max uint64) (uint64, bool) { return orIter{o.blocks, o.waiting}.Seek(max) }

func (o *termOr) highest(id uint64) (uint32, uint64, bool) {
	if got, ok := o.waiting.Seek(id); ok && got == id {
		return 0, 0, false
	}
	return o.blocks.highest(id)
}

func (o *termOr) positions(id uint64) []uint32 {
	if got, ok := o.waiting.Seek(id); ok && got == id {
		return o.waiting.positions(id)
	}
	return o.blocks.positions(id)
}

// Or yields the ids any part yields.
func (r *Reader) Or(parts ...Iterator) Iterator {
	if len(parts) > manyParts {
		return &union{parts: parts}
	}
	return orIter(parts)
}

type orIter []Iterator

func (o orIter) Seek(max uint64) (uint64, bool) {
	best, found := uint64(0), false
	for _, it := range o {
		if id, ok := it.Seek(max); ok && (!found || id > best) {
			best, found = id, true
		}
	}
	return best, found
}

// Except yields the ids of base that none of without yields.
func (r *Reader) Except(base Iterator, without ...Iterator) Iterator {
	return exceptIter{base: base, without: without, stop: r.stop}
}

type exceptIter struct {
	base    Iterator
	without []Iterator
	stop    *stopper
}

func (e exceptIter) Seek(max uint64) (uint64, bool) {
	for {
		if e.stop.stopped() {
			return 0, false
		}
		id, ok := e.base.Seek(max)
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
		if got, ok := it.Seek(id); ok && got == id {
			return true
		}
	}
	return false
}

// Keys walks the 8-byte ids at the end of the keys under prefix in a
// bucket's cursor: every post (no prefix) or one conversation's.
func Keys(c *bolt.Cursor, prefix []byte) Iterator { return keyIter{c: c, prefix: prefix} }

type keyIter struct {
	c      *bolt.Cursor
	prefix []byte
}

func (k keyIter) Seek(max uint64) (uint64, bool) {
	target := binary.BigEndian.AppendUint64(bytes.Clone(k.prefix), max)
	key, _ := k.c.Seek(target)
	if key == nil || !bytes.Equal(key, target) {
		key, _ = k.c.Prev()
	}
	if key == nil || !bytes.HasPrefix(key, k.prefix) || len(key) != len(k.prefix)+8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(key[len(key)-8:]), true
}

// phraseIter yields the posts where its terms stand one after another:
// the posts holding every term, kept where some position p of the first
// has p+j among the positions of the j-th.
type phraseIter struct {
	parts []positioned
	and   andIter
	stop  *stopper
	lists [][]uint32 // adjacent's, kept between calls
}

func (p *phraseIter) Seek(max uint64) (uint64, bool) {
	for {
		if p.stop.stopped() {
			return 0, false
		}
		id, ok := p.and.Seek(max)
		if !ok {
			return 0, false
		}
		if first, skip := p.skippable(id); skip {
			if first == 0 {
				return 0, false
			}
			max = first - 1
			continue
		}
		if p.adjacent(id) {
			return id, true
		}
		if id == 0 {
			return 0, false
		}
		max = id - 1
	}
}

// skippable finds a word of the phrase that stands, everywhere in the
// block holding id, before the place the phrase needs it at (the j-th
// word at j or later): no post of that block from id down can match.
// It returns the block's first id.
func (p *phraseIter) skippable(id uint64) (uint64, bool) {
	for j := 1; j < len(p.parts); j++ {
		if h, first, known := p.parts[j].highest(id); known && h < uint32(j) {
			return first, true
		}
	}
	return 0, false
}

// adjacent checks the positions of a post every term holds.
func (p *phraseIter) adjacent(id uint64) bool {
	if p.lists == nil {
		p.lists = make([][]uint32, len(p.parts))
	}
	lists := p.lists
	for j, part := range p.parts {
		if lists[j] = part.positions(id); len(lists[j]) == 0 {
			return false
		}
	}
	for _, start := range lists[0] {
		if p.runsFrom(lists, start) {
			return true
		}
	}
	return false
}

func (p *phraseIter) runsFrom(lists [][]uint32, start uint32) bool {
	for j := 1; j < len(lists); j++ {
		if _, found := slices.BinarySearch(lists[j], start+uint32(j)); !found {
			return false
		}
	}
	return true
}
