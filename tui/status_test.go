package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
)

func (h *harness) statusLine() string {
	lines := strings.Split(h.view(), "\n")
	return lines[len(lines)-2]
}

// TestNoticesExpireErrorsStayUntilSeen: a notice goes when its time is
// up (a newer one stays); an error stays until a key is pressed once it
// has been on screen a moment.
func TestNoticesExpireErrorsStayUntilSeen(t *testing.T) {
	h := newHarness(t)
	clock := now
	h.m.(Model).common.Now = func() time.Time { return clock }
	h.do(keys.Done)
	first := h.m.(Model).status.NoticeSeq()
	h.do(keys.Done)
	h.send(noticeExpiredMsg{seq: first})
	if !strings.Contains(h.statusLine(), "done: 1 conversation") {
		t.Errorf("the newer notice went with the older's time: %q", h.statusLine())
	}
	h.send(noticeExpiredMsg{seq: h.m.(Model).status.NoticeSeq()})
	if strings.Contains(h.statusLine(), "done:") {
		t.Errorf("the notice did not expire: %q", h.statusLine())
	}
	h.send(common.ErrorMsg{Err: errors.New("the database is busy")})
	h.do(keys.Down)
	if !strings.Contains(h.statusLine(), "the database is busy") {
		t.Fatalf("a key at once cleared the error: %q", h.statusLine())
	}
	h.send(eventMsg{event: listen.State{Phase: listen.Idle, Next: clock.Add(time.Minute)}}) // the next poll tick
	if !strings.Contains(h.statusLine(), "the database is busy") {
		t.Fatalf("the poller's tick cleared the error: %q", h.statusLine())
	}
	clock = clock.Add(3 * time.Second)
	h.do(keys.Down)
	if strings.Contains(h.statusLine(), "busy") {
		t.Errorf("a key after the error was seen did not clear it: %q", h.statusLine())
	}
}

// TestUndoKeepsAHistory: undo takes back the triage actions one by one,
// newest first, and says which.
func TestUndoKeepsAHistory(t *testing.T) {
	h := newHarness(t)
	var ids []uint64
	for range 3 {
		ids = append(ids, h.selectedID())
		h.do(keys.Done) // each leaves the Inbox: the next comes under the cursor
	}
	for i := 2; i >= 0; i-- {
		h.do(keys.Undo)
		if c := h.conv(ids[i]); c.Status == store.StatusDone {
			t.Errorf("undo %d did not reopen %d", 3-i, ids[i])
		}
		if i > 0 && !strings.Contains(h.statusLine(), "undone: done: 1 conversation") {
			t.Errorf("undo says: %q", h.statusLine())
		}
		for _, earlier := range ids[:i] {
			if c := h.conv(earlier); c.Status != store.StatusDone {
				t.Errorf("undo %d took back more than one step", 3-i)
			}
		}
	}
	h.do(keys.Undo)
	if !strings.Contains(h.statusLine(), "nothing to undo") {
		t.Errorf("past the history: %q", h.statusLine())
	}
}
