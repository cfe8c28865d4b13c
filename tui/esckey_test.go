package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
)

// TestEscAndAKeyTypedAtOnce: esc then z, typed fast in a search, reach
// hark as one alt+z; they are read as the two keys (the search closes,
// z asks for a snooze), not as a z typed into the search. An alt+key an
// editor binds (alt+b, a word back) stays itself.
func TestEscAndAKeyTypedAtOnce(t *testing.T) {
	h := newHarness(t)
	h.press("/")
	h.typeText("paper")
	h.send(tea.KeyPressMsg{Code: 'b', Mod: tea.ModAlt})
	if !h.m.(Model).screen.searching {
		t.Fatalf("alt+b, a word back in the search's input, left the search:\n%s", h.view())
	}
	h.send(tea.KeyPressMsg{Code: 'z', Mod: tea.ModAlt})
	m := h.m.(Model)
	if strings.Contains(h.view(), "paperz") || strings.Contains(m.search.Query(), "z") {
		t.Fatalf("esc z typed at once went into the search (%q, searching %v):\n%s", m.search.Query(), m.screen.searching, h.view())
	}
	h.send(tea.KeyPressMsg{Code: 'z', Mod: tea.ModAlt}) // esc leaves the search kept, z snoozes
	if m := h.m.(Model); !m.prompt.Active() || !strings.Contains(h.view(), "Snooze") {
		t.Errorf("esc z from the list did not ask for a snooze:\n%s", h.view())
	}
	h.press("esc")
	before := h.selectedID()
	h.send(tea.KeyPressMsg{Code: 'd', Mod: tea.ModAlt}) // over the list, alt+d is no editor's: esc and d, done
	if c := h.conv(before); c.Status != store.StatusDone {
		t.Errorf("esc d at once over the list left the conversation %s", c.Status)
	}
}

// TestEscThenAKeyLeavesTheComposerAtOnce: "esc d" typed in one read in
// the composer keeps the draft and marks the conversation done; the d
// was lost before (the composer told the root by a message that came
// after it, and its editor, blurred, took nothing).
func TestEscThenAKeyLeavesTheComposerAtOnce(t *testing.T) {
	h := newHarness(t)
	conv := h.selectedID()
	h.press("r")
	h.typeText("thanks, on its way")
	h.burst("esc", "d")
	if c := h.conv(conv); c.Status != store.StatusDone {
		t.Errorf("esc d in one read: the conversation is %s, want done", c.Status)
	}
	if ds, _ := h.store.Drafts(""); ds[conv].Text != "thanks, on its way" {
		t.Errorf("the draft kept is %q", ds[conv].Text)
	}
}
