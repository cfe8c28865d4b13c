// Package search is hark's query language and the tokens it matches:
// words folded for case and accents, @handles, #hashtags and $cashtags,
// link domains, CJK bigrams and emoji. The index in the store holds these
// tokens; this package parses queries and says what a token is.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/harkhq/hark/network"
	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// Token is a term found in a text, with where it stands (byte offsets),
// for highlighting.
type Token struct {
	Term       string
	Start, End int
}

// Tokenize splits a text into its terms, in order: a query's, or a
// post's shown, its links those any network sees (see TokenizePost).
func Tokenize(s string) []Token { return tokenize(s, linkSpans(network.AnyLinks(s))) }

// TokenizePost splits the text of a post of the network named ("" is
// X's) into its terms, its links as that network sees them.
func TokenizePost(net, s string) []Token { return tokenize(s, linkSpans(network.LinksOf(net, s))) }

// tokenize splits s, whose links start and end as links says.
func tokenize(s string, links map[int]int) []Token {
	out := make([]Token, 0, len(s)/5) // about a word in five bytes
	// cjk is a run of CJK characters, made into bigrams at its end.
	var cjk []Token
	flush := func() {
		out = append(out, bigrams(cjk)...)
		cjk = cjk[:0]
	}
	for i := 0; i < len(s); {
		if end, ok := links[i]; ok {
			flush()
			for _, d := range domainsOf(s[i:end]) {
				out = append(out, Token{Term: d, Start: i, End: end})
			}
			i = end
			continue
		}
		word, rest := firstWord(s[i:])
		if len(word) == 0 {
			break
		}
		start, end := i, i+len(word)
		i += len(word)
		if r, _ := utf8.DecodeRuneInString(word); isCJK(r) && utf8.RuneCountInString(word) == 1 {
			cjk = append(cjk, Token{Term: word, Start: start, End: end})
			continue
		}
		flush()
		if tok, n, ok := special(s, start, word, rest); ok {
			out = append(out, tok)
			i = start + n
			continue
		}
		if t := termOf(word); t != "" {
			out = append(out, Token{Term: t, Start: start, End: end})
		}
	}
	flush()
	return out
}

// firstWord splits off s's first word by Unicode word segmentation
// (UAX #29), as uniseg.FirstWordInString does. Plain ASCII words, spaces
// and signs, most of a post, are found without uniseg's state machine.
func firstWord(s string) (word, rest string) {
	if n := asciiWordLen(s); n > 0 {
		return s[:n], s[n:]
	}
	word, rest, _ = uniseg.FirstWordInString(s, -1)
	return word, rest
}

// asciiWordLen is the length of s's first word when ASCII alone decides
// it, else 0. A run of letters and digits, or of spaces, or one sign,
// ends at an ASCII character that cannot join it: not a letter or digit,
// nor one of the characters UAX #29 lets stand inside or join words
// (. : ' , ; _), nor a control. Anything else is left to uniseg.
func asciiWordLen(s string) int {
	if s == "" {
		return 0
	}
	n := 1
	switch c := s[0]; {
	case isASCIIAlnum(c):
		for n < len(s) && isASCIIAlnum(s[n]) {
			n++
		}
	case c == ' ':
		for n < len(s) && s[n] == ' ' {
			n++
		}
	case c < 0x20 || c >= 0x7f || c == '_':
		return 0
	}
	if n < len(s) && !endsASCIIWord(s[n]) {
		return 0
	}
	return n
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// endsASCIIWord says whether c surely starts a new word after a run of
// letters and digits, of spaces, or a sign.
func endsASCIIWord(c byte) bool {
	return c >= 0x20 && c < 0x7f && !strings.ContainsRune(".:',;_", rune(c))
}

// special reads @handle, #hashtag and $cashtag: the sign is its own word
// in UAX #29, followed by the name.
func special(s string, start int, word, rest string) (Token, int, bool) {
	if word != "@" && word != "#" && word != "$" && word != "＠" && word != "＃" {
		return Token{}, 0, false
	}
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); isWordRune(r) {
			return Token{}, 0, false // an email address or a price inside a word
		}
	}
	name, _ := firstWord(rest)
	n := 0
	for _, r := range name {
		if !isWordRune(r) && r != '_' {
			break
		}
		n += utf8.RuneLen(r)
	}
	if first, _ := utf8.DecodeRuneInString(name); n == 0 || word == "$" && !unicode.IsLetter(first) {
		return Token{}, 0, false
	}
	sign := word
	switch word {
	case "＠":
		sign = "@"
	case "＃":
		sign = "#"
	}
	name = name[:n]
	// A handle may run on across underscores UAX #29 splits on.
	for strings.HasPrefix(rest[n:], "_") {
		more, _ := firstWord(rest[n+1:])
		name += "_" + more
		n += 1 + len(more)
	}
	return Token{Term: sign + fold(name), Start: start, End: start + len(word) + n}, len(word) + n, true
}

// termOf folds a word into a term; "" for punctuation and space.
func termOf(word string) string {
	r, _ := utf8.DecodeRuneInString(word)
	if isEmoji(r) {
		return strings.ReplaceAll(word, "\uFE0F", "")
	}
	for _, r := range word {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return fold(word)
		}
	}
	return ""
}

// fold lowers a term and drops its accents.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// bigrams makes CJK characters searchable: each pair of neighbours, or the
// character alone when it stands by itself.
func bigrams(run []Token) []Token {
	if len(run) == 1 {
		return []Token{run[0]}
	}
	var out []Token
	for i := 0; i+1 < len(run); i++ {
		if run[i+1].Start != run[i].End {
			continue
		}
		out = append(out, Token{Term: run[i].Term + run[i+1].Term, Start: run[i].Start, End: run[i+1].End})
	}
	return out
}

func isCJK(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isEmoji(r rune) bool {
	return r >= 0x1F000 || r >= 0x2600 && r <= 0x27BF || r == 0x2B50 || r == 0x2764
}

// linkSpans maps the byte offset where each link starts to where it
// ends.
func linkSpans(links [][2]int) map[int]int {
	if len(links) == 0 {
		return nil
	}
	spans := make(map[int]int, len(links))
	for _, l := range links {
		spans[l[0]] = l[1]
	}
	return spans
}

// domainsOf is a link's host, lower-cased, without "www.", and each
// parent domain of two labels or more: shop.example.com is found by
// example.com too.
func domainsOf(link string) []string {
	link = strings.ToLower(link)
	if i := strings.Index(link, "://"); i >= 0 {
		link = link[i+3:]
	}
	if i := strings.IndexAny(link, "/?#:"); i >= 0 {
		link = link[:i]
	}
	host := strings.TrimPrefix(link, "www.")
	if host == "" {
		return nil
	}
	out := []string{host}
	for d := host; strings.Count(d, ".") > 1; {
		d = d[strings.IndexByte(d, '.')+1:]
		out = append(out, d)
	}
	return out
}

// Fold is how handles and terms are compared: lower case, no accents.
func Fold(s string) string { return fold(s) }
