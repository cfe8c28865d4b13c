// Package when reads the times a person types for a snooze: "5m", "in 2
// hours", "tomorrow 9am", "mon 14:00", "tonight", "2026-12-01 09:00". It
// is a small grammar written here: the natural-language date libraries
// for Go read far more ("the day after tomorrow", other languages) and
// guess where a snooze prompt should refuse.
package when

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// morning is the hour a day-only time ("tomorrow", "monday") means.
const morning = 9

// maxYears is how far ahead a snooze may end. The store keeps wake-up
// times in Unix nanoseconds, which end in 2262; nobody snoozes a customer
// for longer than this.
const maxYears = 10

// Parse returns the time s names, after now and at most ten years ahead,
// in now's location.
func Parse(s string, now time.Time) (time.Time, error) {
	t, err := parse(s, now)
	if err == nil && t.After(now.AddDate(maxYears, 0, 0)) {
		return time.Time{}, fmt.Errorf("%s is more than %d years away: snooze for less", strings.TrimSpace(s), maxYears)
	}
	return t, err
}

// Length reads a snooze's length alone, as a rule gives it ("30m",
// "2h", "3d", "1w"): more than nothing, at most ten years, as Parse
// allows. It is the one rule for how long a snooze may be.
func Length(s string) (time.Duration, error) {
	d, ok := duration(strings.Join(strings.Fields(strings.ToLower(s)), " "))
	switch {
	case !ok:
		return 0, fmt.Errorf("%q is not a length: use 30m, 2h, 3d or 1w", s)
	case d > time.Duration(maxYears)*365*24*time.Hour:
		return 0, fmt.Errorf("%s is more than %d years: snooze for less", strings.TrimSpace(s), maxYears)
	}
	return d, nil
}

// usage is what the errors suggest.
const usage = "use 5m, in 2 hours, tomorrow 9am, mon 14:00, tonight or 2026-12-01 09:00"

// parse reads a duration ("5m", "in 2 hours"), or a day and a time of day
// in either order ("tomorrow 9am", "mon 14:00", "9:30pm fri"); the day
// alone means its morning, the time alone its next coming.
func parse(s string, now time.Time) (time.Time, error) {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if s == "" {
		return time.Time{}, fmt.Errorf("say when: %s", usage)
	}
	if d, ok := duration(strings.TrimPrefix(s, "in ")); ok {
		return now.Add(d), nil
	}
	day, clock, err := dayAndClock(s, now)
	if err != nil {
		return time.Time{}, err
	}
	return resolve(day, clock, now)
}

// clockTime is a time of day.
type clockTime struct {
	hour, minute int
	set          bool
}

// dayKind says how a day was named.
type dayKind int

const (
	noDay   dayKind = iota
	relDay          // today, tomorrow, tonight: day is an offset
	weekDay         // a weekday: its next coming
	dateDay         // a date
)

type dayPart struct {
	kind   dayKind
	offset int
	wd     time.Weekday
	date   time.Time
}

// dayAndClock sorts the words into one day and one time of day.
func dayAndClock(s string, now time.Time) (dayPart, clockTime, error) {
	var day dayPart
	var clock clockTime
	words := strings.Fields(s)
	for i := 0; i < len(words); i++ {
		w := words[i]
		if i+1 < len(words) && (words[i+1] == "am" || words[i+1] == "pm") {
			w, i = w+words[i+1], i+1 // "9 am"
		}
		if w == "next" || w == "at" || w == "on" {
			continue
		}
		if d, ok := dayWord(w, now); ok && day.kind == noDay {
			day = d
			if w == "tonight" && !clock.set {
				clock = clockTime{hour: 20, set: true}
			}
			continue
		}
		if c, ok := clockWord(w); ok && !clock.set {
			clock = c
			continue
		}
		if w == s {
			return dayPart{}, clockTime{}, fmt.Errorf("cannot read %q: %s", w, usage)
		}
		return dayPart{}, clockTime{}, fmt.Errorf("cannot read %q in %q: %s", w, s, usage)
	}
	return day, clock, nil
}

// dayWord reads today, tomorrow, tonight, a weekday or a date.
func dayWord(w string, now time.Time) (dayPart, bool) {
	switch w {
	case "today", "tonight":
		return dayPart{kind: relDay}, true
	case "tomorrow", "tmrw", "tmr":
		return dayPart{kind: relDay, offset: 1}, true
	}
	if wd, ok := weekday(w); ok {
		return dayPart{kind: weekDay, wd: wd}, true
	}
	if t, err := time.ParseInLocation("2006-01-02", w, now.Location()); err == nil {
		return dayPart{kind: dateDay, date: t}, true
	}
	return dayPart{}, false
}

