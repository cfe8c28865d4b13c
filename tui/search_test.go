package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
)

func TestSearchAsYouTypeKeepAndSave(t *testing.T) {
	h := newHarness(t)
	h.press("/")
	h.typeText("basket")
	if !strings.Contains(h.view(), "2 results, newest first") {
		t.Fatalf("no live results:\n%s", h.view())
	}
	h.golden("search")
	if !strings.Contains(h.raw(), "basket") || !strings.Contains(h.raw(), "\x1b[") {
		t.Error("no highlight")
	}
	h.press("enter")
	if !strings.Contains(h.view(), "search kept") {
		t.Errorf("enter did not keep the search:\n%s", h.view())
	}
	h.press("S")
	h.typeText("baskets")
	h.press("enter")
	if !strings.Contains(strings.Split(h.view(), "\n")[0], "9 baskets 1") { // two posts, one conversation: the tab counts conversations, as hark ls --view does
		t.Fatalf("the saved view is not a tab:\n%s", strings.Split(h.view(), "\n")[0])
	}
	if views, _ := h.store.SavedViews(); len(views) != 1 || views[0].Query != "basket" {
		t.Errorf("saved views = %+v", views)
	}
	h.press("1")
	if strings.Contains(h.view(), "results, newest first") {
		t.Fatal("1 did not go back to the inbox")
	}
	h.press("9")
	if !strings.Contains(h.view(), "2 results, newest first") {
		t.Fatalf("9 did not show the saved search:\n%s", h.view())
	}
	h.press("enter")
	if !strings.Contains(h.view(), "@maria_k · María Kovač") {
		t.Errorf("enter on a result did not open its conversation:\n%s", h.view())
	}
}

func TestSearchErrorIsShown(t *testing.T) {
	h := newHarness(t)
	h.press("/")
	h.typeText(`from:`)
	if !strings.Contains(h.view(), "query error at character 6: from: needs a handle") {
		t.Errorf("no error:\n%s", h.view())
	}
	h.press("esc")
	if strings.Contains(h.view(), "query error") {
		t.Error("esc did not leave search")
	}
}

// A result opens its thread at the matched post, marked, not at the
// newest post.
func TestSearchResultOpensAtTheMatch(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 100, Height: 14})
	h.press("/")
	h.typeText("sketchbooks compass")
	if !strings.Contains(h.view(), "1 result, newest first") {
		t.Errorf("one result is not counted as one:\n%s", h.view())
	}
	h.press("enter", "enter")
	view := h.view()
	if !strings.Contains(view, "▸ found") || !strings.Contains(view, "my basket vanished") {
		t.Fatalf("the thread is not at the matched post:\n%s", view)
	}
	if strings.Contains(view, "any news on the basket") {
		t.Errorf("the thread shows its newest post, not the match:\n%s", view)
	}
}

func TestSavedCountCaps(t *testing.T) {
	counts := map[string]int{"basket": 2, "the": savedCountCap}
	for query, want := range map[string]string{"basket": " 2", "the": " 99+", "unknown": ""} {
		if got := savedCount(counts, query); got != want {
			t.Errorf("savedCount(%q) = %q, want %q", query, got, want)
		}
	}
}

// The search pane's help lists each key once, its own and the root's.
func TestSearchHelpListsEachKeyOnce(t *testing.T) {
	h := newHarness(t)
	h.press("/")
	h.typeText("basket")
	h.press("enter", "?")
	v := h.view()
	if strings.Count(v, "save as view") != 1 || !strings.Contains(v, "outbox") {
		t.Errorf("search help:\n%s", v)
	}
}

// TestSavedViewsNeverEvictRenameDelete: a third saved view is refused
// with the reason; the view shown is renamed and deleted in place.
func TestSavedViewsNeverEvictRenameDelete(t *testing.T) {
	h := newHarness(t)
	save := func(query, name string) {
		h.do(keys.Search)
		h.typeText(query)
		h.do(keys.Open, keys.SaveView)
		h.typeText(name)
		h.do(keys.Open)
	}
	save("basket", "baskets")
	save("ink", "inks")
	save("paper", "papers")
	top := func() string { return strings.Split(h.view(), "\n")[0] }
	if views, _ := h.store.SavedViews(); len(views) != 2 || views[0].Name != "baskets" || views[1].Name != "inks" || !strings.Contains(h.view(), "2 saved views already") {
		t.Fatalf("a third view: %+v\n%s", views, h.view())
	}
	h.do(keys.View9, keys.RenameView)
	h.typeText("cart")
	h.do(keys.Open)
	if !strings.Contains(top(), "9 cart") || strings.Contains(top(), "baskets") {
		t.Errorf("renamed: %q", top())
	}
	h.do(keys.DeleteView)
	h.typeText("n") // one key answers: n keeps it
	if views, _ := h.store.SavedViews(); len(views) != 2 || h.m.(Model).prompt.Active() {
		t.Errorf("n deleted the view, or left the question open: %+v", views)
	}
	h.do(keys.DeleteView)
	h.typeText("y")
	if views, _ := h.store.SavedViews(); len(views) != 1 || views[0].Name != "inks" || !strings.Contains(top(), "9 ink") {
		t.Errorf("after delete: %+v, tabs %q", views, top())
	}
	// U takes the deletion back, says so, and touches nothing older (a
	// person note kept before stays).
	notes := func() int {
		n, _ := h.store.PersonNotes(2000000001)
		return len(n)
	}
	h.store.AddPersonNote(2000000001, "an older note", now, "")
	before := notes()
	h.do(keys.Back, keys.Undo)
	if views, _ := h.store.SavedViews(); len(views) != 2 || views[0].Name != "cart" || notes() != before || !strings.Contains(h.view(), "undone: deleted view cart") {
		t.Errorf("U after deleting a view: %+v, %d person notes (had %d)\n%s", views, notes(), before, h.view())
	}
}

// TestKeptSearchIsAQueue: in a kept search (a saved view), marks and
// triage act on the results' conversations, the rows show their status,
// and done moves on to the next conversation.
func TestKeptSearchIsAQueue(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Search)
	h.typeText("paper")
	h.do(keys.Open)
	hit := func() store.Hit {
		hit, _ := h.m.(Model).search.Selected()
		return hit
	}
	first := hit().Post.ConversationID
	h.do(keys.Mark)
	second := hit().Post.ConversationID
	if second == first {
		t.Fatal("marking did not move to the next conversation")
	}
	h.do(keys.Mark, keys.Done)
	for _, id := range []uint64{first, second} {
		if c := h.conv(id); c.Status != store.StatusDone {
			t.Errorf("conversation %d is %s after done on the marked", id, c.Status)
		}
	}
	if v := h.view(); !strings.Contains(v, "done   ") || strings.Contains(v, "✓ @") {
		t.Errorf("after done the rows should say done, unmarked:\n%s", v)
	}
	h.do(keys.Top, keys.Reopen) // on the first: reopened, the cursor stays
	if c := h.conv(first); c.Status != store.StatusOpen || hit().Post.ConversationID != first {
		t.Fatalf("reopen: %s, cursor on %d", c.Status, hit().Post.ConversationID)
	}
	h.do(keys.Done) // done moves on
	if c := h.conv(first); c.Status != store.StatusDone || hit().Post.ConversationID == first {
		t.Errorf("done on one: %s, cursor still on it: %v", c.Status, hit().Post.ConversationID == first)
	}
}
