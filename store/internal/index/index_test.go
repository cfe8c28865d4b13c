package index

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func openDB(t *testing.T) *bolt.DB {
	t.Helper()
	db, err := bolt.Open(filepath.Join(t.TempDir(), "index.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Update(Create); err != nil {
		t.Fatal(err)
	}
	return db
}

// model is what the index must hold: term → id → positions.
type model map[string]map[uint64][]uint32

func (m model) ids(term string) []uint64 {
	var out []uint64
	for id := range m[term] {
		out = append(out, id)
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

// TestIndexMatchesAModel adds and removes postings in random order,
// through segments, folds and blocks that split, and checks that every
// term walks newest first to exactly the model's ids, each with its
// positions, and that phrases find exactly the adjacent runs.
func TestIndexMatchesAModel(t *testing.T) {
	db := openDB(t)
	ix := New(300)
	rng := rand.New(rand.NewPCG(1, 2))
	terms := []string{"pen", "paper", "pencil", "from:ann"}
	want := model{}
	for round := range 60 {
		err := db.Update(func(tx *bolt.Tx) error {
			var add, del Entries
			added := map[string]bool{} // this round's: removes go before adds
			for range 40 {
				id := uint64(rng.IntN(3000) + 1)
				term := terms[rng.IntN(len(terms))]
				if rng.IntN(4) == 0 && round > 5 {
					if added[fmt.Sprint(term, id)] {
						continue
					}
					delete(want[term], id)
					del.Add(term, id, nil)
					continue
				}
				var pos []uint32
				switch {
				case term == "paper" && id < 1500: // always first: whole blocks a phrase skips
					pos = []uint32{0}
				case term == "paper": // second at most: blocks it must not skip
					pos = []uint32{1}
				case term != "from:ann":
					pos = []uint32{uint32(rng.IntN(4)), uint32(4 + rng.IntN(4))}
				}
				if want[term] == nil {
					want[term] = map[uint64][]uint32{}
				}
				if _, dup := want[term][id]; dup {
					continue // a post's terms are filed once
				}
				want[term][id] = pos
				add.Add(term, id, pos)
				added[fmt.Sprint(term, id)] = true
			}
			if err := ix.Remove(tx, del); err != nil {
				return err
			}
			return ix.Add(tx, add)
		})
		if err != nil {
			t.Fatal(err)
		}
		checkModel(t, db, ix, want)
	}
}

func checkModel(t *testing.T, db *bolt.DB, ix *Index, want model) {
	t.Helper()
	err := db.View(func(tx *bolt.Tx) error {
		r, err := ix.Read(tx)
		if err != nil {
			return err
		}
		for term := range want {
			if got := r.All(term); !slices.Equal(got, want.ids(term)) {
				t.Fatalf("%s: %d ids, want %d", term, len(got), len(want.ids(term)))
			}
			for id, pos := range want[term] {
				if !r.Has(term, id, pos) {
					t.Fatalf("%s %d: positions %v not found", term, id, pos)
				}
			}
		}
		checkAnd(t, r, want)
		got := Drain(r.Phrase([]string{"pen", "paper"}))
		if wantP := phraseModel(want, "pen", "paper"); !slices.Equal(got, wantP) {
			t.Fatalf(`"pen paper" = %v, want %v`, got, wantP)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkAnd holds AND to the model: drained newest first, in each order of
// its parts (the sparsest leads whatever the order), and sought at
// random places in random order (a seek above the last decodes the rest
// of a block; one below serves from what is decoded).
func checkAnd(t *testing.T, r *Reader, want model) {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, terms := range [][]string{{"pen", "paper"}, {"paper", "pen"}, {"pencil", "pen", "from:ann"}, {"from:ann", "paper", "pencil"}} {
		wantIDs := want.ids(terms[0])
		for _, term := range terms[1:] {
			wantIDs = slices.DeleteFunc(wantIDs, func(id uint64) bool { _, ok := want[term][id]; return !ok })
		}
		parts := func() []Iterator {
			var out []Iterator
			for _, term := range terms {
				out = append(out, r.Term(term))
			}
			return out
		}
		if got := Drain(r.And(parts()...)); !slices.Equal(got, wantIDs) {
			t.Fatalf("%v: %d ids, want %d", terms, len(got), len(wantIDs))
		}
		it := r.And(parts()...)
		for range 200 {
			max := uint64(rng.IntN(3100))
			got, ok := it.Seek(max)
			i := slices.IndexFunc(wantIDs, func(id uint64) bool { return id <= max })
			if ok != (i >= 0) || ok && got != wantIDs[i] {
				t.Fatalf("%v: Seek(%d) = %d %v, want the largest id at or below it", terms, max, got, ok)
			}
		}
	}
}

// phraseModel is every id where a's position p has b at p+1.
func phraseModel(m model, a, b string) []uint64 {
	var out []uint64
	for id, pa := range m[a] {
		pb, ok := m[b][id]
		if ok && slices.ContainsFunc(pa, func(p uint32) bool { return slices.Contains(pb, p+1) }) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

// A block written and read back keeps ids and positions; a term without
// positions costs none.
func TestBlockRoundTrip(t *testing.T) {
	ps := []Posting{{ID: 5, Pos: []uint32{0, 7}}, {ID: 9, Pos: []uint32{3}}, {ID: 1 << 60, Pos: []uint32{1, 2, 300}}}
	got, err := decodeBlock(encodeBlock(ps))
	if err != nil || len(got) != 3 {
		t.Fatal(got, err)
	}
	for i := range ps {
		if got[i].ID != ps[i].ID || !slices.Equal(got[i].Pos, ps[i].Pos) {
			t.Errorf("%d: %+v, want %+v", i, got[i], ps[i])
		}
	}
	bare := encodeBlock([]Posting{{ID: 5}, {ID: 9}})
	if len(bare) != 11 { // length, width, the first id, one one-byte distance
		t.Errorf("a field block takes %d bytes", len(bare))
	}
	if _, err := decodeBlock([]byte{200}); err == nil {
		t.Error("a length past the end was read")
	}
}

// A Builder writes, through runs on disk merged in term order, exactly
// the index that Add would: every id once, with its positions, and
// phrases found from them.
func TestBuilderWritesTheIndexAddWould(t *testing.T) {
	db := openDB(t)
	ix := New(0)
	rng := rand.New(rand.NewPCG(7, 8))
	want := model{}
	b := NewBuilder(t.TempDir(), "run-*")
	b.limit = 2000 // many runs
	defer b.Close()
	for batch := range 30 {
		var e Entries
		for i := range 100 {
			id := uint64(batch*100 + i + 1)
			for _, term := range []string{"pen", "paper", "pencil", "from:ann"} {
				if rng.IntN(3) == 0 {
					continue
				}
				var pos []uint32
				if term != "from:ann" {
					pos = []uint32{uint32(rng.IntN(3)), uint32(3 + rng.IntN(3))}
				}
				if want[term] == nil {
					want[term] = map[uint64][]uint32{}
				}
				want[term][id] = pos
				e.Add(term, id, pos)
			}
			e.Add("customer", uint64(rng.IntN(40)), nil) // repeats, across runs
		}
		if err := b.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if len(b.runs) < 3 {
		t.Fatalf("only %d runs", len(b.runs))
	}
	var customers []uint64
	calls, marked := 0, false
	err := b.Write(func(fn func(*bolt.Tx) error) error {
		calls++
		return db.Update(fn)
	}, func(*bolt.Tx) error { marked = true; return nil })
	if err != nil || !marked || calls == 0 {
		t.Fatalf("write: %v, last run %v, %d transactions", err, marked, calls)
	}
	checkModel(t, db, ix, want)
	db.View(func(tx *bolt.Tx) error {
		r, _ := ix.Read(tx)
		customers = r.All("customer")
		return nil
	})
	if !slices.IsSortedFunc(customers, func(a, b uint64) int { return int(b) - int(a) }) || len(slices.Compact(slices.Clone(customers))) != len(customers) {
		t.Errorf("customer ids repeat or are out of order: %v", customers)
	}
}

// A union of many parts yields what asking every part yields, for seeks
// that go down (a search) and that go up again (a new page).
func TestUnionIsOr(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	var lists []*list
	for range 20 {
		l := &list{}
		for id := uint64(1); id < 2000; id++ {
			if rng.IntN(40) == 0 {
				l.ids = append(l.ids, id)
			}
		}
		lists = append(lists, l)
	}
	parts := func() []Iterator {
		var out []Iterator
		for _, l := range lists {
			out = append(out, &listIter{l: l})
		}
		return out
	}
	u, o := &union{parts: parts()}, orIter(parts())
	max := uint64(2100)
	for step := range 3000 {
		if step%500 == 0 {
			max = uint64(rng.IntN(2100)) // up again
		}
		a, aok := u.Seek(max)
		b, bok := o.Seek(max)
		if a != b || aok != bok {
			t.Fatalf("seek %d: union %d %v, or %d %v", max, a, aok, b, bok)
		}
		if !aok || a == 0 {
			max = 2100
			continue
		}
		max = a - uint64(rng.IntN(3))
	}
}
