package index

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"io"
	"os"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// A Builder writes a whole index at once, for a reindex. Folding batch
// after batch into the blocks rewrote each block many times (7.4 GB
// written for an 863 MB file at 1M posts); instead, entries are sorted
// in runs on disk of at most runBytes, the runs are merged in term
// order, and each block is written once, in key order, into the emptied
// index, so bbolt fills its pages one after the other.
type Builder struct {
	dir     string
	pattern string
	runs    []string
	buf     []record
	// pos holds every gathered posting's positions, one after the other
	// (a record names its part): one array, not a slice per posting.
	pos []uint32
	// terms keeps one copy of each term's text: each batch's entries
	// bring their own strings, the same words again and again.
	terms     map[string]string
	termBytes int
	size      int
	// limit is the bytes held before a run is written (runBytes; tests
	// make it small).
	limit int
}

// record is one posting on its way to a block: its positions are
// pos[start:start+n] of the Builder (or of the run's reader).
type record struct {
	term     string
	id       uint64
	start, n uint32
}

// recordBytes is what a record costs in memory: the struct (a string
// header, the id, the span of its positions).
const recordBytes = 32

// runBytes bounds the entries a Builder holds in memory before it sorts
// them into a run on disk: about 400,000 postings. It was 64 MB of a
// count that left out each posting's slice and the strings of its term,
// and `hark reindex` peaked at 420–437 MB of its own memory at
// 1,000,000 posts; the count is now what the records take.
const runBytes = 16 << 20

// writeBytes is how much a write transaction of Write puts in blocks
// before it commits: big enough that commits cost little, small enough
// that bbolt's dirty pages stay bounded.
// At 32 MB the transaction's blocks and bbolt's pages for them were most
// of a reindex's peak memory.
const writeBytes = 8 << 20

// NewBuilder makes a Builder whose runs go in dir (beside the database:
// they are about as big as the index), named by pattern (os.CreateTemp's).
// Close removes them.
func NewBuilder(dir, pattern string) *Builder {
	return &Builder{dir: dir, pattern: pattern, limit: runBytes, terms: map[string]string{}}
}

// Add gathers entries.
func (b *Builder) Add(e Entries) error {
	if b.buf == nil { // once, whole: growing by doubling would hold two copies at its peak
		b.buf = make([]record, 0, b.limit/recordBytes+1)
	}
	for term, ps := range e.terms {
		t, ok := b.terms[term]
		if !ok {
			t = term
			b.terms[t] = t
			b.termBytes += len(t) + 48 // the string and its place in the map
			b.size += len(t) + 48
		}
		for _, p := range ps {
			b.buf = append(b.buf, record{term: t, id: p.ID, start: uint32(len(b.pos)), n: uint32(len(p.Pos))})
			b.pos = append(b.pos, p.Pos...)
			b.size += recordBytes + 4*len(p.Pos)
		}
		if b.size >= b.limit {
			if err := b.spill(); err != nil {
				return err
			}
		}
	}
	return nil
}

// positions are a gathered record's positions.
func (b *Builder) positions(r record) []uint32 { return b.pos[r.start : r.start+r.n] }

