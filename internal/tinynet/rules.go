package tinynet

import (
	"strings"
	"unicode/utf8"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Limit is the most characters (code points) a tiny post holds.
const Limit = 100

// Name is the tiny network's name in hark's records.
const Name = "tiny"

// Rules are the tiny network's: every code point counts one, links
// included, up to Limit; a link is a word that starts http:// or
// https://.
type Rules struct{}

// DMLimit is the most characters a tiny DM holds.
const DMLimit = 500

// Count counts text as the tiny network does.
func (Rules) Count(text string) network.Count { return countUpTo(text, Limit) }

// CountDM counts text as the tiny network counts a DM.
func (Rules) CountDM(text string) network.Count { return countUpTo(text, DMLimit) }

// countUpTo counts code points against limit.
func countUpTo(text string, limit int) network.Count {
	n := utf8.RuneCountInString(text)
	end := len(text)
	if n > limit {
		end = 0
		for range limit {
			_, size := utf8.DecodeRuneInString(text[end:])
			end += size
		}
	}
	return network.Count{Length: n, Limit: limit, Valid: n > 0 && n <= limit, ValidEnd: end}
}

// Links are the words that start with a scheme.
func (Rules) Links(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		j := strings.IndexAny(text[i:], " \n\t")
		if j < 0 {
			j = len(text) - i
		}
		if w := text[i : i+j]; strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://") {
			out = append(out, [2]int{i, i + j})
		}
		i += j + 1
	}
	return out
}

// Title is the tiny network's name as a person says it.
func (Rules) Title() string { return "Tiny" }

// Mark implements network.Rules: the network's short mark.
func (Rules) Mark() string { return "tiny" }

// PostURL is where the tiny network shows a post.
func (Rules) PostURL(p model.Post) (string, bool) {
	if p.On == nil || p.Kind.IsDM() {
		return "", false
	}
	return "https://tiny.example/" + p.On.Ref, true
}

// ProfileURL is where the tiny network shows a person.
func (Rules) ProfileURL(u model.User) string { return "https://tiny.example/@" + u.Username }

// Answerable: the tiny network takes a public reply to any post but a
// DM.
func (Rules) Answerable(p model.Post, _ model.User) bool { return !p.Kind.IsDM() }
