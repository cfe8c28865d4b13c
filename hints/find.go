package hints

import (
	"slices"
	"strings"
	"unicode"
)

// lexicon is a list of phrases made quick to find in a post: each is
// looked for only where the post has its first word (a post is read for
// hints on every store, search index and report: a substring search of
// each of hundreds of phrases took 40 µs a post), and a phrase in
// another script (日本語, no spaces to find words by) only in a post that
// has such letters.
type lexicon struct {
	byFirst map[string][][]string // Latin-script phrases, as words, by their first
	other   []string              // phrases found anywhere in the text
}

func newLexicon(phrases []string) lexicon {
	l := lexicon{byFirst: map[string][][]string{}}
	for _, p := range phrases {
		if !isLatin(p) {
			l.other = append(l.other, p)
			continue
		}
		words := strings.Fields(p)
		l.byFirst[words[0]] = append(l.byFirst[words[0]], words)
	}
	return l
}

// The lexicons, made once.
var (
	// exceptionWords are the exceptions as read() looks for them: whole
	// words, the spaces around them made once, not per post.
	exceptionWords = func() []string {
		out := make([]string, len(exceptions))
		for i, x := range exceptions {
			out[i] = " " + x + " "
		}
		return out
	}()
	problemLex  = newLexicon(problemPhrases)
	requestLex  = newLexicon(requestPhrases)
	resolvedLex = newLexicon(resolvedPhrases)
	contentLex  = newLexicon(contentPhrases)
	endingLex   = newLexicon(questionEndings)
)

// find returns the phrases of a lexicon the text holds, each once: a
// Latin-script one as whole words, another anywhere.
func (r reading) find(l lexicon) []string {
	var out []string
	for i, w := range r.words {
		for _, p := range l.byFirst[w] {
			if i+len(p) <= len(r.words) && slices.Equal(r.words[i:i+len(p)], p) {
				if phrase := strings.Join(p, " "); !slices.Contains(out, phrase) {
					out = append(out, phrase)
				}
			}
		}
	}
	if r.otherScript {
		for _, p := range l.other {
			if strings.Contains(r.flat, p) && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// hasOtherScript reports letters beyond Latin: phrases of other scripts
// are looked for only then.
func hasOtherScript(s string) bool {
	for _, c := range s {
		if c > unicode.MaxLatin1 && !unicode.In(c, unicode.Latin) {
			return true
		}
	}
	return false
}
