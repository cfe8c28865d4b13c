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

// TestEHandsTheConversationOffToEmail: E writes the transcript, says
// where, the conversation waits with a note, and a DM asking for the
// customer's address waits in the composer.
func TestEHandsTheConversationOffToEmail(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	h.m.(Model).common.ToEmail = func(ctx context.Context, id uint64) (string, error) {
		return handoff.Run(ctx, h.store, id, xfake.ShopAccount, handoff.Options{Destination: handoff.Destination{Dir: dir}, Now: now})
	}
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
	if c := h.conv(conv); c.Status != store.StatusWaiting {
		t.Errorf("the conversation is %s", c.Status)
	}
}
