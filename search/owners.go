package search

import "slices"

// Some index terms list owners, not posts: the people named with a word,
// the conversations and people whose notes hold one. Kept per owner,
// they cost ingest nothing and follow a change at once; a search turns
// the owners into their posts. Their leading byte keeps them out of
// every query's own terms.

// namePrefix starts the index term that lists, by user id, the people
// with a word in their display name: a plain word finds their posts.
const namePrefix = "\x04name:"

// NameTerm is the index term of a word of people's names.
func NameTerm(word string) string { return namePrefix + word }

// NameWords are the words a display name is found by, each once.
func NameWords(name string) []string { return eachOnce(name, func(t string) string { return t }) }

// The index terms of notes: "\x02note:<stem>" lists the conversations
// with a note holding a word of that stem, "\x03pnote:<stem>" the people.
const (
	convNotePrefix   = "\x02note:"
	personNotePrefix = "\x03pnote:"
)

// NoteTerms are the index terms that list the conversations and the
// people with a note holding a word of w's stem.
func NoteTerms(w string) (conv, person string) {
	s := Stem(w)
	return ConvNoteTerm(s), PersonNoteTerm(s)
}

// NoteWords are the stems a note's text is found by, each once.
func NoteWords(text string) []string { return eachOnce(text, Stem) }

// eachOnce is what f makes of each term of text, each once.
func eachOnce(text string, f func(string) string) []string {
	var out []string
	for _, t := range Tokenize(text) {
		if v := f(t.Term); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// ConvNoteTerm is the index term of a conversation note's stem.
func ConvNoteTerm(stem string) string { return convNotePrefix + stem }

// PersonNoteTerm is the index term of a person note's stem.
func PersonNoteTerm(stem string) string { return personNotePrefix + stem }
