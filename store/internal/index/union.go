package index

import "container/heap"

// manyParts is the number of parts past which Or keeps them in a heap:
// asking every part at every step costs more than the heap's upkeep.
const manyParts = 8

// union is an OR of many parts (the words of a prefix, the people of a
// name, the conversations of a note): a max-heap of each part's answer
// for the last max, so that a lower Seek asks again only the parts whose
// answer is above it. A higher Seek starts again.
type union struct {
	parts []Iterator
	ids   []uint64 // each part's last answer
	order []int    // the parts with an answer, a max-heap by ids
	max   uint64
	ready bool
}

// Seek implements Iterator.
func (u *union) Seek(max uint64) (uint64, bool) {
	if !u.ready || max > u.max {
		u.reset(max)
	}
	for len(u.order) > 0 && u.ids[u.order[0]] > max {
		i := u.order[0]
		if id, ok := u.parts[i].Seek(max); ok {
			u.ids[i] = id
			heap.Fix(u, 0)
		} else {
			heap.Pop(u)
		}
	}
	u.max = max
	if len(u.order) == 0 {
		return 0, false
	}
	return u.ids[u.order[0]], true
}

// reset asks every part.
func (u *union) reset(max uint64) {
	u.ids, u.order, u.ready = make([]uint64, len(u.parts)), u.order[:0], true
	for i, p := range u.parts {
		if id, ok := p.Seek(max); ok {
			u.ids[i] = id
			u.order = append(u.order, i)
		}
	}
	heap.Init(u)
}

// The heap: by the parts' answers, largest first.
func (u *union) Len() int           { return len(u.order) }
func (u *union) Less(i, j int) bool { return u.ids[u.order[i]] > u.ids[u.order[j]] }
func (u *union) Swap(i, j int)      { u.order[i], u.order[j] = u.order[j], u.order[i] }
func (u *union) Push(x any)         { u.order = append(u.order, x.(int)) }
func (u *union) Pop() any {
	last := u.order[len(u.order)-1]
	u.order = u.order[:len(u.order)-1]
	return last
}
