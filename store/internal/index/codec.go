package index

import (
	"encoding/binary"
	"errors"
)

// A Posting is one entry of a term's list: a post's id and, for a word,
// where the word stands in the post's text (token positions, ascending;
// none for a field term).
type Posting struct {
	ID  uint64
	Pos []uint32
}

// errCorrupt is a block or segment that cannot be read.
var errCorrupt = errors.New("index: unreadable entry")

// encodeBlock writes ascending postings: the length of the id part, the
// ids packed (see packed), then, when the term has positions, the
// highest position in the block and each id's count of positions and the
// positions as deltas. A search that needs only ids skips the positions
// whole; a phrase skips a block whose word never stands far enough in
// (a shop's handle opens nearly every mention: "thanks @shop" need not
// look at one of them).
func encodeBlock(ps []Posting) []byte {
	idList := make([]uint64, len(ps))
	withPos := false
	for i, p := range ps {
		idList[i] = p.ID
		withPos = withPos || len(p.Pos) > 0
	}
	ids := appendPacked(make([]byte, 0, packedHeader+len(ps)*6), idList)
	out := make([]byte, 0, len(ids)+4+len(ps)*4)
	out = append(binary.AppendUvarint(out, uint64(len(ids))), ids...)
	if withPos {
		highest := uint32(0)
		for _, p := range ps {
			if n := len(p.Pos); n > 0 {
				highest = max(highest, p.Pos[n-1])
			}
		}
		out = binary.AppendUvarint(out, uint64(highest))
		for _, p := range ps {
			out = appendPositions(out, p.Pos)
		}
	}
	return out
}

// splitPositions separates a position part's highest position from the
// positions themselves; ok is false for a part without positions.
func splitPositions(v []byte) (highest uint32, rest []byte, ok bool) {
	if len(v) == 0 {
		return 0, nil, false
	}
	h, w := binary.Uvarint(v)
	if w <= 0 {
		return 0, nil, false
	}
	return uint32(h), v[w:], true
}

func appendPositions(out []byte, pos []uint32) []byte {
	out = binary.AppendUvarint(out, uint64(len(pos)))
	prev := uint32(0)
	for _, at := range pos {
		out = binary.AppendUvarint(out, uint64(at-prev))
		prev = at
	}
	return out
}

// splitBlock separates a block's id part from its position part.
func splitBlock(v []byte) (ids, pos []byte, err error) {
	n, w := binary.Uvarint(v)
	if w <= 0 || n > uint64(len(v)-w) {
		return nil, nil, errCorrupt
	}
	return v[w : w+int(n)], v[w+int(n):], nil
}

// decodePositions reads a position part for count ids into one flat
// slice, reusing flat's and ends' room: ends[i] is where id i's
// positions end in flat.
func decodePositions(v []byte, count int, flat, ends []uint32) ([]uint32, []uint32) {
	_, v, ok := splitPositions(v)
	if !ok {
		return nil, nil
	}
	ends, flat = ends[:0], flat[:0]
	for range count {
		if v, flat, ok = decodeSlot(v, flat); !ok {
			break
		}
		ends = append(ends, uint32(len(flat)))
	}
	return flat, ends
}

// decodeSlot reads one id's positions from the front of v onto flat and
// returns what follows; ok is false when v ends inside them.
func decodeSlot(v []byte, flat []uint32) ([]byte, []uint32, bool) {
	k, w := binary.Uvarint(v)
	if w <= 0 {
		return nil, flat, false
	}
	v = v[w:]
	prev := uint32(0)
	for range k {
		d, w := binary.Uvarint(v)
		if w <= 0 {
			return nil, flat, false
		}
		v = v[w:]
		prev += uint32(d)
		flat = append(flat, prev)
	}
	return v, flat, true
}

// decodeBlock reads a whole block back into postings.
func decodeBlock(v []byte) ([]Posting, error) {
	idPart, posPart, err := splitBlock(v)
	if err != nil {
		return nil, err
	}
	ids, err := decodeIDs(idPart, nil)
	if err != nil {
		return nil, err
	}
	flat, ends := decodePositions(posPart, len(ids), nil, nil)
	out := make([]Posting, len(ids))
	start := uint32(0)
	for i, id := range ids {
		out[i].ID = id
		if i < len(ends) {
			out[i].Pos = flat[start:ends[i]:ends[i]]
			start = ends[i]
		}
	}
	return out, nil
}
