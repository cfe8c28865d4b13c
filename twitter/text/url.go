package text

import "slices"

// URL is a URL found in a text, as twitter-text's extractUrlsWithIndices
// reports it.
type URL struct {
	// Text is the URL. For a URL without a scheme it starts at the first
	// ASCII domain twitter-text finds in the host.
	Text string
	// Start and End are UTF-16 indices into the text, End exclusive.
	Start, End int
}

// The limits of extractUrlsWithIndices.
const (
	maxURLLength     = 4096
	maxTcoSlugLength = 40
	defaultProtocol  = "https://"
)

// urlMatch is a URL accepted for the result, in runes.
type urlMatch struct {
	text       string
	start, end int
}

// candidate is one match of twitter-text's extractUrl expression: the URL
// from start to end (runes), with its parts.
type candidate struct {
	before           rune // the character before the URL, -1 at the start
	start, end       int
	protocolLen      int // 0 without a scheme
	domStart, domEnd int
	hasPath          bool
}

// ExtractURLs returns the URLs in s, with or without a scheme, in order.
func ExtractURLs(s string) []URL {
	t := newIndexed(s)
	ms := extractURLs(&t)
	urls := make([]URL, len(ms))
	for i, m := range ms {
		urls[i] = URL{Text: m.text, Start: t.u16[m.start], End: t.u16[m.end]}
	}
	return urls
}

// urlSpans returns the URLs of t as counting-loop spans: the loop skips as
// many code units as the URL's text has, which twitter-text takes from the
// text, not from the indices.
func urlSpans(t *indexed) []span {
	ms := extractURLs(t)
	spans := make([]span, len(ms))
	for i, m := range ms {
		spans[i] = span{start: t.u16[m.start], length: stringLen16(m.text)}
	}
	return spans
}

// extractURLs runs extractUrl over t as a global JavaScript expression
// does: each search starts where the last match ended, whether or not that
// match was then accepted.
func extractURLs(t *indexed) []urlMatch {
	if !slices.Contains(t.runes, '.') {
		return nil
	}
	var out []urlMatch
	for from := 0; from < len(t.runes); {
		c, ok := nextCandidate(t, from)
		if !ok {
			break
		}
		from = c.end
		out = c.accept(t, out)
	}
	return out
}

// nextCandidate finds the leftmost match at or after rune from: a valid
// preceding character then a URL, or a URL at the very start of the text.
func nextCandidate(t *indexed, from int) (candidate, bool) {
	for i := from; i < len(t.runes); i++ {
		if isURLPreceding(t.runes[i]) {
			if c, ok := urlAt(t, i+1); ok {
				c.before = t.runes[i]
				return c, true
			}
		}
		if i == 0 {
			if c, ok := urlAt(t, 0); ok {
				c.before = -1
				return c, true
			}
		}
	}
	return candidate{}, false
}

// urlAt matches a URL at rune q: an optional http:// or https://, a
// domain, and an optional port, path and query.
func urlAt(t *indexed, q int) (candidate, bool) {
	if p := protocolLen(t, q); p > 0 {
		if d := domainAt(t, q+p); d >= 0 {
			return finishURL(t, candidate{start: q, protocolLen: p, domStart: q + p, domEnd: d}), true
		}
	}
	if d := domainAt(t, q); d >= 0 {
		return finishURL(t, candidate{start: q, domStart: q, domEnd: d}), true
	}
	return candidate{}, false
}

// protocolLen returns the length of an http:// or https:// at i, or 0.
func protocolLen(t *indexed, i int) int {
	for _, p := range [...]string{"https://", "http://"} {
		if hasFoldedPrefix(t, i, p) {
			return len(p)
		}
	}
	return 0
}

// hasFoldedPrefix reports whether the runes at i spell the lower-case
// ASCII string p, ignoring case.
func hasFoldedPrefix(t *indexed, i int, p string) bool {
	if i+len(p) > len(t.runes) {
		return false
	}
	for k := range len(p) {
		if foldRune(t.runes[i+k]) != rune(p[k]) {
			return false
		}
	}
	return true
}

// accept applies extractUrlsWithIndices's checks to c and appends what it
// keeps.
func (c candidate) accept(t *indexed, out []urlMatch) []urlMatch {
	if !c.valid(t) {
		return out
	}
	if c.protocolLen == 0 {
		return c.acceptWithoutProtocol(t, out)
	}
	end := c.end
	if slug, tcoEnd, ok := tcoLink(t, c); ok {
		if slug > maxTcoSlugLength {
			return out
		}
		end = tcoEnd
	}
	return append(out, urlMatch{text: t.str(c.start, end), start: c.start, end: end})
}

// acceptWithoutProtocol keeps the ASCII domains inside the host; the last
// one takes the port, path and query along when there is a path.
func (c candidate) acceptWithoutProtocol(t *indexed, out []urlMatch) []urlMatch {
	if c.before >= 0 && isInvalidURLWithoutProtocolPreceding(c.before) {
		return out
	}
	domains := asciiDomains(t, c.domStart, c.domEnd)
	for i, d := range domains {
		m := urlMatch{text: t.str(d[0], d[1]), start: d[0], end: d[1]}
		if i == len(domains)-1 && c.hasPath {
			m.text += t.str(c.domEnd, c.end)
			m.end = c.end
		}
		out = append(out, m)
	}
	return out
}

// valid is twitter-text's isValidUrl: every label of the host fits DNS
// once punycode-encoded, a punycode host is ASCII, and the whole URL with
// its scheme is at most 4096 UTF-16 units.
func (c candidate) valid(t *indexed) bool {
	if hasCasePrefix(t, c.domStart, "xn--") && len(asciiDomains(t, c.domStart, c.domEnd)) == 0 {
		return false
	}
	labelStart := c.domStart
	for i := c.domStart; i <= c.domEnd; i++ {
		if i < c.domEnd && t.runes[i] != '.' {
			continue
		}
		if n := asciiLabelLength(t.runes[labelStart:i]); n < 1 || n > maxLabelLength {
			return false
		}
		labelStart = i + 1
	}
	protocol := len(defaultProtocol)
	if c.protocolLen > 0 {
		protocol = c.protocolLen
	}
	return protocol+t.u16[c.end]-t.u16[c.start] <= maxURLLength
}

// hasCasePrefix reports whether the runes at i spell p exactly.
func hasCasePrefix(t *indexed, i int, p string) bool {
	if i+len(p) > len(t.runes) {
		return false
	}
	for k := range len(p) {
		if t.runes[i+k] != rune(p[k]) {
			return false
		}
	}
	return true
}
