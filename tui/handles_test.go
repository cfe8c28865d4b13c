package tui

import (
	"strings"
	"testing"

	"github.com/harkhq/hark/tui/keys"
)

// TestCommandLineHandleMeansThePersonsOpenConversation: ":reply @maria_k
// words" answers Maria's one open conversation, wherever the cursor is,
// with the words in the composer; ":reply @nashville_nina", who has
// several open, opens her customer file to choose from and says so, and
// enter there opens the one chosen; an unknown handle is refused in one
// line and nothing opens.
func TestCommandLineHandleMeansThePersonsOpenConversation(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Down, keys.Down) // the cursor elsewhere: the handle decides, not the row
	h.command("reply @maria_k it is back in stock")
	v := h.view()
	if !strings.Contains(v, "Reply to @maria_k") || !strings.Contains(v, "it is back in stock") {
		t.Fatalf(":reply @maria_k with words:\n%s", v)
	}
	if h.selectedID() != h.shownID() {
		t.Errorf("the list's cursor is on %d, the thread shows %d", h.selectedID(), h.shownID())
	}
	h.press("ctrl+x")
	h.press("esc")
	h.press("esc")

	h.command("open @nashville_nina")
	m := h.m.(Model)
	if m.screen.right != sideCustomer || m.screen.composing || !strings.Contains(h.view(), "@nashville_nina has 3 open: choose one (enter opens it)") {
		t.Fatalf(":open a person with several open:\n%s", h.view())
	}
	h.do(keys.Open)
	if c := h.conv(h.shownID()); c.CustomerID == 0 || h.m.(Model).screen.right != sideThread {
		t.Errorf("enter in her file did not open one of hers:\n%s", h.view())
	}
	if !strings.Contains(h.view(), "· +2 open (p)") { // her thread says she waits elsewhere too
		t.Errorf("her thread's header does not say she has two more open:\n%s", h.view())
	}
	h.press("esc")

	h.command("reply @nashville_nina see you at the store") // the words wait for her choice
	if !strings.Contains(h.view(), "@nashville_nina has 3 open: choose one (enter answers it with your words)") {
		t.Fatalf(":reply with words to a person with several open:\n%s", h.view())
	}
	h.do(keys.Down, keys.Open)
	if v := h.view(); !h.m.(Model).screen.composing || !strings.Contains(v, "Reply to @nashville_nina") || !strings.Contains(v, "see you at the store") {
		t.Errorf("the conversation chosen was not answered with the words typed:\n%s", v)
	}
	h.press("ctrl+x")
	h.press("esc")
	h.press("p") // her file again, by its key: enter opens, the old choice is gone
	h.do(keys.Open)
	if h.m.(Model).screen.composing {
		t.Errorf("a choice asked for earlier answered a conversation opened later from her file:\n%s", h.view())
	}
	h.press("esc")

	h.command("reply @nobody_here")
	if v := h.view(); !strings.Contains(v, "no post from @nobody_here") || h.m.(Model).screen.composing {
		t.Errorf("an unknown handle:\n%s", v)
	}
}
