package text

import "sync"

// The lists a TLD can be on, as prefixSet kinds.
const (
	tldGeneric uint8 = 1 << iota
	tldCountry
)

// tlds holds the case-folded TLDs; built on first use, never changed.
var tlds = sync.OnceValue(func() prefixSet {
	p := prefixSet{}
	for _, list := range []struct {
		names []string
		kind  uint8
	}{{genericTLDs, tldGeneric}, {countryTLDs, tldCountry}} {
		for _, name := range list.names {
			folded := []rune(name)
			for i, r := range folded {
				folded[i] = foldRune(r)
			}
			p.add(string(folded), list.kind)
		}
	}
	return p
})

// tldAt returns the end of the TLD that starts at rune i, or -1. Runes at
// and past limit are out of sight: the TLD must be followed by a boundary
// character or by limit. Like twitter-text's alternation, it prefers a
// generic TLD to a country one, and the longer of two TLDs on one list.
// A punycode label (xn--…) is accepted when no listed TLD fits.
func tldAt(t *indexed, i, limit int) int {
	generic, country := -1, -1
	tlds().walk(t, i, limit, maxTLDRunes, foldRune, func(kinds uint8, end int) {
		if end < limit && !isTLDBoundary(t.runes[end]) {
			return
		}
		if kinds&tldGeneric != 0 {
			generic = end
		}
		if kinds&tldCountry != 0 {
			country = end
		}
	})
	switch {
	case generic >= 0:
		return generic
	case country >= 0:
		return country
	}
	return punycodeTLDAt(t, i, limit)
}

// punycodeTLDAt matches validPunycode, xn--[-0-9a-z]+, greedily.
func punycodeTLDAt(t *indexed, i, limit int) int {
	if i+4 >= limit {
		return -1
	}
	for k, want := range "xn--" {
		if foldRune(t.runes[i+k]) != want {
			return -1
		}
	}
	j := i + 4
	for j < limit && (isASCIIAlnum(t.runes[j]) || t.runes[j] == '-') {
		j++
	}
	if j == i+4 {
		return -1
	}
	return j
}
