package main

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// timing is one query's answers and times in both engines.
type timing struct {
	q        benchQuery
	hark     time.Duration
	fts      time.Duration // 0 when FTS5 does not run it
	harkIDs  []uint64
	ftsIDs   []uint64
	compared bool
}

// median3 runs fn three times and keeps the middle time and the last
// answer, as both engines are timed.
func median3(fn func() ([]uint64, error)) ([]uint64, time.Duration, error) {
	var ds []time.Duration
	var ids []uint64
	for range 3 {
		t0 := time.Now()
		var err error
		if ids, err = fn(); err != nil {
			return nil, 0, err
		}
		ds = append(ds, time.Since(t0))
	}
	slices.Sort(ds)
	return ids, ds[1], nil
}

// compareRows prints the rows (hark and FTS5 side by side) and adds the
// summary measures.
func compareRows(ts []timing, r *results) {
	fmt.Fprintf(os.Stderr, "\n  %-12s %3s | %8s %8s %8s | %8s %8s %8s | %s\n", "row", "n", "p50", "p99", "max", "fts p50", "fts p99", "fts max", "compared/mismatch")
	var all, text, ftsText, phrases, ftsPhrases []time.Duration
	mismatch := 0
	for _, row := range append(slices.Clip(rows), realRows...) {
		var h, f []time.Duration
		compared, bad := 0, 0
		for _, t := range ts {
			if t.q.row != row {
				continue
			}
			h = append(h, t.hark)
			if t.q.fts != "" {
				f = append(f, t.fts)
			}
			if !isReal(row) { // the real rows have figures of their own: realFigures
				all = append(all, t.hark)
				if t.q.fts != "" {
					text, ftsText = append(text, t.hark), append(ftsText, t.fts)
				}
			}
			if row == "phrase" || row == "adversarial" {
				phrases, ftsPhrases = append(phrases, t.hark), append(ftsPhrases, t.fts)
			}
			if t.compared {
				compared++
				if !slices.Equal(t.harkIDs, t.ftsIDs) {
					bad++
					fmt.Fprintf(os.Stderr, "  mismatch %q: hark %d ids, fts5 %d\n", t.q.hark, len(t.harkIDs), len(t.ftsIDs))
				}
			}
		}
		mismatch += bad
		fmt.Fprintf(os.Stderr, "  %-12s %3d | %8.2f %8.2f %8.2f | %8s %8s %8s | %d/%d\n", row, len(h),
			percentile(h, .5), percentile(h, .99), percentile(h, 1), ms(f, .5), ms(f, .99), ms(f, 1), compared, bad)
	}
	r.add("search_p50_ms", percentile(all, .5), "%.2f")
	r.add("search_p99_ms", percentile(all, .99), "%.2f")
	r.add("search_text_p50_ms", percentile(text, .5), "%.2f")
	r.add("search_text_p99_ms", percentile(text, .99), "%.2f")
	r.add("fts5_p50_ms", percentile(ftsText, .5), "%.2f")
	r.add("fts5_p99_ms", percentile(ftsText, .99), "%.2f")
	r.add("phrase_max_ms", percentile(phrases, 1), "%.2f")
	r.add("fts5_phrase_max_ms", percentile(ftsPhrases, 1), "%.2f")
	r.add("id_mismatch", float64(mismatch), "%.0f")
	realFigures(ts, r)
}

// ms is a percentile as text, "-" for none.
func ms(ds []time.Duration, p float64) string {
	if len(ds) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", percentile(ds, p))
}

func isReal(row string) bool { return strings.HasPrefix(row, "r:") }

// realFigures are the headline: the realistic queries (the bench's own,
// or -queryfile's), hark beside FTS5 on the queries FTS5 can say, with
// and without phrases that name the shop's handle (which opens nearly
// every mention: the slowest phrases of both engines).
func realFigures(ts []timing, r *results) {
	var h, f, hNo, fNo []time.Duration
	for _, t := range ts {
		if !isReal(t.q.row) || t.q.fts == "" {
			continue
		}
		h, f = append(h, t.hark), append(f, t.fts)
		if !strings.Contains(t.q.hark, "@"+shop.Username) {
			hNo, fNo = append(hNo, t.hark), append(fNo, t.fts)
		}
	}
	if len(h) == 0 {
		return
	}
	r.add("search_real_p50_ms", percentile(h, .5), "%.3f")
	r.add("search_real_p99_ms", percentile(h, .99), "%.2f")
	r.add("fts5_real_p50_ms", percentile(f, .5), "%.3f")
	r.add("fts5_real_p99_ms", percentile(f, .99), "%.2f")
	r.add("search_real_nohandle_p99_ms", percentile(hNo, .99), "%.2f")
	r.add("fts5_real_nohandle_p99_ms", percentile(fNo, .99), "%.2f")
	if p := percentile(f, .99); p > 0 {
		r.add("real_p99_ratio", percentile(h, .99)/p, "%.2f")
	}
}

// listSlowest writes the n slowest realistic queries to stderr, slowest
// first, with FTS5's time for the same query: what sets the tail.
func listSlowest(ts []timing, n int) {
	var real []timing
	for _, t := range ts {
		if isReal(t.q.row) {
			real = append(real, t)
		}
	}
	slices.SortFunc(real, func(a, b timing) int { return cmp.Compare(b.hark, a.hark) })
	for _, t := range real[:min(n, len(real))] {
		fmt.Fprintf(os.Stderr, "slow: %-12s hark %6.2f ms  fts5 %6.2f ms  %s\n", t.q.row, t.hark.Seconds()*1000, t.fts.Seconds()*1000, t.q.hark)
	}
}
