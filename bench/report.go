package main

import (
	"context"
	"time"

	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/store"
)

// measureReport times the service report as 'hark report' makes it: the
// last 30 days of the history (report_ms, what the Report view and the
// default command read), and the whole history at once (report_all_ms:
// every post's stamp read), each the best of three runs. No peer: SQLite
// is not asked for this report.
func measureReport(path string, r *results) error {
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	settings := report.Settings{Target: time.Hour, Hours: report.Hours{Loc: time.UTC}}
	for _, run := range []struct {
		name string
		from time.Time
	}{
		{"report_ms", end.Add(-30 * 24 * time.Hour)},
		{"report_all_ms", end.AddDate(-3, 0, -1)},
	} {
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			if _, err := report.FromStore(context.Background(), st, settings, run.from, report.Through(end), end); err != nil {
				return err
			}
			best = min(best, time.Since(start))
		}
		r.add(run.name, float64(best.Microseconds())/1000, "%.1f")
	}
	return nil
}
