package index

import (
	"slices"
)

// And yields the ids every part yields.
func (r *Reader) And(parts ...Iterator) Iterator {
	return &andIter{parts: slices.Clone(parts), stop: r.stop}
}

// andIter intersects its parts. The sparsest part leads, and a part that
// answers lower sends the search back to the leader: a dense part (the
// word "in", in a fifth of the posts) is asked only at the ids every
// sparser part agrees on. Asking every part in the written order made
// "rhodia deckle in" decode a block of "in" for each id where rhodia and
// deckle disagreed: 4.05 ms against 0.20 for "rhodia deckle" alone
// (1,000,000 posts).
type andIter struct {
	parts   []Iterator
	stop    *stopper
	ordered bool
}

// Seek implements Iterator.
func (a *andIter) Seek(max uint64) (uint64, bool) {
	if !a.ordered {
		if !a.order(max) {
			return 0, false
		}
	}
	for {
		if a.stop.stopped() {
			return 0, false
		}
		id, ok := a.parts[0].Seek(max)
		if !ok {
			return 0, false
		}
		max = id
		agreed := true
		for _, it := range a.parts[1:] {
			got, ok := it.Seek(max)
			if !ok {
				return 0, false
			}
			if got < max {
				max, agreed = got, false
				break
			}
		}
		if agreed {
			return max, true
		}
	}
}

// order asks each part once, so that each knows its density, and puts
// the sparsest first; false when a part has nothing at or below max.
func (a *andIter) order(max uint64) bool {
	dens := make([]float64, len(a.parts))
	for i, it := range a.parts {
		if _, ok := it.Seek(max); !ok {
			return false
		}
		dens[i] = densityOf(it)
	}
	idx := make([]int, len(a.parts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		switch {
		case dens[i] < dens[j]:
			return -1
		case dens[i] > dens[j]:
			return 1
		}
		return 0
	})
	sorted := make([]Iterator, len(a.parts))
	for k, i := range idx {
		sorted[k] = a.parts[i]
	}
	a.parts, a.ordered = sorted, true
	return true
}

// dense is an iterator that can tell, once asked, how densely its ids
// stand where it last looked: ids per unit of id space, at most 1.
type dense interface {
	density() float64
}

// densityOf is it's density; 1 (every id) when it cannot tell, so a part
// of unknown density is asked last.
func densityOf(it Iterator) float64 {
	if d, ok := it.(dense); ok {
		return d.density()
	}
	return 1
}

// spread is the density of ascending ids: how many per unit of the
// range they span.
func spread(ids []uint64) float64 {
	if len(ids) < 2 {
		return float64(len(ids)) / (1 << 40) // one id: sparse, with nothing to measure
	}
	return float64(len(ids)) / float64(ids[len(ids)-1]-ids[0]+1)
}

func (t *termIter) density() float64 {
	switch {
	case !t.loaded:
		return 0
	case t.ids.n < 2:
		return spread(make([]uint64, t.ids.n))
	}
	return float64(t.ids.n) / float64(t.ids.last()-t.ids.first+1)
}

func (w *listIter) density() float64 { return spread(w.l.ids) }

func (o *termOr) density() float64 { return o.blocks.density() + o.waiting.density() }

func (o orIter) density() float64 { return sumDensity(o) }

func (u *union) density() float64 { return sumDensity(u.parts) }

func (p *phraseIter) density() float64 { return p.and.density() }

func (e exceptIter) density() float64 { return densityOf(e.base) }

func (a *andIter) density() float64 {
	d := 1.0
	for _, it := range a.parts {
		d = min(d, densityOf(it))
	}
	return d
}

func sumDensity(parts []Iterator) float64 {
	var d float64
	for _, it := range parts {
		d += densityOf(it)
	}
	return min(d, 1)
}

// A conversation's posts are few; every post is every id.
func (k keyIter) density() float64 {
	if len(k.prefix) > 0 {
		return 0
	}
	return 1
}