// clockWord reads 9am, 9:30pm, 14:00, noon, midnight.
func clockWord(w string) (clockTime, bool) {
	switch w {
	case "noon":
		return clockTime{hour: 12, set: true}, true
	case "midnight":
		return clockTime{hour: 0, set: true}, true
	}
	half := ""
	if rest, ok := strings.CutSuffix(w, "am"); ok {
		w, half = rest, "am"
	} else if rest, ok := strings.CutSuffix(w, "pm"); ok {
		w, half = rest, "pm"
	}
	hs, ms, hasMinutes := strings.Cut(w, ":")
	if !hasMinutes && half == "" {
		return clockTime{}, false // a bare number is no time: "9" could be anything
	}
	h, err1 := strconv.Atoi(hs)
	m := 0
	var err2 error
	if hasMinutes {
		if len(ms) != 2 {
			return clockTime{}, false
		}
		m, err2 = strconv.Atoi(ms)
	}
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 {
		return clockTime{}, false
	}
	switch {
	case half == "" && h <= 23:
	case half != "" && h >= 1 && h <= 12:
		h %= 12
		if half == "pm" {
			h += 12
		}
	default:
		return clockTime{}, false
	}
	return clockTime{hour: h, minute: m, set: true}, true
}

// resolve puts the day and the time together: no time means the
// morning; no day means the time's next coming; a weekday its next
// coming (today, if the time is still ahead).
func resolve(day dayPart, clock clockTime, now time.Time) (time.Time, error) {
	if !clock.set {
		clock = clockTime{hour: morning}
	}
	on := func(d time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), clock.hour, clock.minute, 0, 0, now.Location())
	}
	var t time.Time
	switch day.kind {
	case noDay:
		if t = on(now); !t.After(now) {
			t = on(now.AddDate(0, 0, 1))
		}
	case relDay:
		t = on(now.AddDate(0, 0, day.offset))
	case weekDay:
		days := (int(day.wd) - int(now.Weekday()) + 7) % 7
		if t = on(now.AddDate(0, 0, days)); !t.After(now) {
			t = on(now.AddDate(0, 0, days+7))
		}
	case dateDay:
		t = on(day.date)
	}
	if !t.After(now) {
		return time.Time{}, fmt.Errorf("%s is in the past", t.Format("Mon Jan 2 15:04"))
	}
	return t, nil
}

// duration reads "90m", "3h", "2d", "1w", "2 hours", "90 minutes".
func duration(s string) (time.Duration, bool) {
	num := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	unitName := strings.TrimSpace(s[len(num):])
	unit, ok := unitOf(unitName)
	if !ok || num == "" || strings.ContainsAny(num, " ") {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 {
		return 0, false
	}
	if most := int(maxYears*366*24*time.Hour/unit) + 1; n > most {
		n = most // Parse refuses it, and it does not overflow
	}
	return time.Duration(n) * unit, true
}

// unitOf reads the name of a duration's unit.
func unitOf(name string) (time.Duration, bool) {
	switch name {
	case "m", "min", "mins", "minute", "minutes":
		return time.Minute, true
	case "h", "hr", "hrs", "hour", "hours":
		return time.Hour, true
	case "d", "day", "days":
		return 24 * time.Hour, true
	case "w", "wk", "week", "weeks":
		return 7 * 24 * time.Hour, true
	}
	return 0, false
}

func weekday(s string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || s == name[:3] {
			return d, true
		}
	}
	return 0, false
}

// Clock writes a time for a status line: the time alone when it is
// today, with the day when it is within a week, with the date beyond.
func Clock(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	switch y, m, d := t.Date(); {
	case y == now.Year() && m == now.Month() && d == now.Day():
		return t.Format("15:04:05")
	case t.After(now) && t.Before(now.AddDate(0, 0, 6)):
		return t.Format("Mon 15:04")
	default:
		return t.Format("2006-01-02 15:04")
	}
}

// Age is how long ago t was, shortly: "now", "5m", "3h", "2d", and past a
// week the date.
func Age(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return strconv.Itoa(int(d.Minutes())) + "m"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d.Hours())) + "h"
	case d < 7*24*time.Hour:
		return strconv.Itoa(int(d.Hours()/24)) + "d"
	case d < 300*24*time.Hour:
		return t.Format("2 Jan") // a date, at most 6 cells: "28 Nov"
	}
	return t.Format("Jan'06")
}

// AgeWidth is the most cells an Age takes: a column this wide never cuts
// one ("28 Nov", "Nov'25").
const AgeWidth = 6

// Short writes a duration the way a person says it: 45s, 12m, 3h5m, 2d4h.
func Short(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 24*time.Hour:
		return trimZero(fmt.Sprintf("%dh%dm", int(d.Hours()), int(d.Minutes())%60))
	}
	return trimZero(fmt.Sprintf("%dd%dh", int(d.Hours())/24, int(d.Hours())%24))
}

func trimZero(s string) string {
	if strings.HasSuffix(s, "h0m") || strings.HasSuffix(s, "d0h") {
		return s[:len(s)-2]
	}
	return s
}
