package render

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/when"
)

// Top draws the figures, the gauge and the two charts, w cells wide; the
// charts take chartH lines and their titles and dates two more, side by
// side when w allows, else one above the other.
func Top(r report.Report, hours string, w, chartH int, st Styles) string {
	var b strings.Builder
	for i, line := range Figures(r, hours) {
		style := st.Dim
		if i == 1 {
			style = st.Title
		}
		b.WriteString(style.Render(line) + "\n")
	}
	b.WriteString(st.Dim.Render("within target ") + Gauge(r.WithinTarget, min(20, w-60), st) +
		st.Dim.Render(fmt.Sprintf(" · to done p50 %s · %d open, oldest %s", when.Short(r.DoneP50.Duration()), r.OpenNow, when.Short(r.OldestWaiting.Duration()))) + "\n")
	if tags := TagsLine(r); tags != "" {
		b.WriteString(st.Dim.Render(tags) + "\n")
	}
	if nets := NetworksLine(r); nets != "" {
		b.WriteString(st.Dim.Render(nets) + "\n")
	}
	if people := PeopleLine(r); people != "" {
		b.WriteString(st.Dim.Render(people) + "\n")
	}
	volTitle := st.Title.Render("posts in a day ") + st.Mentions.Render("■ mentions ") + st.Heard.Render("■ heard ") + st.DMs.Render("■ DMs")
	frTitle := st.Title.Render("first response, median a day")
	if w >= 2*len(r.Days)+3 { // side by side while each day keeps a column in each chart
		half := (w - 3) / 2
		left := volTitle + "\n" + Volume(r, half, chartH, st)
		right := frTitle + "\n" + FirstResponse(r, half, chartH, st)
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(half+3).Render(left), right))
	} else {
		b.WriteString(volTitle + "\n" + Volume(r, w, chartH, st) + "\n" + frTitle + "\n" + FirstResponse(r, w, max(chartH-1, 2), st))
	}
	return Fit(b.String(), w)
}

// WaitLine is one of the longest waits: how long, who, and their words.
func WaitLine(wt report.Wait, who, snippet string, w int) string {
	return Fit(fmt.Sprintf("%7s  %-16s %s", when.Short(wt.For.Duration()), who, snippet), w)
}

// Page is Top, then the longest waits, who waits named by names.
func Page(r report.Report, hours string, w int, names map[uint64]report.Waiter, st Styles) string {
	var b strings.Builder
	b.WriteString(Top(r, hours, w, 7, st) + "\n\n")
	b.WriteString(st.Title.Render("longest waits now") + "\n")
	if len(r.Longest) == 0 {
		b.WriteString(st.Dim.Render("  nobody is waiting") + "\n")
	}
	for _, wt := range r.Longest {
		b.WriteString(WaitLine(wt, names[wt.Conv].Who, names[wt.Conv].Words, w) + "\n")
	}
	return b.String()
}

// HoursText says which hours count, for the page's first line.
func HoursText(h report.Hours) string {
	loc := h.Loc
	if loc == nil {
		loc = time.Local
	}
	zone := loc.String()
	if zone == "Local" {
		zone = time.Now().In(loc).Format("MST") // the local zone by its abbreviation
	}
	if h.Spec == "" {
		return "every hour counts (" + zone + ")"
	}
	return h.Spec + " (" + zone + ")"
}
