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
func measureHark(path string, qs []benchQuery, profile string, r *results) error {
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

	// The search itself (ids, as FTS5 returns rowids), then with the
	// results loaded and highlighted as the interface shows them.
	var times, textTimes, hitTimes []time.Duration
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
	}
	for _, q := range qs {
		n, err := search.Parse(q.hark)
		if err != nil {
			return fmt.Errorf("query %q: %v", q.hark, err)
		}
		t0 := time.Now()
		if _, err := st.SearchIDs(context.Background(), n, 0, 50, end); err != nil {
			return err
		}
		times = append(times, time.Since(t0))
		if q.fts != "" {
			textTimes = append(textTimes, times[len(times)-1])
		}
		t0 = time.Now()
		if _, err := st.Search(context.Background(), n, 0, 50, end); err != nil {
			return err
		}
		hitTimes = append(hitTimes, time.Since(t0))
	}
	pprof.StopCPUProfile()
	reportSlowest(qs, times)
	r.add("search_p50_ms", percentile(times, 0.50), "%.2f")
	r.add("search_p99_ms", percentile(times, 0.99), "%.2f")
	r.add("search_text_p50_ms", percentile(textTimes, 0.50), "%.2f") // the queries FTS5 runs too
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
// included, over a few screens of the inbox.
func keystroke(m tea.Model) float64 {
	const presses = 200
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	start := time.Now()
	for range presses {
		var cmd tea.Cmd
		m, cmd = m.Update(j)
		if cmd != nil {
			m, _ = m.Update(cmd())
		}
		_ = m.View()
	}
	return float64(time.Since(start).Microseconds()) / 1000 / presses
}

// reportSlowest tells on stderr which queries set the p99, so the next
// change knows where to look.
func reportSlowest(qs []benchQuery, times []time.Duration) {
	idx := make([]int, len(times))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(times[b], times[a]) })
	for _, i := range idx[:min(5, len(idx))] {
		fmt.Fprintf(os.Stderr, "  slow %8.2f ms  %s\n", float64(times[i].Microseconds())/1000, qs[i].hark)
	}
}
