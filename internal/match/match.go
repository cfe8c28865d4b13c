// Package match ranks names against what the owner typed, for the
// command line's completion and the canned replies' picker: the name
// typed exactly first, then the names it starts, then the names that hold
// its letters in order (github.com/sahilm/fuzzy, which bubbles' list
// uses: word starts and runs of letters rank higher), closest first.
package match

import (
	"strings"

	"github.com/sahilm/fuzzy"
)

// Rank returns the indexes of the names that match query, best first;
// every name, in order, for an empty query. Case is ignored.
func Rank(query string, names []string) []int {
	query = strings.ToLower(strings.Join(strings.Fields(query), ""))
	if query == "" {
		out := make([]int, len(names))
		for i := range names {
			out[i] = i
		}
		return out
	}
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	var exact, prefix, rest []int
	taken := map[int]bool{}
	for i, n := range lower {
		switch {
		case n == query:
			exact = append(exact, i)
		case strings.HasPrefix(n, query):
			prefix = append(prefix, i)
		default:
			continue
		}
		taken[i] = true
	}
	for _, m := range fuzzy.Find(query, lower) {
		if !taken[m.Index] {
			rest = append(rest, m.Index)
		}
	}
	return append(append(exact, prefix...), rest...)
}

// Names returns the names that match query, best first (see Rank).
func Names(query string, names []string) []string {
	idx := Rank(query, names)
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = names[j]
	}
	return out
}
