package report

import (
	"fmt"
	"strings"
	"time"
)

// Hours are the shop's opening hours in a time zone: when a wait counts
// toward "first response in business hours". The zero Hours count every
// hour, in the local zone.
type Hours struct {
	// Loc is the zone the hours and the report's days are in.
	Loc *time.Location
	// Spec is the hours as written ("" for every hour).
	Spec string
	// open[weekday] lists the day's open spans, as minutes from midnight;
	// nil for every hour of every day.
	open *[7][]span
}

// span is an open span of a day: [from, to) in minutes from midnight.
type span struct{ from, to int }

// dayNames are the weekday names ParseHours takes, in time.Weekday order.
var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseHours reads opening hours such as "mon-fri 09:00-17:30" or
// "mon-fri 09:00-17:30, sat 10:00-13:00" in zone loc; "" is every hour.
func ParseHours(s string, loc *time.Location) (Hours, error) {
	h := Hours{Loc: loc, Spec: strings.TrimSpace(s)}
	if h.Spec == "" {
		return h, nil
	}
	var week [7][]span
	for _, part := range strings.Split(s, ",") {
		days, clock, ok := strings.Cut(strings.TrimSpace(part), " ")
		if !ok {
			return Hours{}, fmt.Errorf("%q: want days and hours, like \"mon-fri 09:00-17:30\"", strings.TrimSpace(part))
		}
		first, last, err := dayRange(days)
		if err != nil {
			return Hours{}, err
		}
		sp, err := spanOf(strings.TrimSpace(clock))
		if err != nil {
			return Hours{}, err
		}
		for d := first; ; d = (d + 1) % 7 {
			week[d] = append(week[d], sp)
			if d == last {
				break
			}
		}
	}
	h.open = &week
	return h, nil
}

// dayRange reads "mon", "mon-fri" or "fri-mon" as weekdays.
func dayRange(s string) (first, last int, err error) {
	a, b, isRange := strings.Cut(strings.ToLower(s), "-")
	if first = dayIndex(a); first < 0 {
		return 0, 0, fmt.Errorf("%q is not a day: use mon, tue, … sun", a)
	}
	if !isRange {
		return first, first, nil
	}
	if last = dayIndex(b); last < 0 {
		return 0, 0, fmt.Errorf("%q is not a day: use mon, tue, … sun", b)
	}
	return first, last, nil
}

func dayIndex(s string) int {
	for i, d := range dayNames {
		if s == d {
			return i
		}
	}
	return -1
}

// spanOf reads "09:00-17:30".
func spanOf(s string) (span, error) {
	a, b, ok := strings.Cut(s, "-")
	from, errA := minuteOf(a)
	to, errB := minuteOf(b)
	if !ok || errA != nil || errB != nil || to <= from {
		return span{}, fmt.Errorf("%q: want hours like 09:00-17:30, the end after the start", s)
	}
	return span{from: from, to: to}, nil
}

func minuteOf(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		if s == "24:00" {
			return 24 * 60, nil
		}
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}

// Open reports whether every hour counts.
func (h Hours) always() bool { return h.open == nil }

// Between is the open time between a and b: all of it when every hour
// counts. Each day's spans are laid on that day's date in the zone, so a
// change of the clocks (DST) gives the day the hours it really had.
func (h Hours) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	if h.always() {
		return b.Sub(a)
	}
	var total time.Duration
	day := midnight(a.In(h.Loc))
	for !day.After(b) {
		for _, sp := range h.open[day.Weekday()] {
			from := at(day, sp.from, h.Loc)
			to := at(day, sp.to, h.Loc)
			total += overlap(a, b, from, to)
		}
		day = midnight(day.AddDate(0, 0, 1).Add(time.Hour)) // Add: a 23-hour day still reaches the next
	}
	return total
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// at is a clock time, in minutes, on day's date in loc.
func at(day time.Time, minute int, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), minute/60, minute%60, 0, 0, loc)
}

// overlap is how long [a, b) and [c, d) share.
func overlap(a, b, c, d time.Time) time.Duration {
	lo, hi := a, b
	if c.After(lo) {
		lo = c
	}
	if d.Before(hi) {
		hi = d
	}
	if !hi.After(lo) {
		return 0
	}
	return hi.Sub(lo)
}
