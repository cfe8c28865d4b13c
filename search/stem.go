package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// A plain word matches the words of its stem: "ship" finds ships,
// shipped and shipping. The Snowball English stemmer (Porter2) decides
// the stem, for words of ASCII letters; other terms (handles, tags,
// numbers, domains, other scripts) match as they are. Quoted phrases
// match words exactly.

// stemPrefix starts the index term that lists the posts holding a word
// whose stem differs from it: "~ship" lists posts with "shipping". A
// post with "ship" itself is listed under "ship"; StemTerms names both.
const stemPrefix = "~"

// Stem is the stem of a term, or the term itself when it is not a plain
// word.
func Stem(term string) string {
	if !stemmable(term) {
		return term
	}
	return english.Stem(term, false)
}

// stemmable says whether a term is a plain English-looking word: ASCII
// letters, at least three.
func stemmable(term string) bool {
	if len(term) < 3 {
		return false
	}
	for i := 0; i < len(term); i++ {
		if c := term[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stemEntry is the extra index term of a word whose stem differs from
// it, or "".
func stemEntry(stems *Stems, term string) string {
	if s := stems.Of(term); s != term {
		return stemPrefix + s
	}
	return ""
}

// StemTerms are the index terms that together list every post holding a
// word with term's stem: the stem's own term (for posts with the stem as
// written, when it is its own stem) and the stem term.
func StemTerms(term string) []string {
	s := Stem(term)
	out := []string{stemPrefix + s}
	if Stem(s) == s {
		out = append(out, s)
	}
	return out
}

// isInternal says whether an index term is not a word of a text: a
// field term, a stem term, or the store's own entries.
func isInternal(term string) bool {
	if strings.HasPrefix(term, stemPrefix) || term != "" && term[0] < 0x20 {
		return true
	}
	for _, f := range Fields {
		if f.Prefix != "" && strings.HasPrefix(term, f.Prefix) {
			return true
		}
	}
	return false
}

// IsWordTerm says whether an index term is a word of some post's text,
// as prefix queries expand to.
func IsWordTerm(term string) bool { return !isInternal(term) }

// TermTerms are the index terms whose posts together are those a plain
// term matches (see Match) but for the people named so (NameTerm) and
// the notes (NoteTerms): the words of its stem, the hashtag of the word
// itself, and the author's handle.
func TermTerms(term string) []string {
	out := append(StemTerms(term), fromPrefix+term)
	if tag, ok := HashtagOf(term); ok {
		out = append(out, tag)
	}
	return out
}

// HashtagOf is the hashtag a plain word also means: "refund" finds
// "#refund" (a customer tags the problem; the owner searches the word).
// Only the word as written: a hashtag is not stemmed. ok is false for a
// term that is itself a hashtag, a handle or a price.
func HashtagOf(term string) (string, bool) {
	r, _ := utf8.DecodeRuneInString(term)
	if term == "" || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return "", false
	}
	return "#" + term, true
}

// Stems keeps the stems of words met, for ingest: Snowball takes about a
// microsecond a word, a post has fifteen or so, and words repeat (a few
// hundred make most of any text). It is safe for concurrent use and
// holds at most maxStems words.
type Stems struct {
	mu sync.Mutex
	m  map[string]string
}

// maxStems bounds a Stems: past it, it starts again (about 4 MB).
const maxStems = 50000

// Of is Stem(term), remembered.
func (s *Stems) Of(term string) string {
	if s == nil || !stemmable(term) {
		return Stem(term)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.m[term]; ok {
		return st
	}
	if s.m == nil || len(s.m) >= maxStems {
		s.m = make(map[string]string, 1024)
	}
	st := Stem(term)
	s.m[term] = st
	return st
}
