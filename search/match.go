package search

import (
	"slices"
	"strings"
	"time"

	"github.com/harkhq/hark/hints"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Doc is a post with what is known around it: who wrote it, to whom, and
// its conversation's triage state.
type Doc struct {
	Post   model.Post
	Author string // handle of the author, folded
	// AuthorName is the author's display name, as written.
	AuthorName string
	ReplyTo    string // handle of the person it answers, folded
	Unread     bool
	Tags       []string
	Status     string
	// Account is the handle of the shop's account the post's
	// conversation belongs to, folded.
	Account string
	// Terms are the post's IndexTerms when already known; nil to compute.
	Terms []string
	// Words and Stems are the terms of the post's text in order and
	// their stems, when already known (Analyze); nil to compute.
	Words, Stems []string
	// Notes are the texts of the notes on the post's conversation and
	// on its author, when the query asks about them (NeedsNotes).
	Notes []string
}

// noteSays reports whether a note holds a word of w's stem.
func (d Doc) noteSays(w string) bool {
	s := Stem(w)
	for _, n := range d.Notes {
		if slices.ContainsFunc(tokenTerms(n), func(t string) bool { return Stem(t) == s }) {
			return true
		}
	}
	return false
}

// Field terms are indexed beside words, so fields on posts are looked up
// like words. A conversation's tags are indexed on each of its posts, so
// tag: narrows a search, but since tags change with triage a tag: match
// is still checked on the documents. Status and is:unread change too
// often to index and are only checked.
const (
	fromPrefix = "from:"
	toPrefix   = "to:"
	tagPrefix  = "tag:"
)

// Entry is one of a post's index terms with where it stands: the token
// numbers of a word in the post's text (as Tokenize counts them), none
// for a field. Phrases are answered from these positions.
type Entry struct {
	Term string
	Pos  []uint32
}

// IndexEntries are the entries the index keeps for a post: its words
// with their positions and the post-level fields, each term once, in
// the order met (the index sorts what it writes; sorting here cost 2 µs
// a post).
func IndexEntries(d Doc) []Entry { return IndexEntriesWith(d, nil) }

// IndexEntriesWith is IndexEntries with stems remembered in stems.
func IndexEntriesWith(d Doc, stems *Stems) []Entry {
	links := linkSpans(network.LinksOf(d.Post.Network(), d.Post.Text))
	toks := tokenize(d.Post.Text, links)
	out := make([]Entry, 0, len(toks)+8)
	at := make(map[string]int, len(toks)+8)
	add := func(t string, pos int) {
		if t == "" {
			return
		}
		i, seen := at[t]
		if !seen {
			i = len(out)
			at[t] = i
			out = append(out, Entry{Term: t})
		}
		if pos >= 0 {
			out[i].Pos = append(out[i].Pos, uint32(pos))
		}
	}
	for i, t := range toks {
		add(t.Term, i)
		add(stemEntry(stems, t.Term), -1)
		if strings.HasPrefix(t.Term, "@") {
			add(toPrefix+t.Term[1:], -1)
		}
	}
	add(fromPrefix+d.Author, -1)
	if d.ReplyTo != "" {
		add(toPrefix+d.ReplyTo, -1)
	}
	for _, f := range postFlags(d, len(links) > 0) {
		add(f, -1)
	}
	for _, t := range d.Tags {
		add(TagTerm(t), -1)
	}
	return out
}

// IndexTerms are the terms of IndexEntries.
func IndexTerms(d Doc) []string {
	entries := IndexEntries(d)
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Term
	}
	return out
}

// TagTerm is the index term of a conversation tag.
func TagTerm(tag string) string { return tagPrefix + tag }

// CandidateTerm is the index term that holds every post f may match:
// its exact term (FieldTerm) or, for a checked term (tag:), the term
// that narrows. "" when no term narrows f.
func CandidateTerm(f Field) string {
	if s, ok := Spec(f.Name); ok && s.How(f.Value) == ByCheckedTerm {
		return s.Prefix + f.Value
	}
	return FieldTerm(f)
}

// SourceTerm is the index term of the posts a source found.
func SourceTerm(name string) string { return sourcePrefix + fold(name) }

// postFlags are the is: and has: fields a post has of itself.
func postFlags(d Doc, hasLink bool) []string {
	var out []string
	if d.Post.Kind.Ours() {
		out = append(out, "is:mine")
	} else {
		for _, h := range hints.Of(d.Post.Text) {
			out = append(out, "is:"+string(h.Kind))
		}
	}
	if d.Post.Kind == model.Heard {
		out = append(out, "is:heard")
	}
	if d.Post.Kind.IsDM() {
		out = append(out, "has:dm")
	}
	for _, src := range d.Post.Sources {
		out = append(out, SourceTerm(src))
	}
	if hasLink {
		out = append(out, "has:link")
	}
	return out
}

// FieldTerm is the index term that answers f exactly, or "" for a
// field answered otherwise (see How).
func FieldTerm(f Field) string {
	if s, ok := Spec(f.Name); ok && s.How(f.Value) == ByTerm {
		return s.Prefix + f.Value
	}
	return ""
}

