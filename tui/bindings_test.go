package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/drive"
	"github.com/harkhq/hark/tui/keys"
)

// places are the screens a person reaches, each by actions from the
// start, named by the pane that has the keys.
var places = []struct {
	name string
	do   func(h *harness)
}{
	{"inbox", func(h *harness) {}},
	{"conversation", func(h *harness) { h.do(keys.Open) }},
	{"composer", func(h *harness) { h.do(keys.Reply) }},
	{"composer", func(h *harness) { h.do(keys.Reply, keys.Snippet) }},
	{"prompt", func(h *harness) { h.do(keys.Tag) }},
	{"search", func(h *harness) { h.do(keys.Search) }},
	{"search", func(h *harness) {
		h.do(keys.Search)
		h.typeText("basket")
		h.do(keys.Open)
	}},
	{"outbox", func(h *harness) {
		h.do(keys.Reply)
		h.typeText("Thanks!")
		h.do(keys.Send, keys.Outbox)
	}},
	{"customer file", func(h *harness) { h.do(keys.Open, keys.Customer) }},
	{"report", func(h *harness) { h.do(keys.Report) }},
}

// TestEveryBindingIsInHelpAndReachable: wherever a person stands, every
// key that works there is in the help, and each of its keys reaches it
// (no other binding, the root's or the pane's, takes it first).
func TestEveryBindingIsInHelpAndReachable(t *testing.T) {
	for _, p := range places {
		h := newHarness(t)
		p.do(h)
		m := h.m.(Model)
		if got := m.focusName(); got != p.name {
			t.Fatalf("reached %q, want %q", got, p.name)
		}
		help := map[string]bool{}
		for _, e := range m.helpEntries() {
			help[e.key+" "+e.desc] = true
		}
		pane, root := m.working()
		owners := map[string][]bind.Shown{p.name: pane, "root": root}
		for owner, shown := range owners {
			for _, s := range shown {
				b := m.common.Keys.Binding(s.Action)
				if !help[b.Help().Key+" "+b.Help().Desc] {
					t.Errorf("%s: help lacks %s (%s)", p.name, s.Action, b.Help().Key)
				}
				for _, k := range b.Keys() {
					if o, a, ok := m.keyOwner(drive.Key(k)); !ok || a != s.Action || o != owner {
						t.Errorf("%s: %s reaches %s's %q, not %s's %s", p.name, k, o, a, owner, s.Action)
					}
				}
			}
		}
	}
}

// TestHelpFitsASmallTerminal: at 80×24, the help of the place with the
// most keys shows every one of them, uncut.
func TestHelpFitsASmallTerminal(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	m := h.m.(Model)
	entries := m.helpEntries()
	h.do(keys.Help)
	v := h.view()
	if n := strings.Count(v, "\n") + 1; n != 24 {
		t.Errorf("%d lines", n)
	}
	for _, e := range entries {
		if !strings.Contains(v, e.key) || !strings.Contains(v, e.desc) {
			t.Errorf("help at 80×24 lacks %q %q:\n%s", e.key, e.desc, v)
		}
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than 80: %q", l)
		}
	}
}

// TestHintBarNamesThePaneKeys: the last line names the focused pane's
// main keys, as bound.
func TestHintBarNamesThePaneKeys(t *testing.T) {
	h := newHarness(t)
	last := func() string {
		lines := strings.Split(h.view(), "\n")
		return lines[len(lines)-1]
	}
	if l := last(); !strings.Contains(l, "enter open") || !strings.Contains(l, "? help") {
		t.Errorf("inbox hints: %q", l)
	}
	h.do(keys.Reply)
	if l := last(); !strings.Contains(l, "ctrl+s send") || strings.Contains(l, "? help") {
		t.Errorf("composer hints: %q", l)
	}
}

// TestFocusIsVisible: the list's cursor row and the thread's title are
// drawn differently as the keys move between them.
func TestFocusIsVisible(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Open)
	m := h.m.(Model)
	threadFocused := m.thread.View()
	inboxBlurred := m.inbox.View()
	h.do(keys.SwitchPane)
	m = h.m.(Model)
	if m.thread.View() == threadFocused {
		t.Error("the thread looks the same with and without the keys")
	}
	if m.inbox.View() == inboxBlurred {
		t.Error("the list looks the same with and without the keys")
	}
	if ansi.Strip(m.inbox.View()) != ansi.Strip(inboxBlurred) {
		t.Error("the list's text changed, not only its look")
	}
}

// TestTabsShrinkNotCut: narrower, names shrink and then go, but every
// view's key and count show, the current view with its whole name.
func TestTabsShrinkNotCut(t *testing.T) {
	h := newHarness(t)
	for w, wants := range map[int][]string{
		80: {"1 Inbox 20", "2 Que 10", "7 All 20"},
		50: {"1 Inbox 20", "2 10", "7 20"},
	} {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		top := strings.Split(h.view(), "\n")[0]
		for _, want := range wants {
			if !strings.Contains(top, want) {
				t.Errorf("tabs at %d columns lack %q: %q", w, want, top)
			}
		}
		if strings.Contains(top, "…") {
			t.Errorf("tabs cut: %q", top)
		}
	}
}

// TestNarrowWindowsGiveTheThreadRoom: below 100 columns the thread has
// at least 60% of the width; below 60 one pane shows, the focused one.
func TestNarrowWindowsGiveTheThreadRoom(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Open)
	for _, w := range []int{200, 120, 99, 80, 60} {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		left, right := h.m.(Model).split()
		if left+right+1 != w || (w < 100 && right*10 < w*6) || left < 10 {
			t.Errorf("at %d columns: list %d, thread %d", w, left, right)
		}
	}
	h.send(tea.WindowSizeMsg{Width: 50, Height: 24})
	if v := h.view(); strings.Contains(v, "@maria_k (5)") || !strings.Contains(v, "@nashville_nina · Nina Brooks") {
		t.Errorf("at 50 columns the thread should show alone:\n%s", v)
	}
	h.do(keys.SwitchPane)
	if v := h.view(); strings.Contains(v, "Nina Brooks · Nov") || !strings.Contains(v, "@maria_k (5)") {
		t.Errorf("at 50 columns, switched, the list should show alone:\n%s", v)
	}
}
