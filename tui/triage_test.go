package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
	"github.com/harkhq/hark/tui/prompt"
)

// selectedID is the conversation under the inbox cursor.
func (h *harness) selectedID() uint64 {
	row, _ := h.m.(Model).inbox.Selected()
	return row.Conversation.ID
}

func (h *harness) conv(id uint64) store.Conversation {
	h.t.Helper()
	c, _, err := h.store.Conversation(id)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

func TestTagPromptCompletes(t *testing.T) {
	h := newHarness(t)
	all, _ := h.store.Inbox(store.ViewAll, store.InboxKey{}, 100)
	h.store.Tag([]uint64{all[len(all)-1].Conversation.ID}, []string{"refund"}, nil)
	id := h.selectedID()
	h.press("t")
	h.typeText("+ref")
	h.press("tab")
	h.typeText(" +vip")
	h.golden("tag_prompt")
	h.press("enter")
	if got := h.conv(id).Tags; !slices.Equal(got, []string{"refund", "vip"}) {
		t.Errorf("tags = %v", got)
	}
	h.golden("tagged")
}

func TestDoneLeavesInboxForDoneView(t *testing.T) {
	h := newHarness(t)
	id := h.selectedID()
	h.press("d")
	if c := h.conv(id); c.Status != store.StatusDone {
		t.Fatalf("status = %s", c.Status)
	}
	if h.selectedID() == id {
		t.Error("the done conversation is still selected in the inbox")
	}
	h.press("6")
	h.golden("done_view")
	if h.selectedID() != id {
		t.Error("the done view does not show it")
	}
}

func TestSnoozeFromThePrompt(t *testing.T) {
	h := newHarness(t)
	id := h.selectedID()
	h.press("z")
	h.typeText("2d")
	h.press("enter")
	if c := h.conv(id); !c.SnoozeUntil.Equal(now.Add(48 * time.Hour)) {
		t.Errorf("snoozed until %v", c.SnoozeUntil)
	}
	if !strings.Contains(h.view(), "5 Snoozed 1") {
		t.Errorf("tabs:\n%s", strings.Split(h.view(), "\n")[0])
	}
	id = h.selectedID()
	h.press("z")
	h.typeText("someday")
	h.press("enter")
	if v := h.view(); !strings.Contains(v, "cannot read \"someday\"") || !strings.Contains(v, "until: someday") {
		t.Errorf("a bad time was not refused, with its text kept:\n%s", v)
	}
	for range "someday" {
		h.press("backspace")
	}
	h.typeText("tomorrow 9am")
	if v := h.view(); !strings.Contains(v, "→ Tue Nov 24 09:00") {
		t.Errorf("the prompt does not say what it read:\n%s", v)
	}
	h.press("enter")
	if c := h.conv(id); !c.SnoozeUntil.Equal(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("snoozed until %v", c.SnoozeUntil)
	}
	h.do(keys.View5)
	if v := h.view(); !strings.Contains(v, "Tue 09:00") || !strings.Contains(v, "Wed 12:00") {
		t.Errorf("the Snoozed view does not say when each wakes:\n%s", v)
	}
}

func TestWokenConversationComesBackOnTop(t *testing.T) {
	h := newHarness(t)
	rows, _ := h.store.Inbox(store.ViewInbox, store.InboxKey{}, 100)
	oldest := rows[len(rows)-1].Conversation.ID
	h.store.Snooze([]uint64{oldest}, now.Add(-time.Minute))
	before := h.selectedID()
	h.send(wakeMsg{})
	top, _ := h.store.Inbox(store.ViewInbox, store.InboxKey{}, 1)
	// ⏰ is two cells wide: a space parts it from the handle, and the
	// snippets still start in one column.
	lines := strings.Split(h.view(), "\n")
	if top[0].Conversation.ID != oldest || !strings.HasPrefix(lines[1], "⏰ @lena_draws") {
		t.Errorf("the woken conversation is not on top:\n%s", h.view())
	}
	if a, b := strings.Index(lines[1], "Shout-out"), strings.Index(lines[2], "saw you"); layout.Width(lines[1][:a]) != layout.Width(lines[2][:b]) {
		t.Errorf("the woken row's snippet is out of line:\n%s\n%s", lines[1], lines[2])
	}
	if h.selectedID() != before {
		t.Error("the cursor left the conversation it was on")
	}
}

func TestNotesOnConversationAndPerson(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "n")
	h.typeText("Promised to check the basket logs by Friday")
	h.press("enter", "N")
	h.typeText("Prefers DMs for order numbers")
	h.press("enter")
	h.golden("thread_note")
	h.press("p")
	h.golden("customer")
}

