// Package render draws a service report as text: its figures, daily
// volume as stacked bars by kind, the daily median first response as a
// sparkline against the target, the share within target as a gauge, and
// the longest waits. The inbox's Report view and 'hark report' draw the
// same page; the charts are NimbleMarkets' ntcharts (Bubble Tea v2).
package render

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/NimbleMarkets/ntcharts/v2/barchart"
	"github.com/NimbleMarkets/ntcharts/v2/sparkline"
	"github.com/charmbracelet/x/ansi"

	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/when"
)

// Styles colour the page; the zero Styles draws it plain (for a pipe).
type Styles struct {
	Title, Dim, Warn, Good lipgloss.Style
	// Mentions, Heard and DMs colour the volume bars' parts.
	Mentions, Heard, DMs lipgloss.Style
	Spark                lipgloss.Style
}

// Figures are the report's numbers, a line each, as a person reads them;
// each fits 80 columns with the usual figures.
func Figures(r report.Report, hours string) []string {
	from, to := r.From.Format("Jan 2"), r.To.Add(-time.Second).Format("Jan 2")
	return []string{
		fmt.Sprintf("%s – %s · target %s · %s", from, to, when.Short(r.Target.Duration()), hours),
		fmt.Sprintf("%d conversations · %d answered · %s%d never answered", r.Conversations, r.Answered, closedPart(r.ClosedUnanswered)+askedPart(r.NothingAsked), r.Unanswered),
		fmt.Sprintf("first response p50 %s · p90 %s · in business hours p50 %s · p90 %s",
			when.Short(r.FirstP50.Duration()), when.Short(r.FirstP90.Duration()), when.Short(r.FirstBizP50.Duration()), when.Short(r.FirstBizP90.Duration())),
		fmt.Sprintf("in: %s · %d heard · %s   out: %s (%.1f a day) · %s",
			count(r.Mentions, "mention"), r.Heard, count(r.DMs, "DM"), count(r.PublicReplies, "public reply"),
			perDay(r.PublicReplies, len(r.Days)), count(r.DMsSent, "DM")),
	}
}

// TagsLine says, for the busiest tags, how many conversations each had and
// their median first response; "" when none is tagged.
func TagsLine(r report.Report) string {
	if len(r.Tags) == 0 {
		return ""
	}
	parts := make([]string, 0, len(r.Tags))
	for _, t := range r.Tags {
		parts = append(parts, fmt.Sprintf("#%s %d (p50 %s)", t.Name, t.Conversations, when.Short(t.FirstP50.Duration())))
	}
	return "by tag: " + strings.Join(parts, " · ")
}

// NetworksLine says, when the report spans networks, each one's
// conversations, median first response and never answered; "" else.
func NetworksLine(r report.Report) string {
	if len(r.Networks) == 0 {
		return ""
	}
	parts := make([]string, 0, len(r.Networks))
	for _, n := range r.Networks {
		parts = append(parts, fmt.Sprintf("%s %d (p50 %s, %d never answered)", network.TitleOf(n.Name), n.Conversations, when.Short(n.FirstP50.Duration()), n.Unanswered))
	}
	return "by network: " + strings.Join(parts, " · ")
}

// PeopleLine says, when the team worked the period, each person's
// replies, median first response and conversations done; "" else.
func PeopleLine(r report.Report) string {
	if len(r.People) == 0 {
		return ""
	}
	parts := make([]string, 0, len(r.People))
	for _, p := range r.People {
		parts = append(parts, fmt.Sprintf("%s %s (p50 %s), %d done", p.Name, count(p.PublicReplies+p.DMsSent, "reply"),
			when.Short(p.FirstP50.Duration()), p.Done))
	}
	return "by person: " + strings.Join(parts, " · ")
}

