package when

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC) // a Wednesday
	tests := map[string]time.Time{
		"1h":               now.Add(time.Hour),
		"3h":               now.Add(3 * time.Hour),
		"2d":               now.Add(48 * time.Hour),
		"90m":              now.Add(90 * time.Minute),
		"tomorrow":         time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
		"Monday":           time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
		"wed":              time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC),
		"2026-12-01 09:00": time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		"2026-12-01":       time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		// What people type.
		"5m":                 now.Add(5 * time.Minute),
		"in 2 hours":         now.Add(2 * time.Hour),
		"2 hours":            now.Add(2 * time.Hour),
		"in 90 minutes":      now.Add(90 * time.Minute),
		"in 1 week":          now.Add(7 * 24 * time.Hour),
		"tomorrow 9am":       time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
		"Tomorrow  9 AM":     time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
		"9am tomorrow":       time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
		"tomorrow at 2:30pm": time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC),
		"mon 14:00":          time.Date(2026, 11, 30, 14, 0, 0, 0, time.UTC),
		"next monday 8am":    time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC),
		"wed 17:00":          time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC), // today, still ahead
		"wed 15:00":          time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC),  // today's is past
		"17:00":              time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC),
		"9am":                time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), // the next 9am
		"tonight":            time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC),
		"12pm":               time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC),
		"12am":               time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		"noon fri":           time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC),
	}
	for in, want := range tests {
		got, err := Parse(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "soon", "0h", "-1h", "2025-01-01 09:00", "h", "2263-01-01", "3000-01-01 09:00", "99999999999999d", "600w",
		"today 9am", "tomorrow 25:00", "13pm", "mon tue", "9", "tomorrow 9:5", "in", "in soon", "1 2h"} {
		if _, err := Parse(bad, now); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestClockShowsTheDateWhenNotToday(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.Local)
	for in, want := range map[time.Time]string{
		now.Add(time.Minute):          "15:31:00",
		now.Add(26 * time.Hour):       "Thu 17:30",
		now.AddDate(5, 0, 0):          "2031-11-25 15:30",
		now.Add(-30 * 24 * time.Hour): "2026-10-26 15:30",
	} {
		if got := Clock(in, now); got != want {
			t.Errorf("Clock(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestAgeIsShort(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)
	for ago, want := range map[time.Duration]string{
		30 * time.Second: "now", 5 * time.Minute: "5m", 3 * time.Hour: "3h", 50 * time.Hour: "2d", 10 * 24 * time.Hour: "15 Nov",
		400 * 24 * time.Hour: "Oct'25",
	} {
		if got := Age(now, now.Add(-ago)); got != want || len(got) > AgeWidth {
			t.Errorf("Age %v ago = %q, want %q", ago, got, want)
		}
	}
}
