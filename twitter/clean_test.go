package twitter

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Where is my order? 📦", "Where is my order? 📦"},
		{"entities once", "fish &amp; chips &lt;3 &amp;lt; &gt;", "fish & chips <3 &lt; >"},
		{"newline kept, tab to space", "a\tb\nc\r\nd", "a b\nc\nd"},
		{"CSI colour", "red \x1b[31mALERT\x1b[0m done", "red ALERT done"},
		{"CSI clear screen", "\x1b[2J\x1b[Hhi", "hi"},
		{"OSC title with BEL", "\x1b]0;pwned\x07hello", "hello"},
		{"OSC hyperlink with ST", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"8-bit OSC", "a\u009d0;x\u009cb", "ab"},
		{"DCS", "a\x1bPq#0\x1b\\b", "ab"},
		{"lone ESC at end", "abc\x1b", "abc"},
		{"C0 and DEL", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"C1 NEL", "a\u0085b", "ab"},
		{"bidi override", "abc\u202Egnp.exe", "abcgnp.exe"},
		{"bidi isolates and marks", "\u2066x\u2069\u200Fy\u200E", "xy"},
		{"line separator", "a\u2028b", "a\nb"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"unterminated OSC eats the rest", "ok\x1b]0;never ends", "ok"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
	if got := CleanName("Ann\nLee"); got != "Ann Lee" {
		t.Errorf("CleanName = %q", got)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"a\x1b[31mb", "\x1b]8;;x\x07y", "\u009b", "&amp;", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Clean(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range out {
			if r < 0x20 && r != '\n' || r == 0x7F || r >= 0x80 && r <= 0x9F || unicode.Is(unicode.Bidi_Control, r) {
				t.Fatalf("control %U left in %q (from %q)", r, out, s)
			}
		}
		if strings.Contains(s, "\x1b") && strings.Contains(out, "\x1b") {
			t.Fatalf("ESC left in %q", out)
		}
	})
}
