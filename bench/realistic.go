package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"unicode"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/search"
)

// realRows are the queries a support owner types, by kind, built from
// the history's own words by how often they stand in it (the bench's
// first rows were built to stress the engines: "common" words such as
// "the", every AND built to match, adversarial phrases in the p99). Their
// figures are the headline: search_real_*.
var realRows = []string{"r:verycommon", "r:common", "r:uncommon", "r:rare", "r:absent", "r:and2", "r:and3", "r:phrase", "r:prefix", "r:negation", "r:name", "r:cjk"}

// absentWords are words a person may well type that the generated
// history never says.
var absentWords = strings.Fields("umbrella giraffe mortgage volcano saxophone tractor lasagna passport glacier trombone harbour pyjamas kettle hammock")

// makeRealQueries writes n queries of each real row, seeded.
func makeRealQueries(c corpus.Corpus, v vocab, n int) []benchQuery {
	rng := rand.New(rand.NewPCG(21, 22))
	all := v.words()
	band := func(from, to int) []string { return all[min(from, len(all)):min(to, len(all))] }
	var rare []string
	for _, w := range all {
		if v.count[w] <= 2 {
			rare = append(rare, w)
		}
	}
	if len(rare) == 0 {
		rare = band(len(all)-50, len(all))
	}
	pick := func(ws []string) string { return ws[rng.IntN(len(ws))] }
	mid := band(10, 300)
	cjk := cjkTerms(c)
	gen := map[string]func(i int) benchQuery{
		"r:verycommon": func(int) benchQuery { return fileQuery("r:verycommon", pick(band(0, 10))) },
		"r:common":     func(int) benchQuery { return fileQuery("r:common", pick(band(10, 60))) },
		"r:uncommon":   func(int) benchQuery { return fileQuery("r:uncommon", pick(band(60, 300))) },
		"r:rare":       func(int) benchQuery { return fileQuery("r:rare", pick(rare)) },
		"r:absent":     func(int) benchQuery { return fileQuery("r:absent", pick(absentWords)) },
		"r:and2":       func(int) benchQuery { return fileQuery("r:and2", pick(mid)+" "+pick(mid)) },
		"r:and3":       func(int) benchQuery { return fileQuery("r:and3", pick(mid)+" "+pick(mid)+" "+pick(band(0, 60))) },
		"r:phrase": func(int) benchQuery {
			for {
				if ws := v.posts[rng.IntN(len(v.posts))]; len(ws) >= 2 {
					j := rng.IntN(len(ws) - 1)
					return fileQuery("r:phrase", `"`+ws[j]+" "+ws[j+1]+`"`)
				}
			}
		},
		"r:prefix": func(i int) benchQuery {
			w := []rune(pick(mid))
			return fileQuery("r:prefix", string(w[:min(len(w), 3+i%2)])+"*")
		},
		"r:negation": func(int) benchQuery { return fileQuery("r:negation", pick(mid)+" -"+pick(band(0, 60))) },
		"r:name": func(int) benchQuery {
			return fileQuery("r:name", fmt.Sprintf("user%d", 1+rng.IntN(max(1, len(c.Users)-2))))
		},
		"r:cjk": func(int) benchQuery { return fileQuery("r:cjk", pick(cjk)) },
	}
	var out []benchQuery
	for _, row := range realRows {
		for i := range n {
			out = append(out, gen[row](i))
		}
	}
	return out
}

// cjkTerms are CJK words of the history as hark indexes them (bigrams).
func cjkTerms(c corpus.Corpus) []string {
	var out []string
	for i := 0; i < len(c.Posts) && len(out) < 200; i += 7 {
		for _, t := range search.Tokenize(c.Posts[i].Text) {
			if r := []rune(t.Term); len(r) == 2 && unicode.In(r[0], unicode.Han, unicode.Hiragana, unicode.Katakana) {
				out = append(out, t.Term)
			}
		}
	}
	if len(out) == 0 {
		out = []string{"文具"}
	}
	return out
}

// fileQuery is a query in hark's language with its FTS5 form derived as
// the bench's own rows say theirs: plain words on the stemmed table,
// phrases and prefixes on the exact one, "a -b" as "a NOT b", fields not
// at all (FTS5 has none).
func fileQuery(row, q string) benchQuery {
	out := benchQuery{row: row, hark: q}
	if strings.Contains(q, ":") {
		return out
	}
	switch {
	case strings.HasPrefix(q, `"`) && strings.HasSuffix(q, `"`) && len(q) > 2:
		out.fts, out.words = q, strings.Fields(strings.Trim(q, `"`))
	case strings.HasSuffix(q, "*") && !strings.Contains(q, " "):
		out.fts, out.prefix = q, strings.TrimSuffix(q, "*")
	default:
		var fts []string
		for _, w := range strings.Fields(q) {
			if rest, ok := strings.CutPrefix(w, "-"); ok && rest != "" {
				fts = append(fts, "NOT", rest)
				out.words = append(out.words, rest)
				continue
			}
			fts = append(fts, w)
			out.words = append(out.words, w)
		}
		out.fts, out.porter = strings.Join(fts, " "), true
	}
	return out
}

// readQueryFile reads -queryfile: one query a line in hark's language,
// "CLASS|query" to name its row ("file" when unnamed), # a comment.
func readQueryFile(path string) ([]benchQuery, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var qs []benchQuery
	var classes []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		class, q, ok := strings.Cut(text, "|")
		if !ok {
			class, q = "file", text
		}
		class, q = "r:"+strings.TrimSpace(class), strings.TrimSpace(q)
		if _, err := search.Parse(q); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if !slices.Contains(classes, class) {
			classes = append(classes, class)
		}
		qs = append(qs, fileQuery(class, q))
	}
	return qs, classes, sc.Err()
}
