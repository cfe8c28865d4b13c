package hints

import (
	"bufio"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// labelledPost is one line of testdata/needs_answer.tsv.
type labelledPost struct {
	answer     bool
	lang, text string
}

func readLabelled(t *testing.T, path string) []labelledPost {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledPost
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 || parts[0] != "answer" && parts[0] != "none" {
			t.Fatalf("%s:%d: want label, language and text, tab-separated", path, n)
		}
		out = append(out, labelledPost{answer: parts[0] == "answer", lang: parts[1], text: parts[2]})
	}
	return out
}

// TestNeedsAnswerOnLabelledPosts scores NeedsAnswer on support posts
// written and labelled by hand the way real ones read (questions with
// and without a question mark, problems stated flatly, requests,
// follow-ups, sarcasm, thanks that close a matter, praise, banter, in
// eight languages), prints recall and precision overall and by
// language, and fails under 0.9 for either. Run with -v for the figures
// and every miss.
func TestNeedsAnswerOnLabelledPosts(t *testing.T) {
	posts := readLabelled(t, "testdata/needs_answer.tsv")
	s := score(t, posts)
	if len(posts) < 300 || s.languages < 5 {
		t.Errorf("the labelled set has %d posts in %d languages; want at least 300 in 5", len(posts), s.languages)
	}
	if s.recall < 0.9 || s.precision < 0.9 {
		t.Errorf("recall %.2f, precision %.2f: want both at least 0.90", s.recall, s.precision)
	}
}

// TestNeedsAnswerOnHeldOutPosts scores NeedsAnswer on posts written
// after the lexicon was last changed and never tuned on: the figure to
// expect of posts hark has not seen. It fails only under 0.8, so that a
// change that breaks the hints is caught without the set being learnt.
func TestNeedsAnswerOnHeldOutPosts(t *testing.T) {
	s := score(t, readLabelled(t, "testdata/needs_answer_heldout.tsv"))
	if s.recall < 0.8 || s.precision < 0.8 {
		t.Errorf("held out: recall %.2f, precision %.2f: want both at least 0.80", s.recall, s.precision)
	}
}

// scores are NeedsAnswer's figures on a set.
type scores struct {
	recall, precision float64
	languages         int
}

// score runs NeedsAnswer on posts and logs recall and precision, overall
// and by language, and every miss.
func score(t *testing.T, posts []labelledPost) scores {
	t.Helper()
	type tally struct{ tp, fp, fn, tn int }
	all, byLang := tally{}, map[string]*tally{}
	for _, p := range posts {
		words, got := NeedsAnswer(p.text)
		l := byLang[p.lang]
		if l == nil {
			l = &tally{}
			byLang[p.lang] = l
		}
		for _, c := range []*tally{&all, l} {
			switch {
			case got && p.answer:
				c.tp++
			case got:
				c.fp++
			case p.answer:
				c.fn++
			default:
				c.tn++
			}
		}
		if got != p.answer {
			t.Logf("miss (%s, labelled %v): %q %v", p.lang, p.answer, p.text, words)
		}
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	s := scores{recall: ratio(all.tp, all.tp+all.fn), precision: ratio(all.tp, all.tp+all.fp), languages: len(byLang)}
	t.Logf("needs an answer, on %d labelled posts (%d need one): recall %.2f (%d of %d found), precision %.2f (%d of %d flagged were right)",
		len(posts), all.tp+all.fn, s.recall, all.tp, all.tp+all.fn, s.precision, all.tp, all.tp+all.fp)
	for _, lang := range slices.Sorted(maps.Keys(byLang)) {
		c := byLang[lang]
		t.Logf("  %s: %d posts, recall %.2f, precision %.2f", lang, c.tp+c.fp+c.fn+c.tn, ratio(c.tp, c.tp+c.fn), ratio(c.tp, c.tp+c.fp))
	}
	return s
}
