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

// Width is the cells s takes on the terminal.
func Width(s string) int { return ansi.StringWidthWc(s) }

// Truncate cuts s to w cells, ending it with tail when cut.
func Truncate(s string, w int, tail string) string { return ansi.TruncateWc(s, w, tail) }

// Wrap wraps s at w cells, at breakpoints or spaces where it can.
func Wrap(s string, w int, breakpoints string) string { return ansi.WrapWc(s, w, breakpoints) }
