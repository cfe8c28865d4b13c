package tui

import (
	"strings"

	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/harkhq/hark/tui/prompt"

	"github.com/harkhq/hark/tui/keys"
)

// listRows are the rows the list shows, by their handles.
func (h *harness) listRows() []string {
	var out []string
	for _, l := range strings.Split(h.view(), "\n")[1:] {
		if f := strings.Fields(l); len(f) > 1 && strings.HasPrefix(f[1], "@") {
			out = append(out, f[1])
		}
	}
	return out
}

// TestFilterNarrowsTheListAsYouType: | narrows the list with each key
// typed (handles, names, words of the newest post), j moves among the
// matches, enter keeps the filter and says so, esc shows the view whole;
// a filter that matches nothing says so; esc in the prompt clears too.
func TestFilterNarrowsTheListAsYouType(t *testing.T) {
	h := newHarness(t)
	all := len(h.listRows())
	h.press("|")
	h.typeText("nash")
	rows := h.listRows()
	if len(rows) != 3 || !strings.HasPrefix(rows[0], "@nashville") {
		t.Fatalf("| nash shows %v (of %d)", rows, all)
	}
	// A key more narrows the rows read, in memory: no read, nothing to wait for.
	m, _ := h.m.Update(prompt.ChangedMsg{Request: prompt.Request{Kind: prompt.Filter, Live: true}, Value: "nashv"})
	if mm := m.(Model); mm.inbox.Moving() || len(strings.Split(ansi.Strip(mm.inbox.View()), "@nashville")) != 4 {
		t.Errorf("a key typed into the filter read the store again, or did not narrow at once (moving %v)", mm.inbox.Moving())
	}
	h.typeText("ville_nina asking")
	if rows := h.listRows(); len(rows) != 0 {
		t.Errorf("a filter on handle and words at once matched %v", rows)
	}
	for range len("ville_nina asking") {
		h.press("backspace")
	}
	h.press("enter")
	if !strings.Contains(h.statusLine(), `filtered by "nash": 3 of`) {
		t.Errorf("enter: %q", h.statusLine())
	}
	h.do(keys.Down)
	if id := h.selectedID(); h.conv(id).CustomerID != 2000000004 {
		t.Errorf("j left the matches: conversation of %d", h.conv(id).CustomerID)
	}
	h.do(keys.Back)
	if n := len(h.listRows()); n != all {
		t.Errorf("esc shows %d rows, want all %d", n, all)
	}
	h.press("|")
	h.typeText("zzzz")
	if !strings.Contains(h.view(), `Nothing here holds "zzzz"`) || len(h.listRows()) != 0 {
		t.Errorf("no match:\n%s", h.view())
	}
	h.press("esc")
	if n := len(h.listRows()); n != all {
		t.Errorf("esc in the prompt shows %d rows, want %d", n, all)
	}
	// A kept filter opened again and left at once: the list answers keys
	// (the page clearing it once went nowhere, and the keys waited for it).
	h.press("|")
	h.typeText("nash")
	h.press("enter", "|", "esc")
	before := h.selectedID()
	h.press("j")
	if h.m.(Model).inbox.Moving() || h.selectedID() == before {
		t.Errorf("j after reopening and leaving the filter: moving %v, cursor stayed", h.m.(Model).inbox.Moving())
	}
}

// TestFilterFollowsTheTextNotTheOrderChangesLand: typed fast, the
// changes come back as commands run side by side and can land out of
// order ("kenji" after "kenjij"); the list follows the text typed, and
// enter keeps the last word whatever is still on its way.
func TestFilterFollowsTheTextNotTheOrderChangesLand(t *testing.T) {
	h := newHarness(t)
	h.press("|")
	h.typeText("kenjij")
	h.send(prompt.ChangedMsg{Request: prompt.Request{Kind: prompt.Filter, Live: true}, Value: "kenji"}) // a late, older change
	if text, _ := h.m.(Model).inbox.Filtering(); text != "kenjij" || len(h.listRows()) != 0 {
		t.Errorf("a late change won: filter %q, rows %v", text, h.listRows())
	}
	h.press("backspace", "enter")
	h.send(prompt.ChangedMsg{Request: prompt.Request{Kind: prompt.Filter, Live: true}, Value: "kenjij"}) // landing after enter
	n, _, _ := h.m.(Model).inbox.FilterCount()
	if text, _ := h.m.(Model).inbox.Filtering(); text != "kenji" || n != 2 || len(h.listRows()) != 2 { // kenji's two conversations
		t.Errorf("after enter: filter %q, %d rows", text, n)
	}
}

// TestMarkByPattern: | then * marks every match of the filter, those
// below the screenful too, and nothing else.
func TestMarkByPattern(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 10}) // fewer rows shown than match
	h.press("|")
	h.typeText("o")
	h.press("enter")
	matches, _, _ := h.m.(Model).inbox.FilterCount()
	if shown := len(h.listRows()); matches <= shown {
		t.Fatalf("%d matches, %d shown: the test needs more matches than rows", matches, shown)
	}
	h.press("*")
	if n := len(h.m.(Model).inbox.Marked()); n != matches {
		t.Errorf("* under a filter marked %d, want every match: %d", n, matches)
	}
	if s := h.statusLine(); !strings.Contains(s, itoa(matches)+" marked") { // at 80 columns, beside the filter's count
		t.Errorf("the status bar at 80 columns does not say how many are marked: %q", s)
	}
}
