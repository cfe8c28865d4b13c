package match

import (
	"slices"
	"testing"
)

// TestRankPutsExactThenPrefixThenFuzzy: the name typed whole comes
// first, then those it starts, then those that hold its letters in
// order; a query whose letters are not in a name leaves it out.
func TestRankPutsExactThenPrefixThenFuzzy(t *testing.T) {
	names := []string{"mark_all", "mark", "snooze", "person_note", "note", "open_on_x", "reopen"}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"mark", []string{"mark", "mark_all"}},
		{"note", []string{"note", "person_note"}},
		{"snz", []string{"snooze"}},
		{"pn", []string{"person_note", "open_on_x", "reopen"}},
		{"open", []string{"open_on_x", "reopen"}},
		{"zzz", nil},
		{"", names},
	} {
		if got := Names(c.query, names); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.query, got, c.want)
		}
	}
}
