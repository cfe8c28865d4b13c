package model

import (
	"testing"
	"time"
)

func TestParseID(t *testing.T) {
	for _, good := range []string{"1", "1346889436626259968", "9223372036854775807"} {
		id, err := ParseID(good)
		if err != nil || FormatID(id) != good {
			t.Errorf("ParseID(%q) = %d, %v", good, id, err)
		}
	}
	for _, bad := range []string{"", "-1", "12a", "12345678901234567890", " 1"} {
		if _, err := ParseID(bad); err == nil {
			t.Errorf("ParseID(%q) gave no error", bad)
		}
	}
}

func TestSnowflakeIDsKeepTheirOrderOutsideXsEpoch(t *testing.T) {
	epoch := time.UnixMilli(twitterEpoch)
	times := []time.Time{
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), epoch,
		time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2079, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := 1; i < len(times); i++ {
		if a, b := SnowflakeID(times[i-1], 0), SnowflakeID(times[i], 0); a > b {
			t.Errorf("%v makes %d, after %v's %d", times[i], b, times[i-1], a)
		}
	}
	if SnowflakeID(times[1], 0) != 0 {
		t.Error("a time before X's epoch does not make the smallest id")
	}
}

// TestAccountsAreNamedByHandleOrLabel: one rule for the TUI's hand-off
// and `hark reassign`.
func TestAccountsAreNamedByHandleOrLabel(t *testing.T) {
	shop, help, other := User{ID: 1, Username: "paperandpine"}, User{ID: 2, Username: "paperandpine_help"}, User{ID: 3, Username: "inkwell"}
	a := Accounts{shop, help, other}
	for name, want := range map[string]uint64{"@paperandpine": 1, "PaperAndPine": 1, "help": 2, "@Help": 2, "paperandpine_help": 2, "inkwell": 3, "nobody": 0, "": 0} {
		got, ok := a.Named(name)
		if ok != (want != 0) || got.ID != want {
			t.Errorf("Named(%q) = %d %v, want %d", name, got.ID, ok, want)
		}
	}
	if a.Label(1) != "" || a.Label(2) != "help" || a.Label(3) != "inkwell" || (Accounts{shop}).Label(1) != "" {
		t.Errorf("labels: %q %q %q", a.Label(1), a.Label(2), a.Label(3))
	}
}
