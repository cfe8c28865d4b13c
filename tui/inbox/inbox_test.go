package inbox

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
)

const conversations = 500

// newInbox fills a store with conversations whose newest post says its
// rank ("c1" is the newest) and returns a 10-row inbox over it.
func newInbox(t *testing.T) Model {
	t.Helper()
	st := harktest.Store(t)
	ann := model.User{ID: 7, Username: "ann"}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var posts []model.Post
	for i := 1; i <= conversations; i++ {
		id := uint64(conversations - i + 1)
		posts = append(posts, model.Post{ID: id, ConversationID: id, AuthorID: ann.ID, Kind: model.Mention,
			Text: "c" + itoa(i), CreatedAt: t0.Add(time.Duration(id) * time.Minute)})
	}
	if _, err := st.Put(store.Batch{Posts: posts, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st, Account: model.User{Username: "shop"},
		Now: func() time.Time { return t0.Add(1000 * time.Minute) }}
	m := New(c)
	m.SetSize(60, 10)
	m.SetFocus(true)
	return step(m, m.Init())
}

// step feeds a command's result back, as the runtime would.
func step(m Model, cmd tea.Cmd) Model {
	for cmd != nil {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				m = step(m, c)
			}
			return m
		}
		m, cmd = m.Update(msg)
	}
	return m
}

func press(m Model, k tea.KeyPressMsg) Model {
	m, cmd := m.Update(k)
	return step(m, cmd)
}

var (
	down      = tea.KeyPressMsg{Code: 'j', Text: "j"}
	up        = tea.KeyPressMsg{Code: 'k', Text: "k"}
	keyBottom = tea.KeyPressMsg{Code: 'G', Text: "G"}
	keyTop    = tea.KeyPressMsg{Code: 'g', Text: "g"}
	pageDown  = tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	pageUp    = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
)

func selected(t *testing.T, m Model) string {
	t.Helper()
	row, ok := m.Selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	if len(m.rows) > m.height {
		t.Fatalf("the inbox holds %d rows for a %d-row window", len(m.rows), m.height)
	}
	return row.Last.Text
}

func TestInboxScrollsThroughTheStore(t *testing.T) {
	m := newInbox(t)
	if got := selected(t, m); got != "c1" {
		t.Fatalf("start at %s", got)
	}
	for range 25 {
		m = press(m, down)
	}
	if got := selected(t, m); got != "c26" {
		t.Errorf("25 down: %s, want c26", got)
	}
	if !strings.Contains(m.View(), "c26") || strings.Contains(m.View(), "c16 ") {
		t.Errorf("window does not follow the cursor:\n%s", m.View())
	}
	for range 20 {
		m = press(m, up)
	}
	if got := selected(t, m); got != "c6" {
		t.Errorf("20 up: %s, want c6", got)
	}
	m = press(m, keyBottom)
	if got := selected(t, m); got != "c500" {
		t.Errorf("G: %s", got)
	}
	m = press(m, down)
	if got := selected(t, m); got != "c500" {
		t.Errorf("down past the end: %s", got)
	}
	m = press(m, pageUp)
	if got := selected(t, m); got != "c490" {
		t.Errorf("page up from the end: %s, want c490", got)
	}
	m = press(m, keyTop)
	m = press(m, pageDown)
	if got := selected(t, m); got != "c11" {
		t.Errorf("page down from the top: %s, want c11", got)
	}
	for range 11 {
		m = press(m, up)
	}
	if got := selected(t, m); got != "c1" || !m.atTop {
		t.Errorf("back up: %s (at top %v)", got, m.atTop)
	}
}

func TestEmptyInboxSaysWhatWillAppear(t *testing.T) {
	st := harktest.Store(t)
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st, Account: model.User{Username: "shop"}, Now: time.Now}
	m := New(c)
	m.SetSize(80, 5)
	m = step(m, m.Init())
	if !strings.Contains(m.View(), "Inbox zero") {
		t.Errorf("empty inbox:\n%s", m.View())
	}
	m = press(m, down)
	m = press(m, tea.KeyPressMsg{Code: tea.KeyEnter})
}

func TestSnippetDropsLeadingMentions(t *testing.T) {
	for in, want := range map[string]string{
		"@shop @ann where is it?": "where is it?",
		"hi @shop":                "hi @shop",
		"@shop":                   "@shop",
		"@shop\nline two":         "line two",
	} {
		if got := snippetOf(in); got != want {
			t.Errorf("snippetOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A page that cannot be read is reported, not dropped, and the rows on
// screen stay.
func TestFailedLoadIsReported(t *testing.T) {
	m := newInbox(t)
	m.common.Store.Close()
	m, cmd := m.Update(keyBottom)
	m, cmd = m.Update(cmd())
	if cmd == nil {
		t.Fatal("a failed load was dropped")
	}
	if msg, ok := cmd().(common.ErrorMsg); !ok || msg.Err == nil {
		t.Fatalf("a failed load gave %#v", cmd())
	}
	if len(m.rows) != 10 {
		t.Errorf("%d rows left on screen", len(m.rows))
	}
}

// A page asked for at the old height and answered after a resize's
// reload is dropped: reopened hark showed one conversation where twenty
// fit, while the tab counted seventeen.
func TestALateFirstPageDoesNotShrinkTheList(t *testing.T) {
	m := newInbox(t)
	m.SetSize(60, 1)
	first := m.Init()
	m.SetSize(60, 20)
	reload := m.Reload()
	m, _ = m.Update(reload())
	m, _ = m.Update(first()) // the first answer, late
	if n := strings.Count(m.View(), "\n") + 1; n != 20 || !strings.Contains(m.View(), "c20") {
		t.Fatalf("%d rows after a late first page:\n%s", n, m.View())
	}
}

// TestGrowingTheWindowShowsMoreRows: at the bottom of the list, a taller
// window fills with the rows above, instead of leaving room empty.
func TestGrowingTheWindowShowsMoreRows(t *testing.T) {
	m := newInbox(t)
	m = press(m, keyBottom)
	m.SetSize(60, 30)
	m = step(m, m.Reload())
	if len(m.rows) != 30 || m.rows[29].Last.Text != "c500" {
		t.Fatalf("a 30-row window holds %d rows, the last %q", len(m.rows), m.rows[len(m.rows)-1].Last.Text)
	}
	if got := selected(t, m); got != "c500" {
		t.Errorf("the cursor left its row: %s", got)
	}
}
