// Package when reads the times a person types for a snooze: "1h", "3h",
// "2d", "tomorrow", "monday", or "2026-12-01 09:00".
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

func parse(s string, now time.Time) (time.Time, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return time.Time{}, fmt.Errorf("say when: 1h, 3h, 2d, tomorrow, monday or 2026-12-01 09:00")
	}
	if d, ok := duration(s); ok {
		return now.Add(d), nil
	}
	if s == "tomorrow" {
		return at(now.AddDate(0, 0, 1), morning), nil
	}
	if wd, ok := weekday(s); ok {
		days := (int(wd) - int(now.Weekday()) + 7) % 7
		if days == 0 {
			days = 7
		}
		return at(now.AddDate(0, 0, days), morning), nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			if layout == "2006-01-02" {
				t = at(t, morning)
			}
			if !t.After(now) {
				return time.Time{}, fmt.Errorf("%s is in the past", s)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q: use 1h, 3h, 2d, tomorrow, monday or 2026-12-01 09:00", s)
}

// duration reads "90m", "3h", "2d", "1w".
func duration(s string) (time.Duration, bool) {
	units := map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	unit, ok := units[s[len(s)-1]]
	if !ok || len(s) < 2 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 {
		return 0, false
	}
	if most := int(maxYears*366*24*time.Hour/unit) + 1; n > most {
		n = most // Parse refuses it, and it does not overflow
	}
	return time.Duration(n) * unit, true
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

func at(day time.Time, hour int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, day.Location())
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
