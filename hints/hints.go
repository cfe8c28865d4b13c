// Package hints tells, without network or model, whether a post asks a
// question, states a problem or complains, asks for something, or
// praises, and shows the words that made it think so, so the hint can be
// trusted or dismissed at a glance. NeedsAnswer puts them together: does
// the post wait for the shop? Its figures on a labelled set of real-style
// support posts are printed by TestNeedsAnswerOnLabelledPosts. A hint
// never hides a post or closes a conversation by itself.
package hints

import (
	"slices"
	"strings"
	"unicode"
)

// Kind is what a hint says about a post.
type Kind string

// The kinds of hint.
const (
	Question Kind = "question"
	Praise   Kind = "praise"
	// Complaint is a complaint or a problem stated ("will not print").
	Complaint Kind = "complaint"
	// Request asks the shop to do something ("Please DM me").
	Request Kind = "request"
)

// Hint is one finding with the words that triggered it.
type Hint struct {
	Kind  Kind
	Words []string
}

// Of returns the hints for a post's text, in the order question, praise,
// complaint, request; none for a neutral post. Praise beside a problem
// is not praise ("wonderful, just wonderful … get it together"); a post
// that closes a matter ("all sorted now, thanks") and asks nothing
// states no problem and requests nothing.
func Of(text string) []Hint {
	r := read(text)
	var out []Hint
	if words := r.questionWords(); len(words) > 0 {
		out = append(out, Hint{Kind: Question, Words: words})
	}
	praise, complaint := sentiment(r.tokens)
	complaint = slices.DeleteFunc(complaint, excepted)
	complaint = append(complaint, r.find(problemLex)...)
	request := r.find(requestLex)
	if closing := len(r.find(resolvedLex)) > 0 && !r.asks(); closing {
		complaint, request = nil, nil
	}
	if len(praise) > 0 && len(complaint) == 0 {
		out = append(out, Hint{Kind: Praise, Words: praise})
	}
	if len(complaint) > 0 {
		out = append(out, Hint{Kind: Complaint, Words: complaint})
	}
	if len(request) > 0 {
		out = append(out, Hint{Kind: Request, Words: request})
	}
	return out
}

// NeedsAnswer reports whether the post waits for the shop's answer,
// with the words that say so. A support inbox's posts mostly do, and a
// problem can be told in words no list holds ("the dye ran in the first
// wash"), while the posts that do not (thanks, praise, a matter closed,
// banter) speak a narrow language. So a post needs an answer when it
// asks, states a problem, complains, requests or negates something
// ("isn't waterproof"), and also when it says nothing either way; only
// a post that thanks, praises, closes or jokes, and does none of those,
// needs none. (Where nothing decides, words is empty.)
func NeedsAnswer(text string) ([]string, bool) {
	var words []string
	positive := false
	for _, h := range Of(text) {
		if h.Kind == Praise {
			positive = true
			continue
		}
		words = append(words, h.Words...)
	}
	if len(words) > 0 {
		return words, true
	}
	r := read(text)
	closing := len(r.find(resolvedLex)) > 0
	if neg := r.negated(); len(neg) > 0 && !closing {
		return neg, true
	}
	content := positive || closing || r.excepted || len(r.find(contentLex)) > 0
	return nil, !content
}

// Has reports whether text gets a hint of kind k.
func Has(text string, k Kind) bool {
	for _, h := range Of(text) {
		if h.Kind == k {
			return true
		}
	}
	return false
}

// reading is a post's text prepared for the lexicons: its words, and
// the whole text lower-cased with punctuation made spaces.
type reading struct {
	text   string
	tokens []token
	// flat is " words joined by single spaces " (CJK kept as it is,
	// punctuation gone), for phrases to be found on word boundaries.
	flat string
	// excepted says an exception was taken out: "can't wait", "not
	// bad" are content, not problems.
	excepted bool
	// words are flat's words; otherScript says the text has letters
	// beyond Latin (see lexicon).
	words       []string
	otherScript bool
}

func read(text string) reading {
	lower := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	flat := strings.Join(strings.FieldsFunc(lower, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\'' || unicode.IsSymbol(r)
	}), " ")
	flat = " " + flat + " "
	excepted := false
	for _, x := range exceptionWords { // what reads as a problem and is not
		if strings.Contains(flat, x) {
			flat, excepted = strings.ReplaceAll(flat, x, " · "), true
		}
	}
	return reading{text: text, tokens: tokenize(text), flat: flat, excepted: excepted, words: strings.Fields(flat), otherScript: hasOtherScript(flat)}
}

// excepted reports a complaint found in one of the exceptions ("can't
// recommend" in "can't recommend them enough").
func excepted(complaint string) bool {
	return slices.ContainsFunc(exceptions, func(x string) bool { return strings.HasPrefix(x, complaint) })
}

// asks reports a question mark, in any of the scripts the shop meets.
func (r reading) asks() bool { return strings.ContainsAny(r.text, questionMarks) }

func isLatin(s string) bool {
	for _, c := range s {
		if c > unicode.MaxLatin1 && !unicode.In(c, unicode.Latin) {
			return false
		}
	}
	return true
}

// token is a word (lower-cased) or an emoji, with where it starts a
// sentence and the word after it.
type token struct {
	text          string
	sentenceStart bool
	// exclaims marks the first word of a sentence that ends with "!".
	exclaims bool
}

// tokenize splits text into words and emoji; @handles, #tags and links are
// left out, since they say nothing about tone.
func tokenize(text string) []token {
	out := make([]token, 0, len(text)/5)
	start, first := true, -1
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
			if start {
				first = len(out)
			}
			out = append(out, token{text: word, sentenceStart: start})
		}
		start = strings.ContainsAny(field[len(field)-1:], ".!?")
		if strings.HasSuffix(field, "!") && first >= 0 {
			out[first].exclaims = true
		}
	}
	return out
}

// questionMarks are the question marks of the scripts the shop meets.
const questionMarks = "?？؟¿"

func isEmoji(r rune) bool { return r >= 0x1F300 || r >= 0x2600 && r <= 0x27BF }

// questionWords finds a question mark, a sentence that opens as an
// English question does (a question word, or a verb and its subject:
// "do you ship", not "can't wait!"), or a question's ending in another
// language ("ますか").
func (r reading) questionWords() []string {
	var words []string
	if r.asks() {
		words = append(words, "?")
	}
	for i, t := range r.tokens {
		if !t.sentenceStart || t.exclaims {
			continue
		}
		next := ""
		if i+1 < len(r.tokens) {
			next = r.tokens[i+1].text
		}
		if questionWordsEN[t.text] && !notQuestionAfter[next] || auxiliaries[t.text] && subjects[next] {
			words = append(words, t.text)
		}
	}
	return append(words, r.find(endingLex)...)
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

// negated finds a negation that is not one of the exceptions ("not
// bad"): in a support post, what is not so is mostly a problem.
func (r reading) negated() []string {
	var out []string
	for _, w := range r.words {
		if negations[w] || strings.HasSuffix(w, "n't") {
			out = append(out, w)
		}
	}
	return out
}
