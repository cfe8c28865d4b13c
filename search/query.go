package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Node is a parsed query.
type Node interface{ String() string }

// Term matches posts holding a term (a word, @handle, #tag, domain…): a
// plain word by its stem, and also the posts of an author of that
// handle or with that word in their name (see Match).
type Term struct{ Term string }

// Prefix matches posts holding a word that starts with Prefix (ship*).
type Prefix struct{ Prefix string }

// minPrefix is the shortest prefix a query may ask for: shorter ones
// name most of the vocabulary.
const minPrefix = 2

// Phrase matches posts holding terms next to each other, in order.
type Phrase struct{ Terms []string }

// Field matches posts by what is known of them besides their words.
type Field struct{ Name, Value string }

// And matches posts every part matches; Or, posts any part matches.
type (
	And struct{ Kids []Node }
	Or  struct{ Kids []Node }
	// Not matches posts its part does not.
	Not struct{ Kid Node }
)

func (t Term) String() string   { return t.Term }
func (p Prefix) String() string { return p.Prefix + "*" }
func (p Phrase) String() string { return strconv.Quote(strings.Join(p.Terms, " ")) }
func (f Field) String() string  { return f.Name + ":" + f.Value }
func (a And) String() string    { return "(" + join(a.Kids, " ") + ")" }
func (o Or) String() string     { return "(" + join(o.Kids, " OR ") + ")" }
func (n Not) String() string    { return "-" + n.Kid.String() }

func join(ns []Node, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return strings.Join(parts, sep)
}

// Error is a malformed query: where (a 1-based character position) and
// why.
type Error struct {
	Pos int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("query error at character %d: %s", e.Pos, e.Msg) }

