package tui

import (
	"testing"

	"github.com/harkhq/hark/tui/keys"
)

func (h *harness) shownID() uint64 { return h.m.(Model).thread.ConversationID() }

// TestThreadFollowsTheCursor: with a conversation open, moving down the
// list shows the next one beside it, read; moving the keys to the thread
// and back does not.
func TestThreadFollowsTheCursor(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Open, keys.SwitchPane, keys.Down)
	next := h.selectedID()
	if h.shownID() != next {
		t.Fatalf("thread shows %d, cursor on %d", h.shownID(), next)
	}
	if c := h.conv(next); c.Unread != 0 {
		t.Errorf("the conversation shown is still unread")
	}
	h.do(keys.SwitchPane, keys.Down, keys.SwitchPane)
	if h.shownID() != next {
		t.Errorf("scrolling the thread changed it")
	}
}

// TestDoneAndSendMoveOn: done on the open conversation, or a reply sent
// from it, shows the next one.
func TestDoneAndSendMoveOn(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Open)
	first := h.shownID()
	h.do(keys.Done)
	second := h.shownID()
	if second == first || second == 0 || second != h.selectedID() {
		t.Fatalf("after done the thread shows %d (was %d, cursor %d)", second, first, h.selectedID())
	}
	h.do(keys.Reply)
	h.typeText("Thanks for asking!")
	h.do(keys.Send)
	if third := h.shownID(); third == second || third != h.selectedID() {
		t.Errorf("after send the thread shows %d (was %d)", third, second)
	}
}
