package search

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// How says how a field is answered.
type How int

const (
	// ByTerm: the index term Prefix+value lists exactly the posts.
	ByTerm How = iota
	// ByCheckedTerm: the index term narrows, and each candidate is
	// checked, because the value changes after the post is indexed
	// (triage changes tags).
	ByCheckedTerm
	// ByCheck: each candidate is checked (status and read state change
	// too often to index).
	ByCheck
	// ByTime: an id range, since ids are snowflakes (time order).
	ByTime
	// ByConversation: the posts of one conversation, by its key.
	ByConversation
	// ByNote: the posts of the conversations and people whose notes hold
	// a word of the value's stem (see NoteTerms).
	ByNote
)

// FieldSpec is one field of the query language: everything about it is
// here, and the parser, the matcher and the store's planner read it.
// Adding a field means adding a row to Fields.
type FieldSpec struct {
	Name string
	// Values are the values allowed, or nil for a free form that check
	// reads.
	Values []string
	// Example is a value for help texts and tests.
	Example string
	// Owner says whose the value is: the post, its author, its
	// conversation, the read state or the clock.
	Owner string
	// Help says what the field finds.
	Help string
	// Prefix is the index term's prefix, for ByTerm and ByCheckedTerm.
	Prefix string
	// OnConversation says a check reads the post's conversation (its
	// tags or status), so a search must load it.
	OnConversation bool
	// how answers a value (is: has both indexed and checked values).
	how func(value string) How
	// check refuses a malformed free-form value; norm writes it as
	// stored.
	check func(string) error
	norm  func(string) string
	// has reads a document's values of the field, for ByCheck and
	// ByCheckedTerm.
	has func(d Doc, value string) bool
	// bounds is the time span [lo, hi) a ByTime value allows.
	bounds func(value string, now time.Time) (lo, hi time.Time)
}

// How is how the engine answers f's value.
func (s FieldSpec) How(value string) How { return s.how(value) }

// Fields is the query language's field table.
var Fields = []FieldSpec{
	{Name: "from", Help: "posts by this handle", Example: "maria_k", Owner: "post author", Prefix: fromPrefix, how: always(ByTerm), check: handleValue, norm: handleNorm},
	{Name: "to", Help: "posts to or mentioning this handle", Example: "paperandpine", Owner: "post", Prefix: toPrefix, how: always(ByTerm), check: handleValue, norm: handleNorm},
	{Name: "tag", Help: "posts of conversations with this tag", Example: "refund", Owner: "conversation", Prefix: tagPrefix, OnConversation: true, how: always(ByCheckedTerm), check: nonEmpty,
		norm: func(v string) string { return fold(strings.TrimPrefix(v, "#")) },
		has:  func(d Doc, v string) bool { return slices.Contains(d.Tags, v) }},
	{Name: "account", Help: "posts of conversations of this one of the shop's accounts", Example: "paperandpine", Owner: "conversation", OnConversation: true, how: always(ByCheck), check: handleValue, norm: handleNorm,
		has: func(d Doc, v string) bool { return d.Account == v }},
	{Name: "status", Help: "posts of conversations in this state", Values: []string{"open", "waiting", "done", "heard"}, Example: "open", Owner: "conversation", OnConversation: true, how: always(ByCheck),
		has: func(d Doc, v string) bool { return d.Status == v }},
	{Name: "is", Help: "unread; asking, complaining, requesting, praising (guessed); our own; heard (not addressed to us)", Values: []string{"unread", "question", "complaint", "request", "praise", "mine", "heard"}, Example: "question", Owner: "post; unread: read state",
		Prefix: "is:", how: func(v string) How {
			if v == "unread" {
				return ByCheck
			}
			return ByTerm
		},
		has: func(d Doc, v string) bool { return v == "unread" && d.Unread }},
	{Name: "has", Help: "posts with a link; direct messages", Values: []string{"link", "dm"}, Example: "link", Owner: "post", Prefix: "has:", how: always(ByTerm)},
	{Name: "source", Help: "posts found by mentions, dms or a saved search", Example: "brand", Owner: "post", Prefix: sourcePrefix, how: always(ByTerm), check: nonEmpty, norm: fold},
	{Name: "after", Help: "posts on or after this day", Example: "2026-03-01", Owner: "clock", how: always(ByTime), check: dateValue, bounds: func(v string, now time.Time) (time.Time, time.Time) {
		d, _ := time.ParseInLocation("2006-01-02", v, now.Location())
		return d, farFuture
	}},
	{Name: "before", Help: "posts before this day", Example: "2026-04-01", Owner: "clock", how: always(ByTime), check: dateValue, bounds: func(v string, now time.Time) (time.Time, time.Time) {
		d, _ := time.ParseInLocation("2006-01-02", v, now.Location())
		return time.Time{}, d
	}},
	{Name: "since", Help: "posts of the last 30m, 24h, 7d, 2w…", Example: "7d", Owner: "clock", how: always(ByTime), check: sinceValue, bounds: func(v string, now time.Time) (time.Time, time.Time) {
		d, _ := SinceDuration(v)
		return now.Add(-d), farFuture
	}},
	{Name: "note", Help: "posts of conversations and people whose notes say it", Example: "wholesale", Owner: "conversation and person notes",
		how: always(ByNote), check: nonEmpty, norm: func(v string) string { return Fold(v) },
		has: func(d Doc, v string) bool { return d.noteSays(v) }},
	{Name: "network", Help: "posts on this network (x, bluesky)", Example: "bluesky", Owner: "post", how: always(ByCheck), check: networkValue, norm: fold,
		has: func(d Doc, v string) bool { return networkOf(d.Post) == v }},
	{Name: "conv", Help: "the posts of one conversation", Example: "123456789", Owner: "conversation", how: always(ByConversation), check: idValue},
}

