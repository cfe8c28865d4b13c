package search

import "strings"

// A Marker marks one query's words in many texts (a page of results):
// the query is read once, and each distinct word of the texts is stemmed
// once, not once per post and query word (stemming was a fifth of a
// `hark search` process's own work; perf, 50 hits).
type Marker struct {
	runs  [][]wordTest
	stems map[string]string
}

// maxMemoStems bounds the words a Marker remembers the stems of (a
// search may mark up to 100,000 posts); past it stems are worked out.
const maxMemoStems = 4096

// NewMarker reads q for marking.
func NewMarker(q Node) *Marker {
	m := &Marker{stems: map[string]string{}}
	m.runs = positiveRuns(q, m.stem)
	return m
}

// stem is Stem, remembered.
func (m *Marker) stem(t string) string {
	if s, ok := m.stems[t]; ok {
		return s
	}
	s := Stem(t)
	if len(m.stems) < maxMemoStems {
		m.stems[t] = s
	}
	return s
}

// Marks finds the byte spans of text where the query's words, phrases
// and prefixes stand (not those it excludes), in order, for showing why
// a post matched; spans that overlap (CJK bigrams do) are made one.
func (m *Marker) Marks(text string) [][2]int {
	runs := m.runs
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
// stem (as stem works it out), a prefix, a phrase word by word.
func positiveRuns(n Node, stem func(string) string) [][]wordTest {
	switch n := n.(type) {
	case Term:
		s := Stem(n.Term)
		tag, _ := HashtagOf(n.Term)
		return [][]wordTest{{func(t string) bool { return t == tag || stem(t) == s }}}
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
			out = append(out, positiveRuns(k, stem)...)
		}
		return out
	case Or:
		var out [][]wordTest
		for _, k := range n.Kids {
			out = append(out, positiveRuns(k, stem)...)
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
