package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Facet is a span of a text that Bluesky gives a meaning: a link, a
// mention or a tag, at UTF-8 byte offsets [Start, End), as
// app.bsky.richtext.facet's byteSlice counts them (not characters: an
// emoji or a CJK character before a mention moves it by 3 or 4 bytes).
type Facet struct {
	Start, End int
	Kind       FacetKind
	// Value is the link's address, the mention's handle (no "@"), or
	// the tag (no "#").
	Value string
}

// FacetKind is what a facet means.
type FacetKind string

// The facets hark writes (app.bsky.richtext.facet#link, #mention, #tag).
const (
	Link    FacetKind = "link"
	Mention FacetKind = "mention"
	Tag     FacetKind = "tag"
)

// Facets finds the links, mentions and tags in s, as Bluesky's app does
// when it posts: a word (after white space, "(" or the start) that is an
// address with its scheme or starting "www.", an "@" and a handle with a
// dot, or a "#" and a tag that is not a number. Trailing punctuation is
// not part of a link, a mention or a tag. A bare domain ("shop.example")
// is not taken for a link: Bluesky's app asks its list of top-level
// domains, which hark does not keep.
func Facets(s string) []Facet {
	var out []Facet
	for start := 0; start < len(s); {
		begin, end := nextWord(s, start)
		if f, ok := facetOf(s[begin:end], begin); ok {
			out = append(out, f)
		}
		start = end
	}
	return out
}

// Links implements network.Rules: the links' byte spans.
func (Rules) Links(s string) [][2]int {
	var out [][2]int
	for _, f := range Facets(s) {
		if f.Kind == Link {
			out = append(out, [2]int{f.Start, f.End})
		}
	}
	return out
}

// nextWord is the word at or after start: where it begins, and where the
// white space after it begins.
func nextWord(s string, start int) (begin, end int) {
	begin = start
	for begin < len(s) {
		r, size := utf8.DecodeRuneInString(s[begin:])
		if !unicode.IsSpace(r) {
			break
		}
		begin += size
	}
	end = begin
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if unicode.IsSpace(r) {
			break
		}
		end += size
	}
	return begin, end
}

// facetOf reads one word, w, which starts at byte begin, as a facet.
func facetOf(w string, begin int) (Facet, bool) {
	if strings.HasPrefix(w, "(") { // "(see https://…)"
		begin++
		w = w[1:]
	}
	switch {
	case strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://") || strings.HasPrefix(w, "www."):
		w = trimLink(w)
		uri := w
		if strings.HasPrefix(uri, "www.") {
			uri = "https://" + uri
		}
		if len(w) <= len("https://") && !strings.HasPrefix(w, "www.") {
			return Facet{}, false
		}
		return Facet{Start: begin, End: begin + len(w), Kind: Link, Value: uri}, true
	case strings.HasPrefix(w, "@"):
		handle := trimPunct(w[1:])
		if !validHandle(handle) {
			return Facet{}, false
		}
		return Facet{Start: begin, End: begin + 1 + len(handle), Kind: Mention, Value: strings.ToLower(handle)}, true
	case strings.HasPrefix(w, "#"):
		tag := trimPunct(w[1:])
		if tag == "" || strings.Trim(tag, "0123456789") == "" || utf8.RuneCountInString(tag) > 64 {
			return Facet{}, false
		}
		return Facet{Start: begin, End: begin + 1 + len(tag), Kind: Tag, Value: tag}, true
	}
	return Facet{}, false
}

// trimLink drops what ends a sentence after a link, and a ")" it does not
// open.
func trimLink(w string) string {
	w = trimPunct(w)
	if strings.HasSuffix(w, ")") && !strings.Contains(w, "(") {
		w = trimPunct(w[:len(w)-1])
	}
	return w
}

// trimPunct drops trailing sentence punctuation.
func trimPunct(w string) string { return strings.TrimRight(w, ".,;:!?\"'”’") }

// validHandle says whether h can be a Bluesky handle: labels of letters,
// digits and hyphens, at least two, none empty, the last not starting
// with a digit (atproto's handle syntax).
func validHandle(h string) bool {
	if len(h) > 253 || !strings.Contains(h, ".") {
		return false
	}
	labels := strings.Split(h, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	last := labels[len(labels)-1]
	return last[0] < '0' || last[0] > '9'
}