// networkOf is the name of a post's network ("x" for X's, whose posts
// name none).
func networkOf(p model.Post) string {
	if n := p.Network(); n != "" {
		return n
	}
	return network.X
}

// networkValue refuses a network hark does not know.
func networkValue(v string) error {
	known := network.Registered()
	if known.Of(fold(v)) != nil {
		return nil
	}
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	slices.Sort(names)
	return fmt.Errorf("is not a network hark knows (%s)", strings.Join(names, ", "))
}

// sourcePrefix starts the index term of a source's posts.
const sourcePrefix = "source:"

// farFuture ends the spans of fields that set only a start.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

func always(h How) func(string) How { return func(string) How { return h } }

func handleNorm(v string) string { return fold(strings.TrimPrefix(v, "@")) }

// Spec is the row of f's field.
func Spec(name string) (FieldSpec, bool) {
	i := slices.IndexFunc(Fields, func(s FieldSpec) bool { return s.Name == name })
	if i < 0 {
		return FieldSpec{}, false
	}
	return Fields[i], true
}

// fieldNames lists the fields, for messages and help.
func fieldNames() string {
	names := make([]string, len(Fields))
	for i, s := range Fields {
		names[i] = s.Name
	}
	return strings.Join(names, " ")
}

// FieldHelp is one line per field: its name, its values and whose they
// are.
func FieldHelp() string {
	var b strings.Builder
	for _, s := range Fields {
		values := s.Example
		if s.Values != nil {
			values = strings.Join(s.Values, "|")
		}
		fmt.Fprintf(&b, "  %-41s %s (%s)\n", s.Name+":"+values, s.Help, s.Owner)
	}
	return b.String()
}

// checkValue refuses a value the field does not take.
func (s FieldSpec) checkValue(v string) error {
	if s.Values != nil {
		return oneOf(s.Values...)(v)
	}
	return s.check(v)
}

// normalize writes a value as the index and the matcher compare it.
func (s FieldSpec) normalize(v string) string {
	if s.norm != nil {
		return s.norm(v)
	}
	return strings.ToLower(v)
}

// TimeBounds is the span [lo, hi) a time field allows; the whole of
// time for any other field.
func TimeBounds(f Field, now time.Time) (lo, hi time.Time) {
	if s, ok := Spec(f.Name); ok && s.bounds != nil {
		return s.bounds(f.Value, now)
	}
	return time.Time{}, farFuture
}

// matchField is the reference meaning of a field on a document.
func (m *matcher) matchField(f Field) bool {
	s, _ := Spec(f.Name)
	switch s.How(f.Value) {
	case ByTerm:
		return slices.Contains(m.tokens(), s.Prefix+f.Value)
	case ByCheckedTerm, ByCheck:
		return s.has(m.doc, f.Value)
	case ByConversation:
		return model.FormatID(m.doc.Post.ConversationID) == f.Value
	case ByNote:
		return s.has(m.doc, f.Value)
	}
	lo, hi := s.bounds(f.Value, m.now)
	return !m.doc.Post.CreatedAt.Before(lo) && m.doc.Post.CreatedAt.Before(hi)
}
