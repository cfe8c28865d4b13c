package search

import "strings"

// Marks finds the byte spans of text where q's words, phrases and
// prefixes stand (not those it excludes), in order, for showing why a
// post matched; spans that overlap (CJK bigrams do) are made one.
func Marks(q Node, text string) [][2]int {
	runs := positiveRuns(q)
	if len(runs) == 0 {
		return nil
	}
	toks := Tokenize(text)
	var out [][2]int
	for i := range toks {
		for _, run := range runs {
			if !runAt(toks[i:], run) {
				continue
			}
			span := [2]int{toks[i].Start, toks[i+len(run)-1].End}
			if n := len(out); n > 0 && span[0] <= out[n-1][1] {
				out[n-1][1] = max(out[n-1][1], span[1])
			} else {
				out = append(out, span)
			}
		}
	}
	return out
}

// Highlight is text with each marked span passed through mark. Spans out
// of order or out of the text are passed over.
func Highlight(text string, marks [][2]int, mark func(string) string) string {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] < m[0] || m[1] > len(text) {
			continue
		}
		b.WriteString(text[at:m[0]] + mark(text[m[0]:m[1]]))
		at = m[1]
	}
	b.WriteString(text[at:])
	return b.String()
}

// wordTest says whether a token's term is one a query looks for.
type wordTest func(term string) bool

// positiveRuns are the runs of words a query looks for: a word by its
// stem, a prefix, a phrase word by word.
func positiveRuns(n Node) [][]wordTest {
	switch n := n.(type) {
	case Term:
		s := Stem(n.Term)
		return [][]wordTest{{func(t string) bool { return Stem(t) == s }}}
	case Prefix:
		return [][]wordTest{{func(t string) bool { return strings.HasPrefix(t, n.Prefix) }}}
	case Phrase:
		run := make([]wordTest, len(n.Terms))
		for i, want := range n.Terms {
			run[i] = func(t string) bool { return t == want }
		}
		return [][]wordTest{run}
	case And:
		var out [][]wordTest
		for _, k := range n.Kids {
			out = append(out, positiveRuns(k)...)
		}
		return out
	case Or:
		var out [][]wordTest
		for _, k := range n.Kids {
			out = append(out, positiveRuns(k)...)
		}
		return out
	}
	return nil
}

// runAt says whether toks start with a run.
func runAt(toks []Token, run []wordTest) bool {
	if len(run) == 0 || len(run) > len(toks) {
		return false
	}
	for j, test := range run {
		if !test(toks[j].Term) {
			return false
		}
	}
	return true
}
