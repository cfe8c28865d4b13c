package searchview

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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

// TestTypingCancelsTheRunningSearch starts a search, types on before it
// runs, and checks the first search finds its context done.
func TestTypingCancelsTheRunningSearch(t *testing.T) {
	c := withPost(t, "pe and pen")
	m := New(c)
	m.SetSize(80, 10)
	m.Open("")
	m, _ = m.Update(tea.KeyPressMsg{Code: 'p', Text: "p"})
	m, first := m.Update(debounceMsg{seq: 1})
	if first == nil {
		t.Fatal("the pause started no search")
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'e', Text: "e"})
	msg, ok := first().(resultsMsg)
	if !ok || !errors.Is(msg.err, context.Canceled) {
		t.Fatalf("the first search ran on: %+v", msg)
	}
	m, second := m.Update(debounceMsg{seq: 2})
	if got, ok := second().(resultsMsg); !ok || got.err != nil || len(got.hits) != 1 {
		t.Fatalf("the search for the query typed: %+v", got)
	}
}

// TestAResultShowsTheWordsItMatched: a result's row opens on the words
// the query matched (a little before them, cut at a word), not on the
// shop's handle a reply starts with.
func TestAResultShowsTheWordsItMatched(t *testing.T) {
	text := "@paperandpine @officemgr_sam hi, I ordered the notebooks last Tuesday and the compass is still missing from the box"
	at := strings.Index(text, "compass")
	got, marks := excerpt(text, [][2]int{{at, at + len("compass")}})
	if strings.HasPrefix(got, "@paperandpine") || !strings.HasPrefix(got, "…") || len(marks) != 1 || got[marks[0][0]:marks[0][1]] != "compass" {
		t.Errorf("excerpt = %q %v", got, marks)
	}
	if plain, _ := excerpt("@paperandpine where is my order?", nil); plain != "where is my order?" {
		t.Errorf("without marks: %q", plain)
	}
	if kept, m := excerpt("@paperandpine hello", [][2]int{{1, 13}}); !strings.HasPrefix(kept, "@paperandpine") || m[0] != [2]int{1, 13} {
		t.Errorf("a matched handle: %q %v", kept, m)
	}
}

// TestAWordThatIsATagPointsToIt: rows show a conversation's tags as
// #refund, and a word searches the posts' text: a query that is a tag's
// name says how many conversations carry the tag, and how to see them.
func TestAWordThatIsATagPointsToIt(t *testing.T) {
	c := withPost(t, "my pad came damaged")
	if _, err := c.Store.Tag([]uint64{10}, []string{"refund"}, nil); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]string{
		"refund":  "nothing matches · tag:refund for the 1 conversation tagged so",
		"damaged": "1 result, newest first",
	} {
		m := New(c)
		m.SetSize(100, 10)
		m.Open("")
		for _, r := range query {
			m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		m, cmd := m.Update(debounceMsg{seq: m.seq})
		if cmd == nil {
			t.Fatalf("%s: no search", query)
		}
		m, _ = m.Update(cmd())
		if v := ansi.Strip(m.View()); !strings.Contains(v, want) || query == "damaged" && strings.Contains(v, "tag:") {
			t.Errorf("%s:\n%s", query, v)
		}
	}
}

// withPost is a pane's Common over a store holding one post (id 10, its
// own conversation) by @ann with text.
func withPost(t *testing.T, text string) *common.Common {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p := model.Post{ID: 10, ConversationID: 10, AuthorID: 1, Text: text, CreatedAt: time.Unix(1_700_000_000, 0)}
	if _, err := st.Put(store.Batch{Posts: []model.Post{p}, Users: []model.User{{ID: 1, Username: "ann"}}}); err != nil {
		t.Fatal(err)
	}
	return &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st, Now: time.Now}
}
