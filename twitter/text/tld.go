package text

// tldAt returns the end of the TLD that starts at rune i, or -1. Runes at
// and past limit are out of sight: the TLD must be followed by a boundary
// character or by limit. Like twitter-text's alternation, it prefers a
// generic TLD to a country one, and the longer of two TLDs on one list.
// A punycode label (xn--…) is accepted when no listed TLD fits.
func tldAt(t *indexed, i, limit int) int {
	generic, country := -1, -1
	last := func(end *int) func(int) {
		return func(e int) {
			if e >= limit || isTLDBoundary(t.runes[e]) {
				*end = e
			}
		}
	}
	sortedSet(genericTLDs).walk(t, i, limit, maxTLDRunes, foldRune, last(&generic))
	sortedSet(countryTLDs).walk(t, i, limit, maxTLDRunes, foldRune, last(&country))
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
