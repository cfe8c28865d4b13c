package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
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

// TestKeysTypedWhileTheThreadLoadsWaitForIt: "enter r Thanks, checking
// now" typed fast, where the conversation opens before "r" is read and
// its thread is still on its way: the words are the reply's. They went
// to the empty thread: "r" did nothing and "n" opened a note, which took
// "ks, checking now" (seen in the demo, typed at start-up).
func TestKeysTypedWhileTheThreadLoadsWaitForIt(t *testing.T) {
	h := newHarness(t)
	h.press("j", "j", "j")
	row, _ := h.m.(Model).inbox.Selected()
	var cmds []tea.Cmd
	step := func(msg tea.Msg) {
		var cmd tea.Cmd
		h.m, cmd = h.m.Update(msg)
		cmds = append(cmds, cmd)
	}
	step(keyMsg("enter"))
	step(common.OpenConversationMsg{ConversationID: row.Conversation.ID}) // the thread's reading is not run yet
	step(keyMsg("r"))
	for _, r := range "Thanks, checking now" {
		step(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	h.run(tea.Batch(cmds...))
	m := h.m.(Model)
	conv, text := m.composer.Draft()
	if !m.screen.composing || conv != row.Conversation.ID || text != "Thanks, checking now" || m.prompt.Active() {
		t.Fatalf("composing %v on %d (want %d), %q, a prompt open %v:\n%s", m.screen.composing, conv, row.Conversation.ID, text, m.prompt.Active(), h.view())
	}
}

// TestARepliedConversationOpenedAgainKeepsItsReply: "enter r" typed
// fast, both read before either opening lands, sends two opens of one
// conversation whose answers may come in either order; the plain open
// landing last used to cancel the reply (seen in the demo: the thread
// shown, no composer, the words held and dropped).
func TestARepliedConversationOpenedAgainKeepsItsReply(t *testing.T) {
	h := newHarness(t)
	h.press("j", "j", "j")
	row, _ := h.m.(Model).inbox.Selected()
	id := row.Conversation.ID
	var cmds []tea.Cmd
	for _, msg := range []tea.Msg{common.OpenConversationMsg{ConversationID: id, Reply: true}, common.OpenConversationMsg{ConversationID: id}} {
		var cmd tea.Cmd
		h.m, cmd = h.m.Update(msg)
		cmds = append(cmds, cmd)
	}
	h.run(tea.Batch(cmds...))
	if m := h.m.(Model); !m.screen.composing {
		t.Fatalf("no composer:\n%s", h.view())
	}
}
