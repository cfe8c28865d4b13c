package text

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Result is what twitter-text's parseTweet reports for a text.
type Result struct {
	// WeightedLength is the length X counts against the limit.
	WeightedLength int
	// Valid is true when X accepts the text: not empty or only white space,
	// within the limit, and free of U+FFFE, U+FEFF and U+FFFF.
	Valid bool
	// Permillage is WeightedLength in thousandths of the limit, rounded down.
	Permillage int
	// DisplayRangeStart and DisplayRangeEnd span the whole text, in UTF-16
	// code units, end inclusive.
	DisplayRangeStart int
	DisplayRangeEnd   int
	// ValidRangeStart and ValidRangeEnd span the part of the text that fits,
	// in UTF-16 code units, end inclusive.
	ValidRangeStart int
	ValidRangeEnd   int
}

// span is an entity (URL or emoji) found in the text: where it starts and
// how many UTF-16 code units the counting loop skips over it.
type span struct{ start, length int }

// Parse counts s with the v3 configuration, as X does today.
func Parse(s string) Result { return v3.Parse(s) }

// Parse counts s with configuration c, following twitter-text's parseTweet
// step by step, quirks included: the counting loop walks UTF-16 code units
// and weighs a surrogate pair by its low surrogate.
func (c Config) Parse(s string) Result {
	t := newIndexed(norm.NFC.String(s))
	units := t.units()
	urls := urlSpans(&t)
	var emoji []span
	if c.EmojiParsingEnabled {
		emoji = emojiSpans(&t)
	}
	limit := c.MaxWeightedTweetLength * c.Scale
	weighted, validEnd, valid := 0, 0, true
	for i := 0; i < len(units); i++ {
		urls = dropBefore(urls, i)
		emoji = dropBefore(emoji, i)
		switch {
		case len(urls) > 0 && urls[0].start == i:
			weighted += c.TransformedURLLength * c.Scale
			i += urls[0].length - 1
		case len(emoji) > 0 && emoji[0].start == i:
			weighted += c.DefaultWeight
			i += emoji[0].length - 1
		default:
			if isSurrogatePair(units, i) {
				i++
			}
			weighted += c.weight(units[i])
		}
		if valid && i < len(units) {
			valid = !isInvalidUnit(units[i])
		}
		if valid && weighted <= limit {
			validEnd = i
		}
	}
	total := stringLen16(s)
	return Result{
		WeightedLength:  weighted / c.Scale,
		Valid:           valid && weighted > 0 && weighted <= limit && !onlySpace(s),
		Permillage:      int(math.Floor(float64(weighted) / float64(c.Scale) / float64(c.MaxWeightedTweetLength) * 1000)),
		DisplayRangeEnd: max(total-1, 0),
		// twitter-text shifts the end found in the normalised text by the
		// difference in length that normalisation made.
		ValidRangeEnd: validEnd + total - len(units),
	}
}

// dropBefore drops the entities that start before i: the loop has passed
// them, inside a longer entity.
func dropBefore(s []span, i int) []span {
	for len(s) > 0 && s[0].start < i {
		s = s[1:]
	}
	return s
}

func isSurrogatePair(u []uint16, i int) bool {
	return i+1 < len(u) && u[i] >= 0xD800 && u[i] <= 0xDBFF && u[i+1] >= 0xDC00 && u[i+1] <= 0xDFFF
}

// isInvalidUnit reports the code points X refuses in a post.
func isInvalidUnit(u uint16) bool { return u == 0xFFFE || u == 0xFEFF || u == 0xFFFF }

func onlySpace(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }
