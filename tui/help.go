package tui

import (
	"strings"

	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
)

// helpEntry is one line of help: a key and what it does.
type helpEntry struct {
	key, desc string
	section   bool // a heading, not a key
}

// working lists the keys that work where the focus is: the focused
// pane's (the prompt's while it is open) and the root's, enabled now.
func (m Model) working() (pane, root []bind.Shown) {
	return enabled(m.focusedPane().Bindings()), enabled(rootBindings().Show(m))
}

// enabled keeps the bindings enabled now.
func enabled(shown []bind.Shown) []bind.Shown {
	var out []bind.Shown
	for _, s := range shown {
		if s.Enabled {
			out = append(out, s)
		}
	}
	return out
}

// helpEntries are the help's lines: the pane's keys, then the root's.
func (m Model) helpEntries() []helpEntry {
	pane, root := m.working()
	km := m.common.Keys
	var out []helpEntry
	add := func(title string, shown []bind.Shown) {
		if len(shown) == 0 {
			return
		}
		out = append(out, helpEntry{key: title, section: true})
		seen := map[keys.Action]bool{}
		for _, s := range shown {
			if seen[s.Action] {
				continue
			}
			seen[s.Action] = true
			h := km.Binding(s.Action).Help()
			out = append(out, helpEntry{key: h.Key, desc: h.Desc})
		}
	}
	add(m.focusName(), pane)
	add("anywhere here", root)
	return out
}

// helpView draws every key that works where the focus is, in as many
// columns as it takes to fit w×h.
func (m Model) helpView(w, h int) string {
	st := m.common.Styles
	entries := m.helpEntries()
	rows := max(h-4, 1) // the box's border, and the closing line
	cells := make([]string, len(entries))
	for i, e := range entries {
		cells[i] = st.Section.Render(e.key)
		if !e.section {
			cells[i] = st.Help.FullKey.Render(e.key) + " " + st.Help.FullDesc.Render(e.desc)
		}
	}
	widths := columnWidths(cells, rows, w-4)
	lines := make([]string, min(rows, len(entries)))
	for i, cell := range cells {
		lines[i%rows] += layout.Line(cell, widths[i/rows]) + " "
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return st.HelpBox.Render(strings.Join(lines, "\n")) + "\n any key closes this help"
}

// hintBar names the few keys of the focused pane, then the root's.
func (m Model) hintBar() string {
	st := m.common.Styles
	if m.showHelp {
		return st.Hint.Render("any key closes this help")
	}
	var hinted []keys.Action
	for _, s := range m.focusedPane().Bindings() {
		if s.Hint && s.Enabled {
			hinted = append(hinted, s.Action)
		}
	}
	hinted = append(hinted, rootBindings().Hints(m)...)
	var parts []string
	seen := map[keys.Action]bool{}
	for _, a := range hinted {
		if seen[a] {
			continue
		}
		seen[a] = true
		h := m.common.Keys.Binding(a).Help()
		parts = append(parts, st.Help.ShortKey.Render(h.Key)+" "+st.Help.ShortDesc.Render(h.Desc))
	}
	line := strings.Join(parts, st.Help.ShortSeparator.Render(" · "))
	if layout.Width(line) > m.common.Width {
		line = layout.Truncate(line, m.common.Width, "…")
	}
	return line
}

// columnWidths sizes the columns cells fill top to bottom, rows to a
// column: each as wide as its widest cell; past room, all are cut alike.
func columnWidths(cells []string, rows, room int) []int {
	widths := make([]int, (len(cells)+rows-1)/rows)
	total := 0
	for i, c := range cells {
		widths[i/rows] = max(widths[i/rows], layout.Width(c)+1)
	}
	for _, w := range widths {
		total += w + 1
	}
	if total > room {
		for i := range widths {
			widths[i] = max(8, widths[i]*room/total)
		}
	}
	return widths
}
