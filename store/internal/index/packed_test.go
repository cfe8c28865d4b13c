package index

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPackedSeeksAsASearchOfTheIDs packs ids of every width, as far
// apart as snowflakes or as near as neighbours, and checks each id read
// in place, the last, and seek at and between ids against a search of
// the plain list, from the whole part and from below an earlier answer.
func TestPackedSeeksAsASearchOfTheIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for w := 1; w <= 8; w++ {
		for _, n := range []int{1, 2, 3, 9, 128, 256} {
			ids := make([]uint64, n)
			ids[0] = rng.Uint64() >> 4
			spanBits := 8 * w
			for i := 1; i < n; i++ {
				step := uint64(1)
				if spanBits < 64 {
					step = max(1, (uint64(1)<<(spanBits-1))/uint64(n)) // the last distance needs w bytes
				} else {
					step = 1 << 52
				}
				ids[i] = ids[i-1] + 1 + rng.Uint64N(step)
			}
			part := appendPacked(nil, ids)
			p, ok := parsePacked(part)
			if !ok || p.n != n {
				t.Fatalf("w%d n%d: parsed %v, %d ids", w, n, ok, p.n)
			}
			for i, id := range ids {
				if p.id(i) != id {
					t.Fatalf("w%d n%d: id %d = %d, want %d", w, n, i, p.id(i), id)
				}
			}
			if p.last() != ids[n-1] {
				t.Fatalf("w%d n%d: last %d", w, n, p.last())
			}
			for _, max := range probes(ids) {
				want, found := slices.BinarySearch(ids, max)
				if !found {
					want--
				}
				if got := p.seek(max, n); got != want {
					t.Fatalf("w%d n%d: seek(%d) = %d, want %d", w, n, max, got, want)
				}
				if want >= 0 && p.seek(max, want+1) != want {
					t.Fatalf("w%d n%d: seek(%d) below %d", w, n, max, want+1)
				}
			}
			if got, err := decodeIDs(part, nil); err != nil || !slices.Equal(got, ids) {
				t.Fatalf("w%d n%d: decoded %v", w, n, err)
			}
		}
	}
	for _, bad := range [][]byte{nil, {1, 0, 0}, {0, 1, 2, 3, 4, 5, 6, 7, 8}, {9, 1, 2, 3, 4, 5, 6, 7, 8}, {2, 1, 2, 3, 4, 5, 6, 7, 8, 1}} {
		if _, err := decodeIDs(bad, nil); err == nil {
			t.Errorf("%v read as an id part", bad)
		}
	}
}

// probes are places to seek: each id, each id ± 1, below all, above all.
func probes(ids []uint64) []uint64 {
	out := []uint64{0, ^uint64(0)}
	for _, id := range ids {
		out = append(out, id, id-1, id+1)
	}
	return out
}

// TestADamagedBlockNeverPanics reads random bytes as blocks, as a
// damaged file would give them: every read either refuses them or
// answers within the bytes, and a seek answers at or below its max (so
// a search over them still ends).
func TestADamagedBlockNeverPanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		random := func(n int) []byte {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			return b
		}
		v := random(rng.IntN(64))
		if rng.IntN(2) == 0 { // a well-formed length and width, damaged within
			id := random(packedHeader + rng.IntN(48))
			id[0] = byte(1 + rng.IntN(8))
			v = append(append(binary.AppendUvarint(nil, uint64(len(id))), id...), random(rng.IntN(32))...)
		}
		_, _ = decodeBlock(v)
		idPart, posPart, err := splitBlock(v)
		if err != nil {
			continue
		}
		p, ok := parsePacked(idPart)
		if !ok {
			continue
		}
		for range 4 {
			max := rng.Uint64()
			if i := p.seek(max, p.n); i >= 0 && p.id(i) > max {
				t.Fatalf("seek(%d) answered %d, above it", max, p.id(i))
			}
		}
		_, _ = decodePositions(posPart, p.n, nil, nil)
	}
}
