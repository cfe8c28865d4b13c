package searchview

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
)

// TestStaleResultsAreDropped types two queries and delivers the first
// one's answer last: it must not replace the second's.
func TestStaleResultsAreDropped(t *testing.T) {
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default()}
	m := New(c)
	m.SetSize(80, 10)
	m.Open("")
	for _, r := range "ab" {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	fresh := store.Hit{Post: model.Post{ID: 2, Text: "ab"}}
	stale := store.Hit{Post: model.Post{ID: 1, Text: "a"}}
	m, _ = m.Update(resultsMsg{seq: 2, hits: []store.Hit{fresh}})
	m, _ = m.Update(resultsMsg{seq: 1, hits: []store.Hit{stale}})
	if got, _ := m.Selected(); got.Post.ID != 2 {
		t.Errorf("shown %+v, want the answer to the latest query", got.Post)
	}
	// A debounce for an older query runs nothing.
	if _, cmd := m.Update(debounceMsg{seq: 1}); cmd != nil {
		t.Error("an old debounce started a search")
	}
}