// count is n of a thing, its plural when n is not one.
func count(n int, thing string) string {
	switch {
	case n == 1:
		return "1 " + thing
	case strings.HasSuffix(thing, "y"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(thing, "y"))
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func perDay(n, days int) float64 {
	if days == 0 {
		return 0
	}
	return float64(n) / float64(days)
}

// Gauge draws the share within target as a bar w cells wide.
func Gauge(pct float64, w int, st Styles) string {
	w = max(w, 4)
	full := int(math.Round(pct / 100 * float64(w)))
	full = min(max(full, 0), w)
	style := st.Good
	if pct < 80 {
		style = st.Warn
	}
	return style.Render(strings.Repeat("█", full)) + st.Dim.Render(strings.Repeat("░", w-full)) + fmt.Sprintf(" %.0f%%", pct)
}

// Volume draws each day's posts in as a stacked bar: mentions, heard,
// DMs; w×h cells, the first day's date and the last's below.
func Volume(r report.Report, w, h int, st Styles) string {
	if len(r.Days) == 0 || w < 10 || h < 3 {
		return ""
	}
	data := make([]barchart.BarData, len(r.Days))
	for i, d := range r.Days {
		data[i] = barchart.BarData{Values: []barchart.BarValue{
			{Name: "mentions", Value: float64(d.Mentions), Style: st.Mentions},
			{Name: "heard", Value: float64(d.Heard), Style: st.Heard},
			{Name: "dms", Value: float64(d.DMs), Style: st.DMs},
		}}
	}
	bw, gap := columns(len(data), w)
	cw := len(data)*(bw+gap) - gap
	bc := barchart.New(cw, h-1, barchart.WithDataSet(data), barchart.WithNoAxis(),
		barchart.WithNoAutoBarWidth(), barchart.WithBarWidth(bw), barchart.WithBarGap(gap))
	bc.Draw()
	return bc.View() + "\n" + dateLine(r, cw, st)
}

// columns is each day's bar width and the gap after it, for n days in w
// cells: the widest bars that fit, a gap when there is room for one.
func columns(n, w int) (bar, gap int) {
	if 2*n-1 <= w {
		gap = 1
	}
	return max(1, (w+gap)/n-gap), gap
}

// FirstResponse draws the daily median first response as a sparkline,
// with the target as the top of the scale when no day passed it.
func FirstResponse(r report.Report, w, h int, st Styles) string {
	if len(r.Days) == 0 || w < 10 || h < 2 {
		return ""
	}
	values := make([]float64, len(r.Days))
	top := r.Target.Duration().Minutes()
	for i, d := range r.Days {
		values[i] = d.FirstP50.Duration().Minutes()
		top = max(top, values[i])
	}
	bw, gap := columns(len(values), w)
	k := bw + gap // each day as wide as the volume chart gives it
	wide := make([]float64, 0, k*len(values))
	for _, v := range values {
		for range k {
			wide = append(wide, v)
		}
	}
	sl := sparkline.New(min(w, len(wide)), h-1, sparkline.WithStyle(st.Spark), sparkline.WithMaxValue(top), sparkline.WithNoAutoMaxValue())
	sl.PushAll(wide)
	sl.DrawColumnsOnly()
	return sl.View() + "\n" + st.Dim.Render(fmt.Sprintf("top of scale %s (target %s)", when.Short(time.Duration(top)*time.Minute), when.Short(r.Target.Duration())))
}

// dateLine puts the first and last days under a chart w wide.
func dateLine(r report.Report, w int, st Styles) string {
	first, last := r.Days[0].Date[5:], r.Days[len(r.Days)-1].Date[5:]
	return st.Dim.Render(first + strings.Repeat(" ", max(w-len(first)-len(last), 1)) + last)
}

// Fit cuts each line to w cells.
func Fit(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

// closedPart says how many were closed without a reply, when any were.
func closedPart(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d closed without a reply · ", n)
}

// askedPart is the conversations that asked nothing (waits_for
// "questions"), or nothing where there are none.
func askedPart(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d asked nothing · ", n)
}
