package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/tui/keys"
)

func (h *harness) shownID() uint64 { return h.m.(Model).thread.ConversationID() }

// TestThreadFollowsTheCursor: with a conversation open, moving down the
// list shows the next one beside it, unread until it has been shown for
// mark_read_after (passing over a conversation is not reading it: a
// dwell for one the cursor left reads nothing); moving the keys to the
// thread and back does not change it.
func TestThreadFollowsTheCursor(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Open, keys.SwitchPane, keys.Down)
	passed := h.selectedID()
	h.do(keys.Down)
	next := h.selectedID()
	if h.shownID() != next {
		t.Fatalf("thread shows %d, cursor on %d", h.shownID(), next)
	}
	if c := h.conv(next); c.Unread == 0 {
		t.Errorf("the conversation is read the moment it is shown")
	}
	h.send(dwelledMsg{convID: passed})
	h.send(dwelledMsg{convID: next})
	if c := h.conv(next); c.Unread != 0 {
		t.Errorf("the conversation shown for a while is still unread")
	}
	if c := h.conv(passed); c.Unread == 0 {
		t.Errorf("a conversation passed over was marked read")
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

// TestCustomerFileOpensAConversation: the file lists the person's
// conversations, and enter opens the one under the cursor.
func TestCustomerFileOpensAConversation(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Down, keys.Down, keys.Down, keys.Down, keys.Down, keys.Down) // @oliver_q, who wrote twice
	h.do(keys.Customer)
	row, _ := h.m.(Model).inbox.Selected()
	file, err := h.store.Customer(row.Conversation.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	if len(file.Conversations) < 2 {
		t.Fatalf("the file lists %d conversations", len(file.Conversations))
	}
	h.do(keys.Down, keys.Open)
	m := h.m.(Model)
	if m.screen.right != sideThread || m.thread.ConversationID() != file.Conversations[1].Conversation.ID {
		t.Errorf("enter on the second conversation shows %d (screen %+v)", m.thread.ConversationID(), m.screen)
	}
}

// TestWaitingRowsSayYou: a conversation waiting for the customer shows
// the shop's own last words as "you:".
func TestWaitingRowsSayYou(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Down, keys.Reply)
	h.typeText("Glad it's sorted!")
	h.do(keys.Send)
	h.deliver()
	h.do(keys.View4)
	if v := h.view(); !strings.Contains(v, "you: Glad it") {
		t.Errorf("the Waiting view:\n%s", v)
	}
	if h.shownID() != h.selectedID() {
		t.Errorf("the thread did not follow to the new view's conversation")
	}
}

// TestThreadSaysWhatIsAboveAndMovesByPost: a thread taller than its pane
// opens at its newest post and says how many posts are above; [ goes up
// a post at a time, ] down, and at the top nothing is above.
func TestThreadSaysWhatIsAboveAndMovesByPost(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 16})
	h.do(keys.Down, keys.Open) // maria's five posts
	if v := h.view(); !strings.Contains(v, "↑3 above") {
		t.Fatalf("no mark of the posts above:\n%s", v)
	}
	th := h.m.(Model).thread
	above := th.PostsAbove()
	h.press("[")
	if got := h.m.(Model).thread.PostsAbove(); got != above-1 {
		t.Errorf("[ from %d above left %d above", above, got)
	}
	for range 10 {
		h.press("[")
	}
	if got := h.m.(Model).thread.PostsAbove(); got != 0 || strings.Contains(h.view(), " above ·") {
		t.Errorf("at the top: %d above", got)
	}
	h.press("]")
	if got := h.m.(Model).thread.PostsAbove(); got != 1 {
		t.Errorf("] from the top: %d above", got)
	}
}

// TestSearchResultsPreview: with a result open beside the results,
// moving the results' cursor shows the next result's conversation.
func TestSearchResultsPreview(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Search)
	h.typeText("paper")
	h.do(keys.Open) // keep the search
	h.do(keys.Open) // open the first result
	first := h.shownID()
	h.do(keys.SwitchPane, keys.Down)
	hit, _ := h.m.(Model).search.Selected()
	if h.shownID() == first || h.shownID() != hit.Post.ConversationID {
		t.Errorf("the thread shows %d after moving to a result of %d (was %d)", h.shownID(), hit.Post.ConversationID, first)
	}
}

// TestHintsCanBeDismissed: i hides the hints under the customers' posts
// and shows them again.
func TestHintsCanBeDismissed(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Down, keys.Open)
	if !strings.Contains(h.view(), "question (?") {
		t.Fatalf("no hint to dismiss:\n%s", h.view())
	}
	h.press("i")
	if strings.Contains(h.view(), "question (?") {
		t.Errorf("i left the hints:\n%s", h.view())
	}
	h.press("i")
	if !strings.Contains(h.view(), "question (?") {
		t.Errorf("i again did not bring them back")
	}
}
