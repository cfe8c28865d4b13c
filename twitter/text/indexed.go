package text

// indexed is a text as code points, each with its UTF-16 offset, so that
// matching runs on code points while results speak UTF-16 like X does.
type indexed struct {
	runes []rune
	// u16[i] is the UTF-16 offset of runes[i]; u16[len(runes)] is the length.
	u16 []int
}

// newIndexed decodes s; each invalid byte becomes one U+FFFD.
func newIndexed(s string) indexed {
	t := indexed{
		runes: make([]rune, 0, len(s)),
		u16:   make([]int, 0, len(s)+1),
	}
	off := 0
	for _, r := range s {
		t.runes = append(t.runes, r)
		t.u16 = append(t.u16, off)
		off += utf16Len(r)
	}
	t.u16 = append(t.u16, off)
	return t
}

// len16 is the length of the text in UTF-16 code units.
func (t *indexed) len16() int { return t.u16[len(t.runes)] }

// units returns the text as UTF-16 code units.
func (t *indexed) units() []uint16 {
	u := make([]uint16, 0, t.len16())
	for _, r := range t.runes {
		if r > 0xFFFF {
			r -= 0x10000
			u = append(u, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		u = append(u, uint16(r))
	}
	return u
}

// at returns the code point at i, or -1 outside the text.
func (t *indexed) at(i int) rune {
	if i < 0 || i >= len(t.runes) {
		return -1
	}
	return t.runes[i]
}

// str returns runes [i, j) as a string.
func (t *indexed) str(i, j int) string { return string(t.runes[i:j]) }

func utf16Len(r rune) int {
	if r > 0xFFFF {
		return 2
	}
	return 1
}

// stringLen16 is the length of s in UTF-16 code units.
func stringLen16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// ByteOffset returns the byte offset in s of the code point that starts at
// UTF-16 index i, rounding a position inside a surrogate pair up to the
// next code point. It returns len(s) for i past the end and 0 for i < 0.
// With it a Result's ranges (which count UTF-16 units) cut the Go string.
func ByteOffset(s string, i int) int {
	if i <= 0 {
		return 0
	}
	n := 0
	for off, r := range s {
		if n >= i {
			return off
		}
		n += utf16Len(r) // an invalid byte decodes to U+FFFD: one unit

	}
	return len(s)
}
