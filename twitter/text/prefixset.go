package text

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// prefixSet holds a set of strings and all their prefixes, for finding the
// longest member that starts at a position of a text. A key is present when
// it is a prefix of some member; its value holds the kinds of the members
// that end exactly there (0 for a bare prefix).
type prefixSet map[string]uint8

// add puts s in the set as a member of kind (a non-zero bit).
func (p prefixSet) add(s string, kind uint8) {
	for i := range s {
		if _, ok := p[s[:i]]; !ok && i > 0 {
			p[s[:i]] = 0
		}
	}
	p[s] |= kind
}

// walk feeds the runes from i on (up to limit) through fold and reports
// each member it passes: visit gets the kinds and the end of that member.
// It stops when no member can start with what it has read.
func (p prefixSet) walk(t *indexed, i, limit, maxRunes int, fold func(rune) rune, visit func(kinds uint8, end int)) {
	var buf [128]byte
	key := buf[:0]
	for j := i; j < limit && j-i < maxRunes; j++ {
		r := t.runes[j]
		if fold != nil {
			r = fold(r)
		}
		key = utf8.AppendRune(key, r)
		kinds, ok := p[string(key)]
		if !ok {
			return
		}
		if kinds != 0 {
			visit(kinds, j+1)
		}
	}
}

// sortedSet is a set of strings sorted in byte order, walked like a
// prefixSet but with nothing to build: the members that start with what
// has been read are a run of the slice, narrowed rune by rune. A prefixSet
// of the TLDs took 1.2 ms to build, most of a `hark search` process's
// highlighting (perf, 100,000 posts); this costs a few binary searches
// per candidate domain.
type sortedSet []string

// walk is prefixSet.walk over a sortedSet; visit gets each member's end.
func (s sortedSet) walk(t *indexed, i, limit, maxRunes int, fold func(rune) rune, visit func(end int)) {
	var buf [128]byte
	key := buf[:0]
	lo, hi := 0, len(s)
	for j := i; j < limit && j-i < maxRunes && lo < hi; j++ {
		r := t.runes[j]
		if fold != nil {
			r = fold(r)
		}
		key = utf8.AppendRune(key, r)
		k := string(key)
		lo += sort.Search(hi-lo, func(n int) bool { return s[lo+n] >= k })
		hi = lo + sort.Search(hi-lo, func(n int) bool { return !strings.HasPrefix(s[lo+n], k) })
		if lo < hi && s[lo] == k {
			visit(j + 1)
		}
	}
}
