package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/report/render"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/styles"
)

func newReport(e *env) *cobra.Command {
	var since, from, to, format string
	cmd := &cobra.Command{
		Use:   "report",
		Short: "How well the shop answers: conversations, first responses, backlog, volume by day",
		Long: "Reports on a period (the last 30 days by default, or --from DATE --to DATE, both days\n" +
			"included, in [service] timezone): conversations customers began, answered and never\n" +
			"answered; first-response time p50 and p90, in all hours and in business hours ([service]\n" +
			"hours); the share answered within [service] target; time to done; the backlog now and the\n" +
			"longest waits; posts in by kind and day; public replies against DMs; by tag.\n" +
			"text draws the charts in Unicode blocks (colour only on a terminal); json is one object;\n" +
			"csv is one row per day.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" && format != "csv" {
				return fmt.Errorf("--format %q: use text, json or csv", format)
			}
			now := time.Now()
			start, end, err := period(since, from, to, now, e.service.Hours.Loc)
			if err != nil {
				return err
			}
			return e.withStore(func(st *store.Store) error {
				r, err := report.FromStore(cmd.Context(), st, e.service, start, end, now)
				if err != nil {
					return err
				}
				return writeReport(cmd.OutOrStdout(), st, r, format, e.service.Hours, e.tty.out)
			})
		},
	}
	cmd.Flags().StringVar(&since, "since", "30d", "the period up to now: 24h, 7d, 30d, 2w…")
	cmd.Flags().StringVar(&from, "from", "", "the first day (YYYY-MM-DD), with --to")
	cmd.Flags().StringVar(&to, "to", "", "the last day (YYYY-MM-DD), with --from")
	cmd.Flags().StringVar(&format, "format", "text", "text, json or csv")
	return cmd
}

// period reads --since, or --from and --to (whole days in loc).
func period(since, from, to string, now time.Time, loc *time.Location) (time.Time, time.Time, error) {
	if loc == nil {
		loc = time.Local
	}
	if from == "" && to == "" {
		d, ok := search.SinceDuration(since)
		if !ok {
			return time.Time{}, time.Time{}, fmt.Errorf("--since %q: use a span like 24h, 7d, 30d or 2w", since)
		}
		return now.Add(-d), report.Through(now), nil
	}
	if from == "" || to == "" {
		return time.Time{}, time.Time{}, fmt.Errorf("--from and --to go together")
	}
	a, errA := time.ParseInLocation(time.DateOnly, from, loc)
	b, errB := time.ParseInLocation(time.DateOnly, to, loc)
	switch {
	case errA != nil:
		return time.Time{}, time.Time{}, fmt.Errorf("--from %q: use YYYY-MM-DD", from)
	case errB != nil:
		return time.Time{}, time.Time{}, fmt.Errorf("--to %q: use YYYY-MM-DD", to)
	case b.Before(a):
		return time.Time{}, time.Time{}, fmt.Errorf("--to %s is before --from %s", to, from)
	case b.Sub(a) > 366*24*time.Hour:
		return time.Time{}, time.Time{}, fmt.Errorf("--from %s --to %s: a report covers a year at most", from, to)
	}
	return a, b.AddDate(0, 0, 1), nil
}

// writeReport writes r in format; text is coloured on a terminal only.
func writeReport(w io.Writer, st *store.Store, r report.Report, format string, hours report.Hours, tty bool) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "csv":
		return reportCSV(w, r)
	}
	var sty render.Styles
	if tty {
		sty = styles.Default().Report
	}
	_, err := fmt.Fprint(w, render.Page(r, render.HoursText(hours), 80, report.Waiters(st, r.Longest), sty))
	return err
}

// reportCSV writes one row per day.
func reportCSV(w io.Writer, r report.Report) error {
	c := csv.NewWriter(w)
	_ = c.Write([]string{"date", "mentions", "heard", "dms", "replies", "dms_sent", "answered", "first_response_p50_s"})
	for _, d := range r.Days {
		_ = c.Write([]string{d.Date, strconv.Itoa(d.Mentions), strconv.Itoa(d.Heard), strconv.Itoa(d.DMs), strconv.Itoa(d.Replies),
			strconv.Itoa(d.DMsSent), strconv.Itoa(d.Answered), strconv.FormatInt(int64(d.FirstP50), 10)})
	}
	c.Flush()
	return c.Error()
}
