package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/drive"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
)

var (
	shop = model.User{ID: 1, Username: "paperandpine", Name: "Paper & Pine"}
	end  = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
)

func generate(n int) corpus.Corpus {
	start := time.Now()
	c := corpus.Generate(corpus.Options{Seed: 42, Posts: n, Users: max(50, n/40), Account: shop, End: end, Span: 3 * 365 * 24 * time.Hour})
	fmt.Fprintf(os.Stderr, "generated %d posts in %v\n", n, time.Since(start).Round(time.Millisecond))
	return c
}

// ingest stores the corpus a 100-post page per transaction, durably, as
// the poller does, tags some conversations, and measures the file.
func ingest(path string, c corpus.Corpus, r *results) error {
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	if err := st.SetAccount(shop); err != nil {
		return err
	}
	if _, err := st.Put(store.Batch{Users: c.Users}); err != nil {
		return err
	}
	quietDisk()
	start := time.Now()
	for i := 0; i < len(c.Posts); i += 100 {
		if _, err := st.Put(store.Batch{Posts: c.Posts[i:min(i+100, len(c.Posts))]}); err != nil {
			return err
		}
	}
	took := time.Since(start)
	r.add("ingest_posts_per_s", float64(len(c.Posts))/took.Seconds(), "%.0f")
	var tagged []uint64
	for i := 0; i < len(c.Posts); i += 97 {
		tagged = append(tagged, c.Posts[i].ConversationID)
	}
	if _, err := st.Tag(tagged, []string{"refund"}, nil); err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	r.add("bytes_per_post", float64(info.Size())/float64(len(c.Posts)), "%.0f")
	return nil
}

// measureHark times opening to the first screen, the queries, the heap
// and a keystroke.
func measureHark(path string, ts []timing, profile string, r *results) error {
	runtime.GC()
	start := time.Now()
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := firstScreen(st)
	if err != nil {
		return err
	}
	r.add("open_first_screen_ms", float64(time.Since(start).Microseconds())/1000, "%.1f")

	// The search itself (ids, as FTS5 returns rowids; parse included),
	// then with the results loaded and highlighted as the interface
	// shows them.
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
	}
	var hitTimes []time.Duration
	for i := range ts {
		q := ts[i].q.hark
		ids, took, err := median3(func() ([]uint64, error) {
			n, err := search.Parse(q)
			if err != nil {
				return nil, fmt.Errorf("query %q: %v", q, err)
			}
			return st.SearchIDs(context.Background(), n, 0, 50, end)
		})
		if err != nil {
			return err
		}
		ts[i].harkIDs, ts[i].hark = ids, took
		n, _ := search.Parse(q)
		t0 := time.Now()
		if _, err := st.Search(context.Background(), n, 0, 50, end); err != nil {
			return err
		}
		hitTimes = append(hitTimes, time.Since(t0))
	}
	pprof.StopCPUProfile()
	reportSlowest(ts)
	compareRows(ts, r)
	r.add("search_hits_p50_ms", percentile(hitTimes, 0.50), "%.2f")
	r.add("search_hits_p99_ms", percentile(hitTimes, 0.99), "%.2f")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.add("heap_mb", float64(ms.HeapAlloc)/(1<<20), "%.1f")
	r.add("keystroke_ms", keystroke(m), "%.3f")
	return nil
}

// firstScreen builds the TUI on the store at 120×40 and draws it once.
func firstScreen(st *store.Store) (tea.Model, error) {
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st, Account: shop, Now: func() time.Time { return end }}
	var m tea.Model = tui.New(c, tui.Sources{})
	m = drive.Run(m, m.Init(), 50*time.Millisecond)
	m, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive.Run(m, cmd, 50*time.Millisecond)
	if m.View().Content == "" {
		return nil, fmt.Errorf("an empty first screen")
	}
	return m, nil
}

// keystroke is the mean time of Update and View for j, page loads
// included, over a few screens of the inbox. The commands a key starts
// run as the runtime runs them (drive.Run: batches opened, the page's
// answer fed back), so a page load at the window's edge is in the time;
// fed only the command's own message, a batch's loads never landed and
// the keys after them were held for a page that never came (they cost
// nothing, and the figure flattered).
func keystroke(m tea.Model) float64 {
	const presses = 200
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	start := time.Now()
	for range presses {
		var cmd tea.Cmd
		m, cmd = m.Update(j)
		m = drive.Run(m, cmd, 20*time.Millisecond)
		_ = m.View()
	}
	return float64(time.Since(start).Microseconds()) / 1000 / presses
}

// reportSlowest tells on stderr which queries set the p99, so the next
// change knows where to look.
func reportSlowest(ts []timing) {
	byTime := slices.Clone(ts)
	slices.SortFunc(byTime, func(a, b timing) int { return cmp.Compare(b.hark, a.hark) })
	for _, t := range byTime[:min(5, len(byTime))] {
		fmt.Fprintf(os.Stderr, "  slow %8.2f ms  %s (fts5 %.2f ms)\n", float64(t.hark.Microseconds())/1000, t.q.hark, float64(t.fts.Microseconds())/1000)
	}
}