// spill sorts the gathered entries into a run file.
func (b *Builder) spill() error {
	if len(b.buf) == 0 {
		return nil
	}
	slices.SortFunc(b.buf, compareRecords)
	f, err := os.CreateTemp(b.dir, b.pattern)
	if err != nil {
		return err
	}
	b.runs = append(b.runs, f.Name())
	w := bufio.NewWriterSize(f, 1<<20)
	last := ""
	for i, r := range b.buf {
		if err := writeRecord(w, r.term, r.id, b.positions(r), i == 0 || r.term != last); err != nil {
			f.Close()
			return err
		}
		last = r.term
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if b.termBytes > b.limit/4 { // a history of many words: kept no longer than a run is
		clear(b.terms)
		b.termBytes = 0
	}
	b.buf, b.pos, b.size = b.buf[:0], b.pos[:0], b.termBytes
	return f.Close()
}

func compareRecords(a, b record) int { return compareKeys(a.term, a.id, b.term, b.id) }

// compareKeys orders postings by term, then id.
func compareKeys(aTerm string, aID uint64, bTerm string, bID uint64) int {
	if c := strings.Compare(aTerm, bTerm); c != 0 {
		return c
	}
	return cmpID(aID, bID)
}

// writeRecord writes a record: the term when it changes (its length
// plus one, then the term; else 0), the id, the positions.
func writeRecord(w *bufio.Writer, term string, id uint64, pos []uint32, newTerm bool) error {
	var buf []byte
	if newTerm {
		buf = binary.AppendUvarint(buf, uint64(len(term))+1)
		buf = append(buf, term...)
	} else {
		buf = binary.AppendUvarint(buf, 0)
	}
	buf = binary.AppendUvarint(buf, id)
	buf = binary.AppendUvarint(buf, uint64(len(pos)))
	for _, p := range pos {
		buf = binary.AppendUvarint(buf, uint64(p))
	}
	_, err := w.Write(buf)
	return err
}

// run reads a run file back, record by record.
type run struct {
	r    *bufio.Reader
	f    *os.File
	cur  runRecord
	term string
}

// runRecord is a posting read back from a run.
type runRecord struct {
	term string
	id   uint64
	pos  []uint32
}

// runReadBuffer is each run's read buffer while they merge: at 1M posts
// some fifty runs merge at once, and buffers of 1 MB each were a quarter
// of reindex's peak (204 MB).
const runReadBuffer = 64 << 10

func openRun(path string) (*run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &run{r: bufio.NewReaderSize(f, runReadBuffer), f: f}, nil
}

// next reads the next record; io.EOF at the end.
func (r *run) next() error {
	n, err := binary.ReadUvarint(r.r)
	if err != nil {
		return err
	}
	if n > 0 {
		term := make([]byte, n-1)
		if _, err := io.ReadFull(r.r, term); err != nil {
			return errCorrupt
		}
		r.term = string(term)
	}
	id, err := binary.ReadUvarint(r.r)
	if err != nil {
		return errCorrupt
	}
	count, err := binary.ReadUvarint(r.r)
	if err != nil || count > 1<<20 {
		return errCorrupt
	}
	var pos []uint32
	if count > 0 {
		pos = make([]uint32, count)
		for i := range pos {
			p, err := binary.ReadUvarint(r.r)
			if err != nil {
				return errCorrupt
			}
			pos[i] = uint32(p)
		}
	}
	r.cur = runRecord{term: r.term, id: id, pos: pos}
	return nil
}

// runHeap merges runs: the run with the smallest current record first.
type runHeap []*run

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	return compareKeys(h[i].cur.term, h[i].cur.id, h[j].cur.term, h[j].cur.id) < 0
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*run)) }
func (h *runHeap) Pop() any {
	old := *h
	r := old[len(old)-1]
	*h = old[:len(old)-1]
	return r
}

// Write merges everything added into the index's blocks, which must be
// empty (Clear), calling update for each write transaction; the last
// call also runs last, in the same transaction, so that a caller can
// mark the work done there.
func (b *Builder) Write(update func(func(*bolt.Tx) error) error, last func(*bolt.Tx) error) error {
	if err := b.spill(); err != nil {
		return err
	}
	h := runHeap{}
	defer func() {
		for _, r := range h {
			r.f.Close()
		}
	}()
	for _, path := range b.runs {
		r, err := openRun(path)
		if err != nil {
			return err
		}
		switch err := r.next(); err {
		case nil:
			h = append(h, r)
		case io.EOF:
			r.f.Close()
		default:
			r.f.Close()
			return err
		}
	}
	heap.Init(&h)
	m := &merger{h: &h}
	for done := false; !done; {
		err := update(func(tx *bolt.Tx) error {
			var err error
			if done, err = m.write(tx.Bucket(bucketPostings)); err != nil || !done {
				return err
			}
			return last(tx)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Close removes the runs.
func (b *Builder) Close() error {
	var first error
	for _, path := range b.runs {
		if err := os.Remove(path); err != nil && first == nil && !os.IsNotExist(err) {
			first = err
		}
	}
	b.runs = nil
	return first
}

// merger writes merged records into blocks, across transactions.
type merger struct {
	h      *runHeap
	term   string
	block  []Posting
	lastID uint64 // of term, to drop repeats: a customer's conversation comes once per post
	any    bool
}

// write puts blocks until writeBytes are written or the runs end
// (done).
func (m *merger) write(b *bolt.Bucket) (done bool, err error) {
	b.FillPercent = 1 // keys come in order: fill each page
	written := 0
	for m.h.Len() > 0 && written < writeBytes {
		r := (*m.h)[0]
		rec := r.cur
		if !m.any || rec.term != m.term || rec.id != m.lastID {
			if !m.any || rec.term != m.term || len(m.block) == blockSize {
				n, err := m.flush(b)
				if err != nil {
					return false, err
				}
				written += n
				m.term = rec.term
			}
			m.block = append(m.block, Posting{ID: rec.id, Pos: rec.pos})
			m.lastID, m.any = rec.id, true
		}
		switch err := r.next(); err {
		case nil:
			heap.Fix(m.h, 0)
		case io.EOF:
			heap.Pop(m.h)
			r.f.Close()
		default:
			return false, err
		}
	}
	if m.h.Len() > 0 {
		return false, nil
	}
	_, err = m.flush(b)
	return true, err
}

// flush writes the block gathered, if any.
func (m *merger) flush(b *bolt.Bucket) (int, error) {
	if len(m.block) == 0 {
		return 0, nil
	}
	first := m.block[0].ID
	v := encodeBlock(m.block)
	m.block = m.block[:0]
	return len(v), b.Put(blockKey(m.term, first), v)
}
