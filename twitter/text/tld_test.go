package text

import (
	"slices"
	"strings"
	"testing"
)

// TestTLDListsAreFoldedAndSorted guards sortedSet's assumption: a TLD is
// found by binary search over its list as written, so each list must be
// in byte order and each name already case-folded as the text is.
func TestTLDListsAreFoldedAndSorted(t *testing.T) {
	for name, list := range map[string][]string{"genericTLDs": genericTLDs, "countryTLDs": countryTLDs} {
		if !slices.IsSorted(list) {
			t.Errorf("%s is not in byte order", name)
		}
		for _, tld := range list {
			if folded := strings.Map(foldRune, tld); folded != tld {
				t.Errorf("%s: %q is not folded (%q)", name, tld, folded)
			}
		}
	}
}

// TestSortedSetWalkReportsEveryMemberAlongTheWay checks the walk against
// the members a text passes: each member that starts at i is visited at
// its end, shortest first, and the walk stops where none can follow.
func TestSortedSetWalkReportsEveryMemberAlongTheWay(t *testing.T) {
	s := sortedSet{"co", "com", "comcast", "community", "net"}
	for _, c := range []struct {
		text string
		want []int
	}{
		{"community.", []int{2, 3, 9}},
		{"COMCAST", []int{2, 3, 7}},
		{"comx", []int{2, 3}},
		{"c", nil},
		{"xyz", nil},
		{"netscape", []int{3}},
	} {
		var got []int
		ix := newIndexed(c.text)
		s.walk(&ix, 0, len([]rune(c.text)), 18, foldRune, func(end int) { got = append(got, end) })
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: visited %v, want %v", c.text, got, c.want)
		}
	}
}
