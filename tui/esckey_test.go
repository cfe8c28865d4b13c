package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
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
}
