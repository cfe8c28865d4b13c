package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/search"
)

// benchQuery is one query in hark's language and, for text queries, in
// FTS5's, with the FTS5 table that says it as hark means it.
type benchQuery struct {
	row  string // the named set it belongs to
	hark string
	fts  string // "" when FTS5 cannot say it (fields)
	// porter: the query runs on the porter-stemmed table (plain words,
	// stemmed in hark too); else on the unicode61 one (phrases and
	// prefixes, exact in hark too).
	porter bool
	// words are the query's words, for deciding whether the two
	// engines' tokenizers agree on them (see agreement).
	words []string
	// prefix is the query's prefix, for a prefix query.
	prefix string
}

// rows are the named query sets, in the order the table shows them.
var rows = []string{"common", "rare", "and2", "and3", "phrase", "adversarial", "prefix", "stem", "negation", "fields"}

// vocab is what the generated history says, read from a sample of it.
type vocab struct {
	posts [][]string     // the sample's plain words, post by post
	count map[string]int // how often each plain word stands in it
}

// sample reads the plain words of every 50th post.
func sample(c corpus.Corpus) vocab {
	v := vocab{count: map[string]int{}}
	for i := 0; i < len(c.Posts); i += 50 {
		var ws []string
		for _, t := range search.Tokenize(c.Posts[i].Text) {
			if isPlainWord(t.Term) {
				ws = append(ws, t.Term)
				v.count[t.Term]++
			}
		}
		v.posts = append(v.posts, ws)
	}
	return v
}

// words lists the plain words, most frequent first.
func (v vocab) words() []string {
	out := make([]string, 0, len(v.count))
	for w := range v.count {
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b string) int {
		if v.count[a] != v.count[b] {
			return v.count[b] - v.count[a]
		}
		return strings.Compare(a, b)
	})
	return out
}

// makeQueries writes a fixed, seeded set: n queries per row.
func makeQueries(c corpus.Corpus, v vocab, n int) []benchQuery {
	rng := rand.New(rand.NewPCG(11, 12))
	all := v.words()
	common, rare := all[:min(20, len(all))], all[max(0, len(all)-20):]
	post := func(atLeast int) []string {
		for {
			if ws := v.posts[rng.IntN(len(v.posts))]; len(ws) >= atLeast {
				return ws
			}
		}
	}
	plain := func(row string, ws ...string) benchQuery {
		q := strings.Join(ws, " ")
		return benchQuery{row: row, hark: q, fts: q, porter: true, words: ws}
	}
	phrase := func(row string, ws ...string) benchQuery {
		q := `"` + strings.Join(ws, " ") + `"`
		return benchQuery{row: row, hark: q, fts: q, words: ws}
	}
	adversarial := worstPairs(v, common)
	stems := stemForms(all)
	gen := map[string]func(i int) benchQuery{
		"common": func(i int) benchQuery { return plain("common", common[i%len(common)]) },
		"rare":   func(i int) benchQuery { return plain("rare", rare[i%len(rare)]) },
		"and2":   func(int) benchQuery { ws := post(2); return plain("and2", ws[0], ws[len(ws)-1]) },
		"and3":   func(int) benchQuery { ws := post(3); return plain("and3", ws[0], ws[1], ws[len(ws)-1]) },
		"phrase": func(int) benchQuery {
			ws := post(2)
			j := rng.IntN(len(ws) - 1)
			return phrase("phrase", ws[j], ws[j+1])
		},
		"adversarial": func(i int) benchQuery {
			x := common[rng.IntN(len(common))]
			switch i % 3 {
			case 0:
				p := adversarial[(i/3)%len(adversarial)]
				return phrase("adversarial", p[0], p[1])
			case 1:
				return phrase("adversarial", "https", x) // no post has https as a word
			}
			q := phrase("adversarial", x, "@"+shop.Username) // the shop is named first
			q.fts = `"` + x + " " + shop.Username + `"`
			return q
		},
		"prefix": func(i int) benchQuery {
			w := []rune(all[rng.IntN(min(len(all), 60))])
			p := string(w[:min(len(w), 2+i%3)])
			return benchQuery{row: "prefix", hark: p + "*", fts: p + "*", prefix: p}
		},
		"stem": func(i int) benchQuery { return plain("stem", stems[i%len(stems)]) },
		"negation": func(int) benchQuery {
			a, b := common[rng.IntN(len(common))], common[rng.IntN(len(common))]
			for b == a {
				b = common[rng.IntN(len(common))]
			}
			q := benchQuery{row: "negation", hark: a + " -" + b, fts: a + " NOT " + b, porter: true, words: []string{a, b}}
			return q
		},
		"fields": func(i int) benchQuery {
			switch i % 3 {
			case 0:
				return benchQuery{row: "fields", hark: fmt.Sprintf("from:user%d", 1+rng.IntN(len(c.Users)-2))}
			case 1:
				return benchQuery{row: "fields", hark: "tag:refund " + common[rng.IntN(len(common))]}
			}
			y, m := 2024+rng.IntN(3), 1+rng.IntN(10)
			return benchQuery{row: "fields", hark: fmt.Sprintf("%s after:%d-%02d-01 before:%d-%02d-01", common[rng.IntN(len(common))], y, m, y, m+2)}
		},
	}
	var out []benchQuery
	for _, row := range rows {
		for i := range n {
			out = append(out, gen[row](i))
		}
	}
	return out
}

// worstPairs are ordered pairs of the commonest words that stand next to
// each other least often: a phrase of them must intersect two long lists
// to find little or nothing.
func worstPairs(v vocab, common []string) [][2]string {
	top := common[:min(12, len(common))]
	adjacent := map[[2]string]int{}
	for _, ws := range v.posts {
		for i := 0; i+1 < len(ws); i++ {
			adjacent[[2]string{ws[i], ws[i+1]}]++
		}
	}
	var pairs [][2]string
	for _, a := range top {
		for _, b := range top {
			if a != b {
				pairs = append(pairs, [2]string{a, b})
			}
		}
	}
	slices.SortStableFunc(pairs, func(x, y [2]string) int { return adjacent[x] - adjacent[y] })
	return pairs[:min(10, len(pairs))]
}

// stemForms are words written otherwise than the history writes them
// but with a stem it has: "wait" for waiting, "arrive" for arrived.
func stemForms(words []string) []string {
	var out []string
	for _, w := range words {
		for _, cut := range []string{"ing", "ed", "es", "s"} {
			base, ok := strings.CutSuffix(w, cut)
			for _, q := range []string{base, base + "e"} {
				if ok && len(q) >= 3 && q != w && !slices.Contains(words, q) && search.Stem(q) == search.Stem(w) && !slices.Contains(out, q) {
					out = append(out, q)
				}
			}
		}
	}
	if len(out) == 0 {
		out = []string{"order"}
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
	return true
}
