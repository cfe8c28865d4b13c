package inbox

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/layout"
	"github.com/harkhq/hark/tui/styles"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestRowsOfEveryScriptKeepTheirColumns: rows holding CJK, Devanagari,
// combining marks, an emoji ZWJ sequence, a flag, Arabic and a kaomoji
// are each exactly as wide as the pane, measured as the terminal draws
// them (by wcwidth, as tmux does), so the age column stays in line, and
// the rows match a golden; the ages of old posts are dates that fit.
func TestRowsOfEveryScriptKeepTheirColumns(t *testing.T) {
	st := harktest.Store(t)
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	texts := []string{"日本語の注文がまだ届きません", "चोट्टे लोग हो तुम, पैसा वापस करो", "café naïve é\u0301 combining", "👨\u200d👩\u200d👧 family order", "🇯🇵🇬🇧 flags shipped", "نص عربي عن الطلب", "(´ω`) shobon still waiting"}
	var posts []model.Post
	var users []model.User
	for i, text := range texts {
		u := model.User{ID: uint64(10 + i), Username: "user" + itoa(i)}
		id := uint64(100 + i)
		users = append(users, u)
		posts = append(posts, model.Post{ID: id, ConversationID: id, AuthorID: u.ID, Kind: model.Mention, Text: text, CreatedAt: t0.Add(time.Duration(i) * 24 * time.Hour)})
	}
	if _, err := st.Put(store.Batch{Posts: posts, Users: users}); err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st, Account: model.User{Username: "shop"},
		Now: func() time.Time { return t0.Add(30 * 24 * time.Hour) }}
	m := New(c)
	m.SetSize(80, 10)
	m.SetFocus(true)
	m = step(m, m.Init())
	view := ansi.Strip(m.View())
	for _, l := range strings.Split(view, "\n") {
		if w := layout.Width(l); w != 80 {
			t.Errorf("a row %d cells wide, not 80: %q", w, l)
		}
	}
	golden := filepath.Join("testdata", "scripts.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(golden, []byte(view), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil || string(want) != view {
		t.Errorf("rows differ from %s (%v):\n%s", golden, err, view)
	}
}
