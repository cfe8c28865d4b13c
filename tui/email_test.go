package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/handoff"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/twitter/xfake"
)

// newEmailHarness is a harness whose E saves transcripts in dir.
func newEmailHarness(t *testing.T) (*harness, string) {
	h := newHarness(t)
	dir := t.TempDir()
	h.m.(Model).common.ToEmail = func(ctx context.Context, id uint64) (string, store.Undo, error) {
		return handoff.Run(ctx, h.store, id, xfake.ShopAccount, handoff.Options{Destination: handoff.Destination{Dir: dir}, Now: now})
	}
	return h, dir
}

// TestEHandsTheConversationOffToEmail: E writes the transcript, says
// where, notes it, and a DM asking for the customer's address waits in
// the composer; the status is left until that DM leaves: discarding it
// leaves the conversation open in the Inbox, and U takes the note back,
// saying so.
func TestEHandsTheConversationOffToEmail(t *testing.T) {
	h, dir := newEmailHarness(t)
	h.do(keys.Open)
	conv := h.shownID()
	h.do(keys.ToEmail)
	v := h.view()
	if !strings.Contains(v, "handed off to e-mail: saved in /") || !strings.Contains(v, "Could you send us your e-mail address") || !strings.Contains(v, "DM to @") {
		t.Fatalf("after E:\n%s", v)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.eml")); len(files) != 1 {
		t.Errorf("%d .eml files", len(files))
	}
	if c := h.conv(conv); c.Status != store.StatusOpen {
		t.Errorf("the conversation is %s before anything reached the customer", c.Status)
	}
	notes, _ := h.store.Notes(conv)
	h.press("ctrl+x") // the DM discarded
	h.press("esc")
	if c := h.conv(conv); c.Status != store.StatusOpen || !c.In(store.ViewInbox) {
		t.Errorf("after discarding the DM: %s, in the Inbox %v", c.Status, c.In(store.ViewInbox))
	}
	h.do(keys.Undo)
	if after, _ := h.store.Notes(conv); len(after) != len(notes)-1 {
		t.Errorf("U left %d notes of %d", len(after), len(notes))
	}
	if v := h.view(); !strings.Contains(v, "undone: the hand-off's note") {
		t.Errorf("U does not say what it undid:\n%s", v)
	}
}

// TestEThenSendMovesTheThreadOnWithTheCursor: once the DM asking for the
// address goes, the conversation leaves the Inbox and the thread shows
// the row the cursor moved to, not the one handed off.
func TestEThenSendMovesTheThreadOnWithTheCursor(t *testing.T) {
	h, _ := newEmailHarness(t)
	h.do(keys.Open)
	conv := h.shownID()
	h.do(keys.ToEmail, keys.Send)
	h.deliver()
	if c := h.conv(conv); c.In(store.ViewInbox) {
		t.Fatalf("after the DM left the conversation is %s, still in the Inbox", c.Status)
	}
	if shown, under := h.shownID(), h.selectedID(); shown != under || shown == conv {
		t.Errorf("the thread shows %d, the cursor is on %d (handed off: %d)", shown, under, conv)
	}
}
