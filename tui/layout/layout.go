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

// Age is a short relative age: "now", "5m", "3h", "2d", or a date.
func Age(d interface{ Hours() float64 }, date string) string {
	h := d.Hours()
	switch {
	case h < 1.0/60:
		return "now"
	case h < 1:
		return itoa(int(h*60)) + "m"
	case h < 24:
		return itoa(int(h)) + "h"
	case h < 24*7:
		return itoa(int(h/24)) + "d"
	}
	return date
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
