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
	size    int
	// limit is the bytes held before a run is written (runBytes; tests
	// make it small).
	limit int
}

// record is one posting on its way to a block.
type record struct {
	term string
	id   uint64
	pos  []uint32
}

// runBytes bounds the entries a Builder holds in memory before it sorts
// them into a run on disk: about 1.2M postings.
const runBytes = 64 << 20

// writeBytes is how much a write transaction of Write puts in blocks
// before it commits: big enough that commits cost little, small enough
// that bbolt's dirty pages stay bounded.
const writeBytes = 32 << 20

// NewBuilder makes a Builder whose runs go in dir (beside the database:
// they are about as big as the index), named by pattern (os.CreateTemp's).
// Close removes them.
func NewBuilder(dir, pattern string) *Builder {
	return &Builder{dir: dir, pattern: pattern, limit: runBytes}
}

// Add gathers entries.
func (b *Builder) Add(e Entries) error {
	for term, ps := range e.terms {
		for _, p := range ps {
			b.buf = append(b.buf, record{term: term, id: p.ID, pos: p.Pos})
			b.size += len(term) + 24 + 4*len(p.Pos)
		}
	}
	if b.size >= b.limit {
		return b.spill()
	}
	return nil
}

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
		if err := writeRecord(w, r, i == 0 || r.term != last); err != nil {
			f.Close()
			return err
		}
		last = r.term
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	b.buf, b.size = b.buf[:0], 0
	return f.Close()
}

func compareRecords(a, b record) int {
	if c := strings.Compare(a.term, b.term); c != 0 {
		return c
	}
	return cmpID(a.id, b.id)
}

// writeRecord writes a record: the term when it changes (its length
// plus one, then the term; else 0), the id, the positions.
func writeRecord(w *bufio.Writer, r record, newTerm bool) error {
	var buf []byte
	if newTerm {
		buf = binary.AppendUvarint(buf, uint64(len(r.term))+1)
		buf = append(buf, r.term...)
	} else {
		buf = binary.AppendUvarint(buf, 0)
	}
	buf = binary.AppendUvarint(buf, r.id)
	buf = binary.AppendUvarint(buf, uint64(len(r.pos)))
	for _, p := range r.pos {
		buf = binary.AppendUvarint(buf, uint64(p))
	}
	_, err := w.Write(buf)
	return err
}

// run reads a run file back, record by record.
type run struct {
	r    *bufio.Reader
	f    *os.File
	cur  record
	term string
}

func openRun(path string) (*run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &run{r: bufio.NewReaderSize(f, 1<<20), f: f}, nil
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
	r.cur = record{term: r.term, id: id, pos: pos}
	return nil
}

// runHeap merges runs: the run with the smallest current record first.
type runHeap []*run

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return compareRecords(h[i].cur, h[j].cur) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*run)) }
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
