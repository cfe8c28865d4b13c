package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/tui/layout"

	"github.com/charmbracelet/x/ansi"

	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
)

// paneSizes are the sizes each pane is drawn at alone.
var paneSizes = [][2]int{{80, 24}, {120, 40}}

// TestPaneGoldens draws each pane alone at 80×24 and 120×40, as bubbles
// tests its components: a pane's drawing changes only on purpose
// (go test ./tui -run TestPaneGoldens -update).
func TestPaneGoldens(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Down, keys.Open, keys.Reply)
	h.typeText("Glad it's sorted, María! The compass is restocked too.")
	m := h.m.(Model)
	thread, composer := m.thread, *m.composer
	h.do(keys.Send)
	h.do(keys.Outbox)
	outboxPane := h.m.(Model).outboxView
	h.do(keys.Back, keys.Customer)
	customerPane := h.m.(Model).customer
	status := h.m.(Model).status
	panes := map[string]common.Pane{
		"thread":   &thread,
		"composer": &composer,
		"outbox":   &outboxPane,
		"customer": &customerPane,
	}
	for name, p := range panes {
		for _, size := range paneSizes {
			p.SetFocus(true)
			p.SetSize(size[0], size[1])
			paneGolden(t, name, size, p.View())
		}
	}
	for _, size := range paneSizes {
		status.SetWidth(size[0])
		paneGolden(t, "statusbar", size, status.View())
	}
}

// paneGolden compares a pane's plain drawing with testdata/panes/.
func paneGolden(t *testing.T, name string, size [2]int, view string) {
	t.Helper()
	got := ansi.Strip(view)
	for i, l := range strings.Split(got, "\n") {
		if w := layout.Width(l); w > size[0] { // as the renderer counts cells
			t.Errorf("%s at %dx%d: line %d is %d wide", name, size[0], size[1], i, w)
		}
	}
	path := filepath.Join("testdata", "panes", name+"_"+itoa(size[0])+"x"+itoa(size[1])+".golden")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./tui -run TestPaneGoldens -update makes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
