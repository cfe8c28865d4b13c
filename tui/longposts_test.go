package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/drive"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// BenchmarkKeyInAThreadOfLongestPosts is the TUI at its worst case of
// stored text: a conversation of 100 posts each at X's longest (25,000
// characters, where the twitter package cuts longer ones), open at
// 120×40. Each op is one key (j or k) through Update and View. The
// brief's target is 50 ms a key.
func BenchmarkKeyInAThreadOfLongestPosts(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "hark.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ann := model.User{ID: 2, Username: "ann", Name: "Ann"}
	long := strings.Repeat("the basket came back empty again, ", twitter.MaxPostChars/34)
	var posts []model.Post
	for i := range 100 {
		at := now.Add(time.Duration(i-100) * time.Minute)
		p := model.Post{ID: model.SnowflakeID(at, 0), ConversationID: model.SnowflakeID(now.Add(-100*time.Minute), 0), AuthorID: ann.ID,
			Text: "@" + xfake.ShopAccount.Username + " " + long, CreatedAt: at, Kind: model.Mention}
		posts = append(posts, p)
	}
	if _, err := st.Put(store.Batch{Posts: posts, Users: []model.User{ann}}); err != nil {
		b.Fatal(err)
	}
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st, Account: xfake.ShopAccount,
		Now: func() time.Time { return now }, UndoWindow: 10 * time.Second, HourlyLimit: config.DefaultHourlyLimit}
	var m tea.Model = New(c, Sources{})
	m = drive.Run(m, m.Init(), 300*time.Millisecond)
	press := func(msg tea.Msg) {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m = drive.Run(m, cmd, 300*time.Millisecond)
		_ = m.View()
	}
	press(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(keyMsg("enter"))
	if !strings.Contains(m.View().Content, "the basket came back") {
		b.Fatal("the thread did not open")
	}
	b.ResetTimer()
	for i := range b.N {
		press(keyMsg([]string{"j", "k"}[i%2]))
	}
}
