package index

import (
	"context"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Reader reads the index as one transaction sees it: the term blocks and
// the segments waiting to be folded into them.
type Reader struct {
	tx      *bolt.Tx
	waiting *waiting
	stop    *stopper
	// err is the first damaged segment a term's lookup met.
	err error
}

// Read opens the index for reading in tx. A term's waiting postings are
// decoded when a search first asks for the term, and shared by every
// Reader until the next batch.
func (ix *Index) Read(tx *bolt.Tx) (*Reader, error) {
	waiting, err := ix.cache.read(tx)
	if err != nil {
		return nil, err
	}
	return &Reader{tx: tx, waiting: waiting, stop: &stopper{ctx: context.Background()}}, nil
}

// WithContext makes the iterators r makes from now on stop, yielding
// nothing more, once ctx is done; Err then says so. A phrase or an AND
// that matches nothing walks whole lists inside one Seek, so the
// iterators themselves look, not only their caller.
func (r *Reader) WithContext(ctx context.Context) *Reader {
	r.stop = &stopper{ctx: ctx}
	return r
}

// Err is the context's error once an iterator stopped for it, or the
// damage a waiting segment showed.
func (r *Reader) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.stop.err
}

// waitingList is term's waiting postings, nil for none; a damaged segment
// is kept in r.err (Err) and reads as none.
func (r *Reader) waitingList(term string) *list {
	l, err := r.waiting.list(term)
	if err != nil && r.err == nil {
		r.err = err
	}
	return l
}

// stopper tells long loops to stop once its context is done, looking at
// the context every checkEvery steps (a step is a few µs at most).
type stopper struct {
	ctx   context.Context
	steps int
	err   error
}

const checkEvery = 256

func (s *stopper) stopped() bool {
	if s.err != nil {
		return true
	}
	if s.steps++; s.steps%checkEvery == 0 {
		s.err = s.ctx.Err()
	}
	return s.err != nil
}

// Term iterates over the posts that hold term, newest first.
func (r *Reader) Term(term string) Iterator {
	blocks := &termIter{c: r.tx.Bucket(bucketPostings).Cursor(), term: term}
	if l := r.waitingList(term); l != nil {
		return &termOr{blocks: blocks, waiting: &listIter{l: l}}
	}
	return blocks
}

// Phrase iterates over the posts that hold terms next to each other, in
// order, from the words' positions: no post is read.
func (r *Reader) Phrase(terms []string) Iterator {
	if len(terms) == 1 {
		return r.Term(terms[0])
	}
	p := &phraseIter{stop: r.stop}
	for _, t := range terms {
		it := r.Term(t).(positioned)
		p.parts = append(p.parts, it)
		p.and.parts = append(p.and.parts, it)
	}
	p.and.stop = r.stop
	return p
}

// All is every id under term, newest first.
func (r *Reader) All(term string) []uint64 { return Drain(r.Term(term)) }

// Drain is every id an iterator yields, newest first.
func Drain(it Iterator) []uint64 {
	var ids []uint64
	for max := ^uint64(0); ; {
		id, ok := it.Seek(max)
		if !ok {
			return ids
		}
		ids = append(ids, id)
		if id == 0 {
			return ids
		}
		max = id - 1
	}
}

// Has reports whether term's list holds id, with exactly the positions
// pos when the term has positions (CheckIndex's question).
func (r *Reader) Has(term string, id uint64, pos []uint32) bool {
	it, ok := r.Term(term).(positioned)
	if got, found := it.Seek(id); !ok || !found || got != id {
		return false
	}
	return slices.Equal(it.positions(id), pos)
}

// Each calls fn with every term the index holds and its ids, newest
// first, blocks and waiting segments together (for checks: memory is
// one term's list at a time besides the segments).
func (r *Reader) Each(fn func(term string, ids []uint64) error) error {
	seen := map[string]bool{}
	c := r.tx.Bucket(bucketPostings).Cursor()
	for k, _ := c.First(); k != nil; {
		if len(k) < 9 || k[len(k)-9] != 0 {
			return errCorrupt
		}
		term := string(k[:len(k)-9])
		seen[term] = true
		if err := fn(term, r.All(term)); err != nil {
			return err
		}
		k, _ = c.Seek(append(termPrefix(term), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
		if k != nil && isBlockOf(k, term) {
			k, _ = c.Next()
		}
	}
	return r.waiting.eachTerm("", func(term string) error {
		if seen[term] {
			return nil
		}
		return fn(term, r.All(term))
	})
}

// Decoded is how many terms of the waiting segments are held decoded:
// only those a search asked for.
func (ix *Index) Decoded() int { return ix.cache.decoded() }

// Exists says whether any post is filed under term.
func (r *Reader) Exists(term string) bool {
	if r.waitingList(term) != nil {
		return true
	}
	key, _ := blockFor(r.tx.Bucket(bucketPostings).Cursor(), term, ^uint64(0))
	return key != nil
}

// Expand lists the terms that start with prefix, in byte order, up to
// limit of them (a caller asks for one more than it takes, to tell that
// there are too many). It reads one key per term, not its blocks.
func (r *Reader) Expand(prefix string, limit int) []string {
	var out []string
	c := r.tx.Bucket(bucketPostings).Cursor()
	for k, _ := c.Seek([]byte(prefix)); k != nil && len(out) < limit && strings.HasPrefix(string(k), prefix); {
		if len(k) < 9 || k[len(k)-9] != 0 {
			k, _ = c.Next()
			continue
		}
		term := string(k[:len(k)-9])
		out = append(out, term)
		k, _ = c.Seek(append(termPrefix(term), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
		if k != nil && isBlockOf(k, term) {
			k, _ = c.Next()
		}
	}
	seen := make(map[string]bool, len(out))
	for _, t := range out {
		seen[t] = true
	}
	if err := r.waiting.eachTerm(prefix, func(term string) error {
		if !seen[term] { // a segment holds a term only with postings
			seen[term] = true
			out = append(out, term)
		}
		return nil
	}); err != nil && r.err == nil {
		r.err = err
	}
	slices.Sort(out)
	return out[:min(len(out), limit)]
}
