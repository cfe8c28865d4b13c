package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/search"
)

// benchQuery is one query in hark's language and, for text-only queries,
// in FTS5's ("" when FTS5 cannot say it).
type benchQuery struct {
	hark, fts string
}

// makeQueries writes a fixed, seeded set: single common and rare words,
// two- and three-word AND, phrases, from:, tag:, date ranges, negations.
func makeQueries(c corpus.Corpus, n int) []benchQuery {
	rng := rand.New(rand.NewPCG(11, 12))
	words := func() []string {
		for {
			p := c.Posts[rng.IntN(len(c.Posts))]
			var ws []string
			for _, t := range search.Tokenize(p.Text) {
				if isPlainWord(t.Term) {
					ws = append(ws, t.Term)
				}
			}
			if len(ws) >= 3 {
				return ws
			}
		}
	}
	common := []string{"order", "the", "pen", "paper", "thanks", "shipping", "basket", "refund", "delivery", "help"}
	rare := []string{"calligraphy", "washi", "kraków", "deckle", "vellum", "quill", "blotter", "letterpress", "tombow", "midori"}
	kinds := []func() benchQuery{
		func() benchQuery { w := common[rng.IntN(len(common))]; return benchQuery{w, w} },
		func() benchQuery { w := rare[rng.IntN(len(rare))]; return benchQuery{w, w} },
		func() benchQuery { ws := words(); q := ws[0] + " " + ws[len(ws)-1]; return benchQuery{q, q} },
		func() benchQuery {
			ws := words()
			q := ws[0] + " " + ws[1] + " " + ws[len(ws)-1]
			return benchQuery{q, q}
		},
		func() benchQuery {
			ws := words()
			i := rng.IntN(len(ws) - 1)
			p := `"` + ws[i] + " " + ws[i+1] + `"`
			return benchQuery{p, p}
		},
		func() benchQuery { return benchQuery{fmt.Sprintf("from:user%d", rng.IntN(len(c.Users)-1)), ""} },
		func() benchQuery { return benchQuery{"tag:refund " + common[rng.IntN(len(common))], ""} },
		func() benchQuery {
			y, m := 2024+rng.IntN(3), 1+rng.IntN(10)
			return benchQuery{fmt.Sprintf("%s after:%d-%02d-01 before:%d-%02d-01", common[rng.IntN(len(common))], y, m, y, m+2), ""}
		},
		func() benchQuery {
			a, b := common[rng.IntN(len(common))], common[rng.IntN(len(common))]
			if a == b {
				b = "pencil"
			}
			return benchQuery{a + " -" + b, a + " NOT " + b}
		},
		func() benchQuery { w := common[rng.IntN(len(common))]; return benchQuery{w + " -tag:refund", ""} },
	}
	out := make([]benchQuery, 0, n)
	for i := range n {
		out = append(out, kinds[i%len(kinds)]())
	}
	return out
}

// isPlainWord keeps the terms both engines see the same way.
func isPlainWord(t string) bool {
	if len(t) < 2 {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z') {
			return false
		}
	}
	return !strings.Contains(t, ".")
}
