package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
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

// TestTheStatusBarSaysLiveOrPollingAndWhy: nothing about a push until the
// poller says one is held; then "live since" its time, and when it
// drops, "polling", why, and when it is tried again.
func TestTheStatusBarSaysLiveOrPollingAndWhy(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 30})
	if strings.Contains(h.statusLine(), "live") {
		t.Errorf("no push asked, and the bar speaks of one: %q", h.statusLine())
	}
	since := now.Add(-time.Hour)
	h.send(eventMsg{event: listen.LiveState{Live: true, Since: since}})
	if want := "● live since " + since.Local().Format("15:04"); !strings.Contains(h.statusLine(), want) {
		t.Errorf("a held push: %q lacks %q", h.statusLine(), want)
	}
	h.send(eventMsg{event: listen.LiveState{Err: errors.New("X closed the activity stream"), Next: now.Add(4 * time.Second)}})
	if line := h.statusLine(); !strings.Contains(line, "polling, live again in 4s: X closed the activity stream") || strings.Contains(line, "live since") {
		t.Errorf("a dropped push: %q", line)
	}
}
