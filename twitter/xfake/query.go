package xfake

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/harkhq/hark/model"
)

// maxQuery is the longest search query a self-serve app may send.
const maxQuery = 512

// matcher is a parsed search query: the part of X's query language this
// fake serves (words, "phrases", OR, a leading -, parentheses, from:,
// @handle and #tag). Words match whole words, case folded: "paper"
// matches "Paper," and the handle in "@paper", not "paperandpine".
type matcher interface {
	match(p model.Post, author model.User) bool
}

type (
	allOf   []matcher
	anyOf   []matcher
	notM    struct{ m matcher }
	phraseM []string
	fromM   string
	mention string
	hashtag string
)

func (a allOf) match(p model.Post, u model.User) bool {
	for _, m := range a {
		if !m.match(p, u) {
			return false
		}
	}
	return true
}

func (a anyOf) match(p model.Post, u model.User) bool {
	for _, m := range a {
		if m.match(p, u) {
			return true
		}
	}
	return false
}

func (n notM) match(p model.Post, u model.User) bool { return !n.m.match(p, u) }

func (f fromM) match(_ model.Post, u model.User) bool {
	return strings.EqualFold(u.Username, string(f))
}

func (h mention) match(p model.Post, _ model.User) bool {
	return mentions(strings.ToLower(p.Text), "@"+string(h))
}

func (h hashtag) match(p model.Post, _ model.User) bool { return containsWord(p.Text, "#"+string(h)) }

func (ph phraseM) match(p model.Post, _ model.User) bool {
	words := wordsOf(p.Text)
	for i := 0; i+len(ph) <= len(words); i++ {
		ok := true
		for j, w := range ph {
			if words[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// containsWord reports a whitespace-separated token, case folded.
func containsWord(text, w string) bool {
	for _, f := range strings.Fields(strings.ToLower(text)) {
		if strings.TrimRight(f, ".,!?;:") == w {
			return true
		}
	}
	return false
}

// wordsOf folds a text into its words: letters, digits and _.
func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
}

// parseQuery reads a query; its errors are X's words for a 400.
func parseQuery(q string) (matcher, error) {
	toks, err := lexQuery(q)
	if err != nil {
		return nil, err
	}
	p := &queryParser{toks: toks}
	m, err := p.or()
	switch {
	case err != nil:
	case p.at < len(p.toks):
		err = fmt.Errorf("There were errors processing your request: Unexpected ')' (at position %d)", p.at+1)
	case !positive(m):
		err = fmt.Errorf("There were errors processing your request: Rules must contain a non-negation term")
	}
	return m, err
}

// positive reports whether a query asks for something, not only for its
// absence (X refuses "-word" alone).
func positive(m matcher) bool {
	switch m := m.(type) {
	case allOf:
		for _, part := range m {
			if positive(part) {
				return true
			}
		}
		return false
	case anyOf:
		for _, part := range m {
			if !positive(part) {
				return false
			}
		}
		return true
	case notM:
		return false
	}
	return true
}

func lexQuery(q string) ([]string, error) {
	var toks []string
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '(' || c == ')':
			toks = append(toks, string(c))
			i++
		case c == '"' || c == '-' && i+1 < len(q) && q[i+1] == '"':
			start := i
			if c == '-' {
				i++
			}
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("There were errors processing your request: Unterminated quoted string (at position %d)", start+1)
			}
			toks = append(toks, q[start:i+end+2])
			i += end + 2
		default:
			start := i
			for i < len(q) && !strings.ContainsRune(" \t\n()\"", rune(q[i])) {
				i++
			}
			toks = append(toks, q[start:i])
		}
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("There were errors processing your request: Rules must contain a non-negation term")
	}
	return toks, nil
}

type queryParser struct {
	toks []string
	at   int
}

func (p *queryParser) or() (matcher, error) {
	var parts anyOf
	for {
		m, err := p.and()
		if err != nil {
			return nil, err
		}
		parts = append(parts, m)
		if p.at < len(p.toks) && p.toks[p.at] == "OR" {
			p.at++
			continue
		}
		if len(parts) == 1 {
			return parts[0], nil
		}
		return parts, nil
	}
}

func (p *queryParser) and() (matcher, error) {
	var parts allOf
	for p.at < len(p.toks) && p.toks[p.at] != ")" && p.toks[p.at] != "OR" {
		m, err := p.unary()
		if err != nil {
			return nil, err
		}
		parts = append(parts, m)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("There were errors processing your request: Rules must contain a non-negation term (at position %d)", p.at+1)
	}
	return parts, nil
}

func (p *queryParser) unary() (matcher, error) {
	tok := p.toks[p.at]
	p.at++
	if tok == "(" {
		m, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.at >= len(p.toks) || p.toks[p.at] != ")" {
			return nil, fmt.Errorf("There were errors processing your request: Missing closing parenthesis")
		}
		p.at++
		return m, nil
	}
	if rest, ok := strings.CutPrefix(tok, "-"); ok && rest != "" {
		p.toks[p.at-1] = rest
		p.at--
		m, err := p.unary()
		return notM{m}, err
	}
	return term(tok), nil
}

// term reads one word, phrase or operator.
func term(tok string) matcher {
	low := strings.ToLower(tok)
	switch {
	case strings.HasPrefix(low, `"`):
		return phraseM(wordsOf(strings.Trim(low, `"`)))
	case strings.HasPrefix(low, "from:"):
		return fromM(strings.TrimPrefix(strings.TrimPrefix(low, "from:"), "@"))
	case strings.HasPrefix(low, "@") && len(low) > 1:
		return mention(low[1:])
	case strings.HasPrefix(low, "#") && len(low) > 1:
		return hashtag(low[1:])
	}
	return phraseM(wordsOf(low))
}
