package render

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/report"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fortnight is a report whose figures are set by hand: two weeks, a
// quiet weekend, a slow Monday.
func fortnight() report.Report {
	from := time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)
	r := report.Report{
		From: from, To: from.AddDate(0, 0, 14),
		Conversations: 42, Answered: 38, Unanswered: 4,
		FirstP50: report.Of(12 * time.Minute), FirstP90: report.Of(2*time.Hour + 5*time.Minute),
		FirstBizP50: report.Of(10 * time.Minute), FirstBizP90: report.Of(time.Hour),
		WithinTarget: 72, Target: report.Of(time.Hour), DoneP50: report.Of(26 * time.Hour),
		OpenNow: 5, OldestWaiting: report.Of(3*time.Hour + 12*time.Minute),
		Longest:       []report.Wait{{Conv: 1, For: report.Of(3*time.Hour + 12*time.Minute)}, {Conv: 2, For: report.Of(40 * time.Minute)}},
		PublicReplies: 51, DMsSent: 12,
		Tags: []report.Tag{{Name: "refund", Conversations: 9, Answered: 8, FirstP50: report.Of(40 * time.Minute)}, {Name: "shipping", Conversations: 4, Answered: 4, FirstP50: report.Of(time.Hour)}},
	}
	for i := range 14 {
		d := report.Day{Date: from.AddDate(0, 0, i).Format(time.DateOnly), Mentions: 3 + i%5, Heard: i % 3, DMs: i % 2, Replies: 3, FirstP50: report.Of(time.Duration(5+i*3) * time.Minute)}
		if i%7 >= 5 {
			d = report.Day{Date: d.Date} // the weekend
		}
		if i == 7 {
			d.FirstP50 = report.Of(3 * time.Hour)
		}
		r.Mentions, r.Heard, r.DMs = r.Mentions+d.Mentions, r.Heard+d.Heard, r.DMs+d.DMs
		r.Days = append(r.Days, d)
	}
	return r
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./report/render -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

// TestPageGolden is the text 'hark report' prints to a pipe: no colour,
// 80 columns.
func TestPageGolden(t *testing.T) {
	hours, _ := report.ParseHours("mon-fri 09:00-17:30", time.UTC)
	names := map[uint64]report.Waiter{
		1: {Who: "@angry_al", Words: "where is my refund? it has been a week"},
		2: {Who: "@maria_k", Words: "where is my refund? it has been a week"},
	}
	got := Page(fortnight(), HoursText(hours), 80, names, Styles{})
	for i, line := range strings.Split(got, "\n") {
		if w := len([]rune(line)); w > 80 {
			t.Errorf("line %d is %d wide: %q", i+1, w, line)
		}
	}
	if strings.Contains(got, "\x1b") {
		t.Error("plain styles drew escape codes")
	}
	golden(t, "page", got)
}
