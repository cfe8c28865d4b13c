package network

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/harkhq/hark/model"
)

// registered holds the networks known to this hark, by name: each
// adapter registers its rules from its package's init, as database/sql's
// drivers do, so that the core (search's tokenizer, which is called from
// a dozen places, queries included) reads a network's rules by the name
// a record carries, without importing the adapter.
var (
	registered   atomic.Pointer[Networks]
	registerLock sync.Mutex
)

// Register makes the network name known with its rules. Registering a
// name twice, or nil rules, panics: it is a fault of the program.
func Register(name string, r Rules) {
	registerLock.Lock()
	defer registerLock.Unlock()
	old := Registered()
	if _, dup := old[name]; dup || r == nil || name == "" {
		panic(fmt.Sprintf("network: Register(%q) twice, or without rules", name))
	}
	next := make(Networks, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[name] = r
	registered.Store(&next)
}

// Registered are the networks registered so far (a copy).
func Registered() Networks {
	out := Networks{}
	if n := registered.Load(); n != nil {
		for k, v := range *n {
			out[k] = v
		}
	}
	return out
}

// LinksOf are the links in text of a record of the network named ("" is
// X's), as that network sees them; none for a network not registered.
func LinksOf(name, text string) [][2]int {
	if r := RulesOf(name); r != nil {
		return r.Links(text)
	}
	return nil
}

// AnyLinks are the links in text of no network (a query a person
// typed): those any registered network sees, overlapping ones merged.
func AnyLinks(text string) [][2]int {
	n := registered.Load()
	if n == nil {
		return nil
	}
	var out [][2]int
	for _, r := range *n {
		out = append(out, r.Links(text)...)
	}
	if len(*n) == 1 {
		return out // one network's spans are in order and apart already
	}
	return mergeSpans(out)
}

// mergeSpans sorts spans and joins those that overlap.
func mergeSpans(spans [][2]int) [][2]int {
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, s := range spans {
		if k := len(out) - 1; k >= 0 && s[0] < out[k][1] {
			out[k][1] = max(out[k][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// RulesOf are the registered rules of the network named ("" is X's);
// nil for a network not registered.
func RulesOf(name string) Rules {
	if n := registered.Load(); n != nil {
		return n.Of(name)
	}
	return nil
}

// TitleOf is the name of the network named ("" is X's) as a person says
// it ("X"), for what hark tells the owner; "the network" for one not
// registered.
func TitleOf(name string) string {
	if r := RulesOf(name); r != nil {
		return r.Title()
	}
	return "the network"
}

// Answerable reports whether p's network takes a public reply to it from
// account; false on a network hark does not know.
func Answerable(p model.Post, account model.User) bool {
	if r := RulesOf(p.Network()); r != nil {
		return r.Answerable(p, account)
	}
	return false
}