// Parse reads a query. Words must all match; "quotes" make a phrase; OR,
// a leading -, and parentheses combine; name:value are fields.
func Parse(q string) (Node, error) {
	p := &parser{toks: lex(q)}
	for _, t := range p.toks {
		if t.kind == tokError {
			return nil, &Error{Pos: t.pos + 1, Msg: t.text}
		}
	}
	if len(p.toks) == 0 {
		return nil, &Error{Pos: 1, Msg: "empty query"}
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t != nil {
		return nil, &Error{Pos: t.pos + 1, Msg: fmt.Sprintf("unexpected %q", t.text)}
	}
	return n, nil
}

type parser struct {
	toks []token
	at   int
}

func (p *parser) peek() *token {
	if p.at < len(p.toks) {
		return &p.toks[p.at]
	}
	return nil
}

func (p *parser) or() (Node, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	kids := []Node{first}
	for t := p.peek(); t != nil && t.kind == tokOr; t = p.peek() {
		p.at++
		next, err := p.and()
		if err != nil {
			return nil, err
		}
		kids = append(kids, next)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return Or{Kids: kids}, nil
}

func (p *parser) and() (Node, error) {
	var kids []Node
	for t := p.peek(); t != nil && t.kind != tokOr && t.kind != tokClose; t = p.peek() {
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	switch len(kids) {
	case 0:
		pos := len(p.toks)
		if t := p.peek(); t != nil {
			return nil, &Error{Pos: t.pos + 1, Msg: fmt.Sprintf("nothing before %q", t.text)}
		}
		if pos > 0 {
			last := p.toks[pos-1]
			return nil, &Error{Pos: last.pos + len(last.text) + 1, Msg: "the query ends where a word was expected"}
		}
		return nil, &Error{Pos: 1, Msg: "empty query"}
	case 1:
		return kids[0], nil
	}
	return And{Kids: kids}, nil
}

func (p *parser) unary() (Node, error) {
	t := p.peek()
	if t.kind == tokNot {
		p.at++
		if next := p.peek(); next == nil || next.kind == tokOr || next.kind == tokClose {
			return nil, &Error{Pos: t.pos + 1, Msg: "- needs something to leave out"}
		}
		kid, err := p.unary()
		if err != nil {
			return nil, err
		}
		return Not{Kid: kid}, nil
	}
	return p.primary()
}

func (p *parser) primary() (Node, error) {
	t := p.peek()
	p.at++
	switch t.kind {
	case tokOpen:
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c == nil || c.kind != tokClose {
			return nil, &Error{Pos: t.pos + 1, Msg: "this ( is never closed"}
		}
		p.at++
		return n, nil
	case tokQuoted:
		terms := tokenTerms(t.text)
		if len(terms) == 0 {
			return nil, &Error{Pos: t.pos + 1, Msg: "an empty phrase"}
		}
		return Phrase{Terms: terms}, nil
	}
	return wordNode(t)
}

// wordNode is a bare word: a field, or the terms the word folds into.
func wordNode(t *token) (Node, error) {
	if name, value, ok := strings.Cut(t.text, ":"); ok && isFieldName(name) && !strings.HasPrefix(value, "//") {
		spec, known := Spec(strings.ToLower(name))
		if !known {
			return nil, &Error{Pos: t.pos + 1, Msg: fmt.Sprintf("unknown field %q (known: %s)", name+":", fieldNames())}
		}
		if err := spec.checkValue(value); err != nil {
			return nil, &Error{Pos: t.pos + len(name) + 2, Msg: fmt.Sprintf("%s: %v", name, err)}
		}
		return Field{Name: spec.Name, Value: spec.normalize(value)}, nil
	}
	if strings.HasSuffix(t.text, "*") {
		return prefixNode(t)
	}
	terms := tokenTerms(t.text)
	switch len(terms) {
	case 0:
		return nil, &Error{Pos: t.pos + 1, Msg: fmt.Sprintf("%q holds nothing searchable", t.text)}
	case 1:
		return Term{Term: terms[0]}, nil
	}
	return Phrase{Terms: terms}, nil
}

// prefixNode reads ship*: one word, at least minPrefix characters.
func prefixNode(t *token) (Node, error) {
	terms := tokenTerms(strings.TrimSuffix(t.text, "*"))
	switch {
	case len(terms) != 1:
		return nil, &Error{Pos: t.pos + 1, Msg: fmt.Sprintf("%q: a prefix is one word before the *", t.text)}
	case utf8.RuneCountInString(terms[0]) < minPrefix:
		return nil, &Error{Pos: t.pos + 1, Msg: fmt.Sprintf("%q: a prefix needs %d characters at least", t.text, minPrefix)}
	}
	return Prefix{Prefix: terms[0]}, nil
}

func isFieldName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func tokenTerms(s string) []string {
	var out []string
	for _, t := range Tokenize(s) {
		out = append(out, t.Term)
	}
	return out
}

func nonEmpty(v string) error {
	if v == "" {
		return fmt.Errorf("needs a value")
	}
	return nil
}

func handleValue(v string) error {
	v = strings.TrimPrefix(v, "@")
	if v == "" {
		return fmt.Errorf("needs a handle")
	}
	for _, r := range v {
		if !isWordRune(r) && r != '_' {
			return fmt.Errorf("%q is not a handle", v)
		}
	}
	return nil
}

func idValue(v string) error {
	if _, err := strconv.ParseUint(v, 10, 64); err != nil {
		return fmt.Errorf("%q is not a conversation id", v)
	}
	return nil
}

func oneOf(values ...string) func(string) error {
	return func(v string) error {
		for _, ok := range values {
			if strings.EqualFold(v, ok) {
				return nil
			}
		}
		return fmt.Errorf("%q is not one of %s", v, strings.Join(values, ", "))
	}
}

func dateValue(v string) error {
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return fmt.Errorf("%q is not a date like 2026-03-01", v)
	}
	return nil
}

// sinceValue reads 30m, 24h, 7d, 2w.
func sinceValue(v string) error {
	if _, ok := SinceDuration(v); !ok {
		return fmt.Errorf("%q is not like 24h, 7d or 2w", v)
	}
	return nil
}

// SinceDuration reads a since: value.
func SinceDuration(v string) (time.Duration, bool) {
	if len(v) < 2 {
		return 0, false
	}
	n, err := strconv.Atoi(v[:len(v)-1])
	unit := map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[v[len(v)-1]]
	if err != nil || n <= 0 || unit == 0 {
		return 0, false
	}
	return time.Duration(n) * unit, true
}

// The lexer's tokens.
type tokKind int

const (
	tokWord tokKind = iota
	tokQuoted
	tokOpen
	tokClose
	tokOr
	tokNot
	tokError
)

type token struct {
	kind tokKind
	text string
	pos  int // character (rune) position, 0-based
}

// lex splits a query into words, quoted phrases, parentheses, OR and -.
func lex(q string) []token {
	var toks []token
	runes := []rune(q)
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == ')':
			kind := tokOpen
			if r == ')' {
				kind = tokClose
			}
			toks = append(toks, token{kind: kind, text: string(r), pos: i})
			i++
		case r == '"':
			j := i + 1
			for j < len(runes) && runes[j] != '"' {
				j++
			}
			if j == len(runes) {
				return append(toks, token{kind: tokError, text: "this quote is never closed", pos: i})
			}
			toks = append(toks, token{kind: tokQuoted, text: string(runes[i+1 : j]), pos: i})
			i = j + 1
		case r == '-' && i+1 < len(runes) && !unicode.IsSpace(runes[i+1]) && (i == 0 || isBreak(runes[i-1])):
			toks = append(toks, token{kind: tokNot, text: "-", pos: i})
			i++
		default:
			j := i
			for j < len(runes) && !unicode.IsSpace(runes[j]) && runes[j] != '(' && runes[j] != ')' && runes[j] != '"' {
				j++
			}
			word := string(runes[i:j])
			kind := tokWord
			if word == "OR" {
				kind = tokOr
			}
			toks = append(toks, token{kind: kind, text: word, pos: i})
			i = j
		}
	}
	return toks
}

func isBreak(r rune) bool { return unicode.IsSpace(r) || r == '(' }
