// Package hints tells, without network or model, whether a post asks a
// question, praises or complains, and shows the words that made it think
// so, so the hint can be trusted or dismissed at a glance.
package hints

import (
	"strings"
	"unicode"
)

// Kind is what a hint says about a post.
type Kind string

// The kinds of hint.
const (
	Question  Kind = "question"
	Praise    Kind = "praise"
	Complaint Kind = "complaint"
)

// Hint is one finding with the words that triggered it.
type Hint struct {
	Kind  Kind
	Words []string
}

// Of returns the hints for a post's text, in the order question, praise,
// complaint; none for a neutral post.
func Of(text string) []Hint {
	tokens := tokenize(text)
	var out []Hint
	if words := questionWords(text, tokens); len(words) > 0 {
		out = append(out, Hint{Kind: Question, Words: words})
	}
	praise, complaint := sentiment(tokens)
	if len(praise) > 0 {
		out = append(out, Hint{Kind: Praise, Words: praise})
	}
	if len(complaint) > 0 {
		out = append(out, Hint{Kind: Complaint, Words: complaint})
	}
	return out
}

// Has reports whether text gets a hint of kind k.
func Has(text string, k Kind) bool {
	if k == Question { // the cheap one, asked of every post stored
		return strings.ContainsAny(text, questionMarks) || len(questionWords("", tokenize(text))) > 0
	}
	for _, h := range Of(text) {
		if h.Kind == k {
			return true
		}
	}
	return false
}

// token is a word (lower-cased) or an emoji, with where it starts a
// sentence.
type token struct {
	text          string
	sentenceStart bool
}

// tokenize splits text into words and emoji; @handles, #tags and links are
// left out, since they say nothing about tone.
func tokenize(text string) []token {
	out := make([]token, 0, len(text)/5)
	start := true
	for field := range strings.FieldsSeq(text) {
		if strings.HasPrefix(field, "@") || strings.HasPrefix(field, "#") || strings.Contains(field, "://") {
			continue
		}
		word := strings.ToLower(strings.TrimFunc(field, func(r rune) bool { return unicode.IsPunct(r) && r != '\'' }))
		word = strings.ReplaceAll(word, "’", "'")
		for _, r := range field {
			if isEmoji(r) {
				out = append(out, token{text: string(r)})
			}
		}
		word = strings.TrimFunc(word, isEmoji)
		if word != "" {
			out = append(out, token{text: word, sentenceStart: start})
		}
		start = strings.ContainsAny(field[len(field)-1:], ".!?")
	}
	return out
}

// questionMarks are the question marks of the scripts the shop meets.
const questionMarks = "?？؟"

func isEmoji(r rune) bool { return r >= 0x1F300 || r >= 0x2600 && r <= 0x27BF }

// questionWords finds a question mark, or a sentence that opens as an
// English question does.
func questionWords(text string, tokens []token) []string {
	var words []string
	if strings.ContainsAny(text, questionMarks) {
		words = append(words, "?")
	}
	for _, t := range tokens {
		if t.sentenceStart && questionOpeners[t.text] {
			words = append(words, t.text)
		}
	}
	return words
}

// sentiment finds praise and complaint words; a negation just before a
// word ("not happy", "never arrived" aside) turns praise into complaint
// and cancels a complaint ("not bad").
func sentiment(tokens []token) (praise, complaint []string) {
	for i := range tokens {
		for n := 3; n >= 1; n-- {
			if i+n > len(tokens) || n > 1 && !phraseLeads[tokens[i].text] {
				continue
			}
			phrase := tokens[i].text
			if n > 1 {
				phrase = join(tokens[i : i+n])
			}
			negated := i > 0 && negations[tokens[i-1].text] || i > 1 && negations[tokens[i-2].text]
			switch {
			case praiseWords[phrase] && negated:
				complaint = append(complaint, join(tokens[max(0, i-1):i+n]))
			case praiseWords[phrase]:
				praise = append(praise, phrase)
			case complaintWords[phrase] && !negated:
				complaint = append(complaint, phrase)
			default:
				continue
			}
			break
		}
	}
	return praise, complaint
}

func join(ts []token) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}
