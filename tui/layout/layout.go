// Package layout cuts and pads rendered text to exact sizes, so panes keep
// their place whatever they hold.
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
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}
