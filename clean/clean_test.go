package clean

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestBidiControlsAreUnicodes: the marks removed are Unicode's
// Bidi_Control set, no more, no less.
func TestBidiControlsAreUnicodes(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if isBidiControl(r) != unicode.Is(unicode.Bidi_Control, r) {
			t.Errorf("%U: isBidiControl %v", r, isBidiControl(r))
		}
	}
}

// TestLineIsOneLine: a name keeps no newline and no escape.
func TestLineIsOneLine(t *testing.T) {
	if got := Line("Ann\n\x1b[31mLee\u202e"); got != "Ann Lee" {
		t.Errorf("Line = %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"a\x1b[31mb", "\x1b]8;;x\x07y", "\u009b", "&amp;", "\u202e", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range out {
			if r < 0x20 && r != '\n' || r == 0x7F || r >= 0x80 && r <= 0x9F || isBidiControl(r) {
				t.Fatalf("control %U left in %q (from %q)", r, out, s)
			}
		}
		if strings.Contains(s, "\x1b") && strings.Contains(out, "\x1b") {
			t.Fatalf("ESC left in %q", out)
		}
		if Text(out) != out {
			t.Fatalf("cleaning twice changed %q", out)
		}
	})
}