func TestMarkAndBulkApplyThenUndo(t *testing.T) {
	h := newHarness(t)
	first := h.selectedID()
	h.press("x")
	second := h.selectedID()
	h.press("x", "d")
	for _, id := range []uint64{first, second} {
		if c := h.conv(id); c.Status != store.StatusDone {
			t.Errorf("%d: %s after bulk done", id, c.Status)
		}
	}
	if !strings.Contains(h.view(), "done: 2 conversations · U undoes") {
		t.Errorf("no notice:\n%s", h.view())
	}
	h.press("U")
	for _, id := range []uint64{first, second} {
		if c := h.conv(id); c.Status != store.StatusOpen {
			t.Errorf("%d: %s after undo", id, c.Status)
		}
	}
	if h.selectedID() == 0 {
		t.Error("nothing selected after undo")
	}
}

func TestToggleUnread(t *testing.T) {
	h := newHarness(t)
	id := h.selectedID()
	h.press("u")
	if c := h.conv(id); c.Unread != 0 {
		t.Errorf("unread = %d after u", c.Unread)
	}
	h.press("3")
	if h.selectedID() == id {
		t.Error("the unread view still shows it")
	}
}

func TestReboundKeyWorksAndShowsInHelp(t *testing.T) {
	h := newHarness(t)
	if err := h.m.(Model).common.Keys.Rebind(map[string][]string{"done": {"X"}}); err != nil {
		t.Fatal(err)
	}
	id := h.selectedID()
	h.press("d")
	if c := h.conv(id); c.Status == store.StatusDone {
		t.Fatal("d still marks done after rebinding")
	}
	h.press("X")
	if c := h.conv(id); c.Status != store.StatusDone {
		t.Fatal("X does not mark done")
	}
	h.press("?")
	if v := h.view(); !strings.Contains(v, "X") || !strings.Contains(v, "done") {
		t.Errorf("help does not show the new key:\n%s", v)
	}
}

func TestCursorStaysOnItsConversationWhenPostsArrive(t *testing.T) {
	h := newHarness(t)
	h.press("j", "j")
	id := h.selectedID()
	fresh := model.Post{ID: model.SnowflakeID(now, 999), AuthorID: 2000000010, Text: "@paperandpine new question?", CreatedAt: now, Kind: model.Mention}
	fresh.ConversationID = fresh.ID
	added, err := h.store.Put(store.Batch{Posts: []model.Post{fresh}})
	if err != nil || len(added) != 1 {
		t.Fatal(err)
	}
	h.send(eventMsg{event: listen.Arrived{Posts: added}})
	if h.selectedID() != id {
		t.Errorf("the cursor moved from %d to %d", id, h.selectedID())
	}
	if !strings.Contains(strings.Split(h.view(), "\n")[1], "new question?") {
		t.Errorf("the new post is not on top:\n%s", h.view())
	}
}

// TestAPromptsTextOutlivesAFailure: an action a prompt asked for that
// fails once the prompt closed (here the database is gone) opens the
// prompt again with the text typed and the reason; once the cursor has
// moved to another conversation, the text is said with the error
// instead, and no prompt opens over the other conversation.
func TestAPromptsTextOutlivesAFailure(t *testing.T) {
	h := newHarness(t)
	h.press("t")
	h.typeText("+refund")
	h.store.Close()
	h.press("enter")
	m := h.m.(Model)
	if !m.prompt.Active() || m.prompt.Value() != "+refund" {
		t.Fatalf("after a failed tag the prompt is open %v with %q:\n%s", m.prompt.Active(), m.prompt.Value(), h.view())
	}
	h.press("esc")

	failed := triagedMsg{err: errors.New("database not open"), asked: &prompt.SubmitMsg{
		Request: prompt.Request{Kind: prompt.Note, Targets: []uint64{h.selectedID()}}, Value: "called her back",
	}}
	h.do(keys.Down)
	h.send(failed)
	if m := h.m.(Model); m.prompt.Active() || !strings.Contains(h.view(), `you typed "called her back"`) {
		t.Errorf("a failure for a conversation no longer at hand:\n%s", h.view())
	}
}
