package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/tui/keys"
)

// TestReportView: P shows the service report over the whole window, as a
// tab, at 80×24 and 120×40; enter opens the longest wait's conversation;
// esc goes back; the report follows new posts.
func TestReportView(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Down, keys.Open, keys.Reply)
	h.typeText("Glad it's sorted, María!")
	h.do(keys.Send)
	h.deliver()
	h.do(keys.Back)
	for _, size := range paneSizes {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		h.do(keys.Report)
		v := h.view()
		if !strings.Contains(v, "P Report") && !strings.Contains(v, "P Rep") {
			t.Errorf("no Report tab at %dx%d:\n%s", size[0], size[1], v)
		}
		if lines := strings.Split(v, "\n"); len(lines) != size[1] {
			t.Errorf("%d lines at %dx%d", len(lines), size[0], size[1])
		}
		paneGolden(t, "report", size, v)
		h.do(keys.Back)
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.do(keys.Report)
	if v := h.view(); !strings.Contains(v, "20 conversations · 3 answered") || !strings.Contains(v, "longest waits now") {
		t.Fatalf("the report:\n%s", v)
	}
	h.do(keys.Open) // the longest wait
	if v := h.view(); !strings.Contains(v, "@lena_draws · Lena Fischer") || h.m.(Model).screen.reporting {
		t.Errorf("enter on the longest wait:\n%s", v)
	}
	h.do(keys.Back) // esc goes back where enter came from: the Report
	if !h.m.(Model).screen.reporting {
		t.Errorf("esc after enter from the Report did not go back to it:\n%s", h.view())
	}
	h.do(keys.Back)
	h.do(keys.Report)
	h.arrive(model.SnowflakeID(now, 999), "@paperandpine hello? is anyone there?") // an id of its time, as X's are
	if v := h.view(); !strings.Contains(v, "21 conversations") {
		t.Errorf("the report did not follow a new post:\n%s", v)
	}
}

// TestReportCursorStaysOnRowsDrawn: at 80×24 the page has room for a few
// of the longest waits; j past the last one drawn leaves the cursor on
// it (it went onto rows not drawn, so enter opened one never shown).
func TestReportCursorStaysOnRowsDrawn(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.do(keys.Report)
	for range 12 {
		h.do(keys.Down)
	}
	r := h.m.(Model).reportView
	if r.WaitsShown() == 0 || r.Cursor() != r.WaitsShown()-1 {
		t.Errorf("cursor on wait %d, %d drawn", r.Cursor(), r.WaitsShown())
	}
}
