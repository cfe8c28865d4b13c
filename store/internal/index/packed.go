package index

import (
	"encoding/binary"
	"math/bits"
)

// A block's id part is packed so that any id is read without the others:
//
//	width (1 byte, 1–8) ‖ first id (8 bytes, little-endian) ‖
//	each later id's distance from the first, in width bytes, little-endian
//
// A seek is a binary search over the part as it lies in the page, with
// nothing decoded. Varint deltas (schema 14) had to be decoded from the
// block's start to find one id: an AND of sparse words, which seeks into
// a new block of its denser words at nearly every step, spent half its
// time decoding ids it never looked at. Snowflake ids are far apart (a
// post every minute is 2^38 apart), so deltas took 5–6 bytes each and
// distances from the first take 6: the file grows by a few bytes a post.
type packed struct {
	b     []byte // the distances
	w     int
	n     int
	first uint64
}

// packedHeader is the width byte and the first id.
const packedHeader = 9

// appendPacked writes ascending, non-empty ids as an id part.
func appendPacked(out []byte, ids []uint64) []byte {
	first := ids[0]
	w := widthFor(ids[len(ids)-1] - first)
	out = append(out, byte(w))
	out = binary.LittleEndian.AppendUint64(out, first)
	for _, id := range ids[1:] {
		out = appendDistance(out, id-first, w)
	}
	return out
}

// widthFor is how many bytes a distance needs (at least one).
func widthFor(d uint64) int { return max(1, (bits.Len64(d)+7)/8) }

// appendDistance writes d in w bytes, little-endian.
func appendDistance(out []byte, d uint64, w int) []byte {
	for range w {
		out = append(out, byte(d))
		d >>= 8
	}
	return out
}

// parsePacked reads an id part's header; false when it cannot be one.
func parsePacked(v []byte) (packed, bool) {
	if len(v) < packedHeader {
		return packed{}, false
	}
	w := int(v[0])
	rest := v[packedHeader:]
	if w < 1 || w > 8 || len(rest)%w != 0 {
		return packed{}, false
	}
	return packed{b: rest, w: w, n: len(rest)/w + 1, first: binary.LittleEndian.Uint64(v[1:])}, true
}

// id is the i-th id, 0 ≤ i < n.
func (p packed) id(i int) uint64 {
	if i == 0 {
		return p.first
	}
	off := (i - 1) * p.w
	if off+8 <= len(p.b) { // one load, masked to the width
		x := binary.LittleEndian.Uint64(p.b[off:])
		if p.w < 8 {
			x &= 1<<(8*p.w) - 1
		}
		return p.first + x
	}
	var x uint64
	for k := p.w - 1; k >= 0; k-- {
		x = x<<8 | uint64(p.b[off+k])
	}
	return p.first + x
}

// last is the highest id.
func (p packed) last() uint64 { return p.id(p.n - 1) }

// seek is where the largest id ≤ max stands among the first hi ids, or
// -1 when there is none. It gallops down from hi (a search's next seek
// is most often a few ids below its last answer), then searches the
// range it found.
func (p packed) seek(max uint64, hi int) int {
	if hi <= 0 {
		return -1
	}
	lo, step := hi-1, 1
	for lo >= 0 && p.id(lo) > max {
		hi = lo
		lo -= step
		step *= 2
	}
	lo = max0(lo) // ids[lo] ≤ max, or lo = 0 unknown; ids[hi] > max
	if p.id(lo) > max {
		return -1
	}
	for lo+1 < hi { // ids[lo] ≤ max < ids[hi]
		mid := int(uint(lo+hi) >> 1)
		if p.id(mid) <= max {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// decodeIDs reads an id part's ids into into.
func decodeIDs(v []byte, into []uint64) ([]uint64, error) {
	p, ok := parsePacked(v)
	if !ok {
		return nil, errCorrupt
	}
	into = into[:0]
	for i := range p.n {
		into = append(into, p.id(i))
	}
	return into, nil
}