// Exact reports whether the index's posting lists answer n exactly, with
// no need to check the posts: words and indexed fields, joined by AND and
// OR, and an AND may also exclude what such terms match ("order -the").
func Exact(n Node) bool {
	switch n := n.(type) {
	case Term, Phrase, Prefix: // phrases from the words' positions
		return true
	case Field:
		s, _ := Spec(n.Name)
		return FieldTerm(n) != "" || s.How(n.Value) == ByNote
	case And:
		positive := false
		for _, k := range n.Kids {
			if not, ok := k.(Not); ok {
				k = not.Kid
			} else {
				positive = true
			}
			if !Exact(k) {
				return false
			}
		}
		return positive
	case Or:
		for _, k := range n.Kids {
			if !Exact(k) {
				return false
			}
		}
		return true
	}
	return false
}

// Residual is what of n the index does not answer, for checking each
// candidate: nil when the index answers n exactly; in an AND, only the
// parts that are not exact (the planner intersects and excludes the
// exact ones); otherwise n itself.
func Residual(n Node) Node {
	if Exact(n) {
		return nil
	}
	a, ok := n.(And)
	if !ok {
		return n
	}
	var rest []Node
	for _, k := range a.Kids {
		inner := k
		if not, ok := k.(Not); ok {
			inner = not.Kid
		}
		if !Exact(inner) {
			rest = append(rest, k)
		}
	}
	if len(rest) == 1 {
		return rest[0]
	}
	return And{Kids: rest}
}

// NeedsText reports whether checking n reads the post's text (its words
// or the fields found in it), so a checker can skip decoding it.
func NeedsText(n Node) bool {
	return anyLeaf(n, func(leaf Node) bool {
		switch leaf := leaf.(type) {
		case Term, Phrase, Prefix:
			return true
		case Field:
			return FieldTerm(leaf) != ""
		}
		return false
	})
}

// NeedsNotes reports whether checking n reads the notes (plain words and
// note: do).
func NeedsNotes(n Node) bool {
	return anyLeaf(n, func(leaf Node) bool {
		switch leaf := leaf.(type) {
		case Term:
			return true
		case Field:
			s, _ := Spec(leaf.Name)
			return s.How(leaf.Value) == ByNote
		}
		return false
	})
}

// UsesConversation reports whether n asks about its posts' conversations
// (tag:, status:), so a checker knows whether it must read them.
func UsesConversation(n Node) bool {
	return anyLeaf(n, func(leaf Node) bool {
		f, ok := leaf.(Field)
		s, _ := Spec(f.Name)
		return ok && s.OnConversation
	})
}

// anyLeaf reports whether test holds for a word, phrase, prefix or field
// anywhere in n.
func anyLeaf(n Node, test func(Node) bool) bool {
	switch n := n.(type) {
	case And:
		return slices.ContainsFunc(n.Kids, func(k Node) bool { return anyLeaf(k, test) })
	case Or:
		return slices.ContainsFunc(n.Kids, func(k Node) bool { return anyLeaf(k, test) })
	case Not:
		return anyLeaf(n.Kid, test)
	}
	return test(n)
}

// Match is the reference meaning of a query: whether it matches a post.
// The index must find exactly what Match accepts.
func Match(n Node, d Doc, now time.Time) bool {
	return (&matcher{doc: d, now: now}).match(n)
}

type matcher struct {
	doc   Doc
	now   time.Time
	terms []string
}

// Analyze fills d's Words and Stems, so that many queries can be matched
// against it without tokenizing it each time.
func Analyze(d Doc) Doc {
	d.Words = tokenTerms(d.Post.Text)
	d.Stems = make([]string, len(d.Words))
	for i, w := range d.Words {
		d.Stems[i] = Stem(w)
	}
	return d
}

// textWords are the terms of the post's text, in order, and their stems.
func (m *matcher) textWords() ([]string, []string) {
	if m.doc.Words == nil {
		m.doc = Analyze(m.doc)
	}
	return m.doc.Words, m.doc.Stems
}

// term is a plain term's meaning: a word of the text with its stem, its
// hashtag, the author's handle, or a word of the author's name.
func (m *matcher) term(w string) bool {
	words, stems := m.textWords()
	if slices.Contains(stems, Stem(w)) {
		return true
	}
	if tag, ok := HashtagOf(w); ok && slices.Contains(words, tag) {
		return true
	}
	return m.doc.Author == w || slices.Contains(tokenTerms(m.doc.AuthorName), w) || m.doc.noteSays(w)
}

// prefix is a prefix's meaning: a word of the text that starts with it.
func (m *matcher) prefix(p string) bool {
	words, _ := m.textWords()
	return slices.ContainsFunc(words, func(t string) bool { return strings.HasPrefix(t, p) && IsWordTerm(t) })
}

func (m *matcher) tokens() []string {
	if m.terms == nil {
		m.terms = m.doc.Terms
	}
	if m.terms == nil {
		m.terms = IndexTerms(m.doc)
	}
	return m.terms
}

func (m *matcher) match(n Node) bool {
	switch n := n.(type) {
	case Term:
		return m.term(n.Term)
	case Prefix:
		return m.prefix(n.Prefix)
	case Phrase:
		return hasPhrase(TokenizePost(m.doc.Post.Network(), m.doc.Post.Text), n.Terms)
	case Field:
		return m.matchField(n)
	case And:
		for _, k := range n.Kids {
			if !m.match(k) {
				return false
			}
		}
		return true
	case Or:
		for _, k := range n.Kids {
			if m.match(k) {
				return true
			}
		}
		return false
	case Not:
		return !m.match(n.Kid)
	}
	return false
}

// hasPhrase reports whether toks hold the terms next to each other.
func hasPhrase(toks []Token, terms []string) bool {
	for i := 0; i+len(terms) <= len(toks); i++ {
		ok := true
		for j, t := range terms {
			if toks[i+j].Term != t {
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
