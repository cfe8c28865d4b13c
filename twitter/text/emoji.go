package text

import (
	"sync"
	"unicode"
)

// emojiSet holds every multi-code-point emoji sequence; built on first use.
var emojiSet = sync.OnceValue(func() prefixSet {
	p := prefixSet{}
	for _, s := range emojiSequences {
		p.add(s, 1)
	}
	return p
})

// emojiSpans finds the emoji entities of t the way twemoji-parser (which
// twitter-text v3 uses) does: scanning left to right, each match weighs as
// one character. Where twemoji-parser matches a fixed list of sequences,
// this uses Unicode's: the longest known sequence wins, then a lone code
// point with emoji presentation, then a lone U+FE0F. An unknown sequence
// falls apart into its pieces, so it can only count more, never less.
func emojiSpans(t *indexed) []span {
	var spans []span
	for i := 0; i < len(t.runes); {
		end := emojiAt(t, i)
		if end < 0 {
			i++
			continue
		}
		spans = append(spans, span{start: t.u16[i], length: t.u16[end] - t.u16[i]})
		i = end
	}
	return spans
}

// emojiAt returns the end of the emoji that starts at rune i, or -1.
func emojiAt(t *indexed, i int) int {
	r := t.runes[i]
	if r < 0x80 && r != '#' && r != '*' && (r < '0' || r > '9') {
		return -1
	}
	end := -1
	emojiSet().walk(t, i, len(t.runes), maxEmojiRunes, nil, func(_ uint8, e int) { end = e })
	switch {
	case end > 0:
		return end
	case r == 0xFE0F || unicode.Is(emojiPresentation, r):
		return i + 1
	}
	return -1
}
