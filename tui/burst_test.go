package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
)

// burst delivers keys as one read of the terminal does: every key goes
// to Update before any command it started has answered (the pages they
// load land after the last key), then the commands run.
func (h *harness) burst(names ...string) {
	var cmds []tea.Cmd
	for _, n := range names {
		var cmd tea.Cmd
		h.m, cmd = h.m.Update(keyMsg(n))
		cmds = append(cmds, cmd)
	}
	h.run(tea.Batch(cmds...))
}

// TestABurstOfKeysRepliesToTheRowItCounts: "G g j j r" typed in one
// burst opens a reply to the third row, every time: the keys typed
// while the list's page is on its way wait for it instead of moving a
// cursor the page then puts back. 100 repetitions.
func TestABurstOfKeysRepliesToTheRowItCounts(t *testing.T) {
	h := newHarness(t)
	rows, err := h.store.Inbox(store.ViewInbox, store.InboxKey{}, 3)
	if err != nil || len(rows) < 3 {
		t.Fatalf("rows: %v %v", rows, err)
	}
	want := rows[2].Conversation.ID
	for i := range 100 {
		h.press("j", "j", "j", "j", "j") // the cursor elsewhere first, its pages landed
		h.burst("G", "g", "j", "j", "r")
		m := h.m.(Model)
		got, _ := m.composer.Draft()
		if !m.screen.composing || got != want {
			t.Fatalf("round %d: composing %v for %d, want a reply to row 3 (%d)", i, m.screen.composing, got, want)
		}
		h.press("esc") // the composer closes; the draft is kept and empty
		if h.m.(Model).screen.composing {
			h.press("esc")
		}
		h.press("esc")
	}
}
