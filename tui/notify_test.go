package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
)

// arrive stores a new mention and tells the TUI, as the poller does.
func (h *harness) arrive(id uint64, text string) {
	h.t.Helper()
	p := model.Post{ID: id, ConversationID: id, AuthorID: 2000000003, Kind: model.Mention, Text: text, CreatedAt: now}
	if _, err := h.store.Put(store.Batch{Posts: []model.Post{p}}); err != nil {
		h.t.Fatal(err)
	}
	h.send(eventMsg{event: listen.Arrived{Posts: []model.Post{p}}})
}

// TestNewMentionsAboveAreCounted: down the list, a mention arriving above
// the window is counted on the top line until the list is at its top.
func TestNewMentionsAboveAreCounted(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 100, Height: 12})
	for range 12 {
		h.do(keys.Down)
	}
	h.arrive(model.SnowflakeID(now, 900), "@paperandpine one more question")
	if top := strings.Split(h.view(), "\n")[0]; !strings.Contains(top, "↑ 1 new") {
		t.Errorf("top line: %q", top)
	}
	h.do(keys.Top)
	if top := strings.Split(h.view(), "\n")[0]; strings.Contains(top, "new") {
		t.Errorf("at the top the marker stays: %q", top)
	}
	h.do(keys.Sort) // oldest first: what arrives goes to the end, not above
	for range 12 {
		h.do(keys.Down)
	}
	h.arrive(model.SnowflakeID(now, 901), "@paperandpine and another")
	if top := strings.Split(h.view(), "\n")[0]; strings.Contains(top, "new") {
		t.Errorf("listed oldest first, a new mention is said to be above: %q", top)
	}
}

func TestNotifyRingsOrNotifies(t *testing.T) {
	if notify(config.NotifyOff, 1) != nil || notify("", 1) != nil {
		t.Error("off notifies")
	}
	for how, want := range map[string]string{config.NotifyBell: "\a", config.NotifyOSC9: "\x1b]9;hark: 2 conversations with new posts\x07"} {
		if got := fmt.Sprint(notify(how, 2)()); !strings.Contains(got, want) {
			t.Errorf("%s: %q", how, got)
		}
	}
}

// TestCopyAndOpenTheLink: y copies the post's link by OSC 52; w opens it.
func TestCopyAndOpenTheLink(t *testing.T) {
	h := newHarness(t)
	m := h.m.(Model)
	row, _ := m.inbox.Selected()
	want := fmt.Sprintf("https://x.com/i/web/status/%d", row.Last.ID)
	_, cmd := m.copyLink()
	if got := fmt.Sprintf("%T %v", cmd(), cmd()); !strings.Contains(got, "Clipboard") || !strings.Contains(got, want) {
		t.Errorf("copy: %s", got)
	}
	if owner, a, _ := m.keyOwner(keyMsg("w")); owner != "root" || a != keys.OpenOnX {
		t.Errorf("w reaches %s %s", owner, a)
	}
}

// TestMouseClickOpensWheelScrolls: a click on a row opens it; the wheel
// over the list moves its cursor.
func TestMouseClickOpensWheelScrolls(t *testing.T) {
	h := newHarness(t)
	rows, err := h.store.Inbox(store.ViewInbox, store.InboxKey{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	h.send(tea.MouseClickMsg{X: 5, Y: 3, Button: tea.MouseLeft}) // the tabs are line 0
	if got := h.shownID(); got != rows[2].Conversation.ID || h.selectedID() != got {
		t.Fatalf("a click on the third row shows %d, selects %d; want %d", got, h.selectedID(), rows[2].Conversation.ID)
	}
	h.send(tea.MouseWheelMsg{X: 5, Y: 3, Button: tea.MouseWheelDown})
	if h.selectedID() != rows[3].Conversation.ID || h.shownID() != rows[3].Conversation.ID {
		t.Errorf("the wheel down the list: cursor on %d, thread %d; want %d", h.selectedID(), h.shownID(), rows[3].Conversation.ID)
	}
}

// TestAnotherCommandsChangeShowsAtOnce: a command run through this
// hark's socket (hark tag, from a script) shows in the open inbox.
func TestAnotherCommandsChangeShowsAtOnce(t *testing.T) {
	h := newHarness(t)
	id := h.selectedID()
	if _, err := h.store.Tag([]uint64{id}, []string{"refund"}, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h.view(), "#refund") {
		t.Fatal("the tag shows before the change was told")
	}
	h.send(changedMsg{})
	if !strings.Contains(h.view(), "#refund") {
		t.Errorf("after the change was told:\n%s", h.view())
	}
}

// TestHeardViewAndBringingIn: a heard post waits in the Heard view with
// its count; reopen brings it into the inbox, done dismisses another.
func TestHeardViewAndBringingIn(t *testing.T) {
	h := newHarness(t)
	for i, text := range []string{"paper and pine lost my basket again", "paper and pine's new pens are lovely"} {
		p := model.Post{ID: model.SnowflakeID(now, uint64(800+i)), AuthorID: 2000000006, Kind: model.Heard, Text: text, CreatedAt: now}
		p.ConversationID = p.ID
		added, err := h.store.Put(store.Batch{Posts: []model.Post{p}})
		if err != nil {
			t.Fatal(err)
		}
		h.send(eventMsg{event: listen.Arrived{Posts: added}})
	}
	top := func() string { return strings.Split(h.view(), "\n")[0] }
	if !strings.Contains(top(), "8 Heard 2") || !strings.Contains(top(), "1 Inbox 20") {
		t.Fatalf("tabs: %q", top())
	}
	h.do(keys.View8)
	if v := h.view(); !strings.Contains(v, "lost my basket") {
		t.Fatalf("the Heard view:\n%s", v)
	}
	h.do(keys.Reopen) // into the inbox
	if !strings.Contains(top(), "8 Heard 1") || !strings.Contains(top(), "1 Inbox 21") {
		t.Errorf("after bringing one in: %q", top())
	}
	h.do(keys.Done) // dismissed
	if !strings.Contains(top(), "8 Heard 0") || !strings.Contains(top(), "6 Done 1") {
		t.Errorf("after dismissing one: %q", top())
	}
}
