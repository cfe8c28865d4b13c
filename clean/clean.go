// Package clean makes untrusted text safe to keep, show and export:
// each network's adapter passes what it reads through it, once, at the
// boundary.
package clean

import (
	"strings"
	"unicode/utf8"
)

// Text makes untrusted text from a network safe to keep and to show:
// it replaces invalid UTF-8 and removes terminal escape sequences (CSI,
// OSC, DCS and the rest, in their 7- and 8-bit forms), C0 and C1
// controls other than newline, and bidirectional overrides, isolates and
// marks. Tabs become spaces, CR LF becomes LF.
//
// Every post, name and bio passes through it once, where it enters hark:
// in its network's adapter (which first undoes the network's own
// escaping, as X's entities).
func Text(s string) string { return stripControls(strings.ToValidUTF8(s, "\uFFFD")) }

// Line is Text for one-line fields (names, handles): newlines become
// spaces too.
func Line(s string) string { return strings.ReplaceAll(Text(s), "\n", " ") }

func stripControls(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1B || (r >= 0x80 && r <= 0x9F):
			i += escapeLength(s[i:])
			continue
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r < 0x20 || r == 0x7F || isBidiControl(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlain reports whether s needs no cleaning, the common case.
func isPlain(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7F || r >= 0x80 && r <= 0x9F || r == 0x2028 || r == 0x2029 || isBidiControl(r) {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// escapeLength returns how many bytes the escape sequence or C1 control at
// the start of s takes, up to the end of s when it is unterminated.
func escapeLength(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if r == 0x1B {
		if len(s) < 2 {
			return 1
		}
		switch s[1] {
		case '[':
			return 2 + csiLength(s[2:])
		case ']', 'P', 'X', '^', '_':
			return 2 + stringLength(s[2:])
		}
		_, next := utf8.DecodeRuneInString(s[1:])
		return 1 + next
	}
	switch r {
	case 0x9B: // CSI
		return size + csiLength(s[size:])
	case 0x9D, 0x90, 0x98, 0x9E, 0x9F: // OSC, DCS, SOS, PM, APC
		return size + stringLength(s[size:])
	}
	return size
}

// csiLength is the length of a CSI sequence's parameters and final byte.
func csiLength(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7E {
			return i + 1
		}
		if s[i] < 0x20 || s[i] > 0x3F && s[i] < 0x40 {
			return i // not a CSI byte: end the sequence here
		}
	}
	return len(s)
}

// stringLength is the length of a control string up to and including its
// terminator: BEL, ESC \ or the 8-bit ST.
func stringLength(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1B && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009C"):
			return i + len("\u009C")
		}
	}
	return len(s)
}
