// Package layout cuts and pads rendered text to exact sizes, so panes keep
// their place whatever they hold. Widths are measured as the renderer
// and the terminal count cells: by wcwidth, each code point (Bubble Tea
// draws so unless the terminal says it clusters graphemes, which tmux
// does not). Measured by grapheme cluster, a row of Devanagari
// ("चोट्टे", 14 cells drawn, 10 counted) pushed the age column out.
// Everything in the TUI measures, cuts and wraps through here.
package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Fit returns s as exactly h lines of exactly w cells: long lines are cut
// with "…", short ones padded, missing ones added.
func Fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = Line(l, w)
	}
	return strings.Join(lines, "\n")
}

// Line cuts or pads one line to exactly w cells.
func Line(s string, w int) string {
	if Width(s) > w {
		s = Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", max(0, w-Width(s)))
}

// Width is the cells s takes on the terminal: each code point's
// wcwidth, except that a narrow symbol asked for as an emoji (❤️: U+2764
// with VS16) takes two, as tmux draws it.
func Width(s string) int {
	w := ansi.StringWidthWc(s)
	for i := strings.Index(s, vs16); i > 0; {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if ansi.StringWidthWc(string(r)) == 1 {
			w++
		}
		next := strings.Index(s[i+len(vs16):], vs16)
		if next < 0 {
			break
		}
		i += len(vs16) + next
	}
	return w
}

// vs16 asks for the emoji presentation of the symbol before it.
const vs16 = "\uFE0F"

// Truncate cuts s to w cells as Width counts them, ending it with tail
// when cut.
func Truncate(s string, w int, tail string) string {
	out := ansi.TruncateWc(s, w, tail)
	for cut := w - 1; Width(out) > w && cut > 0; cut-- { // a ❤️ kept counts one more
		out = ansi.TruncateWc(s, cut, tail)
	}
	return out
}

// Wrap wraps s at w cells, at breakpoints or spaces where it can.
func Wrap(s string, w int, breakpoints string) string { return ansi.WrapWc(s, w, breakpoints) }
