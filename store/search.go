package store

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// Hit is one search result.
type Hit struct {
	Post         model.Post
	Author       model.User
	Conversation Conversation
	// Marks are the byte spans of the text that the query's words matched.
	Marks [][2]int
}

// Highlighted is the hit's text with each matched span passed through
// mark, for showing which words matched.
func (h Hit) Highlighted(mark func(string) string) string {
	return search.Highlight(h.Post.Text, h.Marks, mark)
}

// Search returns up to limit posts matching q, newest first, older than
// before (0 for from the newest), with their authors, conversations and
// the matched words marked. The posts checked while searching are the
// ones loaded: one transaction, each post read once.
func (s *Store) Search(ctx context.Context, q search.Node, before uint64, limit int, now time.Time) ([]Hit, error) {
	var hits []Hit
	err := s.view(func(tx *bolt.Tx) error {
		v := s.verifier(tx, q)
		ids, err := s.searchIn(ctx, tx, v, q, before, limit, now)
		if err != nil {
			return err
		}
		marker := search.NewMarker(q)
		for _, id := range ids {
			hit, err := v.load(id)
			if err != nil {
				return err
			}
			hit.Marks = marker.Marks(hit.Post.Text)
			hits = append(hits, hit)
		}
		return nil
	})
	return hits, err
}

// SearchIDs is the search itself: the ids of up to limit matching posts,
// newest first. The index proposes candidates; each is checked against
// the query's meaning (search.Match) unless the index alone answers
// exactly, so the index can only make a search faster, never change it.
func (s *Store) SearchIDs(ctx context.Context, q search.Node, before uint64, limit int, now time.Time) ([]uint64, error) {
	var ids []uint64
	err := s.view(func(tx *bolt.Tx) (err error) {
		ids, err = s.searchIn(ctx, tx, s.verifier(tx, q), q, before, limit, now)
		return err
	})
	return ids, err
}

// searchIn is SearchIDs in tx, checking candidates with v. It stops
// with ctx's error once ctx is done.
func (s *Store) searchIn(ctx context.Context, tx *bolt.Tx, v *verifier, q search.Node, before uint64, limit int, now time.Time) ([]uint64, error) {
	r, err := s.index.Read(tx)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil { // stopped before it started
		return nil, err
	}
	r = r.WithContext(ctx)
	p := &planner{tx: tx, index: r}
	it := p.candidates(q)
	if p.err != nil {
		return nil, p.err
	}
	if it == nil {
		it = index.Keys(tx.Bucket(bucketPosts).Cursor(), nil)
	}
	lo, hi := idBounds(q, now)
	max := hi
	if before != 0 {
		max = min(max, before-1)
	}
	residual := search.Residual(q)
	v.needsText = residual != nil && search.NeedsText(residual)
	v.needsNotes = residual != nil && search.NeedsNotes(residual)
	var ids []uint64
	for steps := 0; len(ids) < limit; steps++ {
		if steps%256 == 255 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		id, ok := it.Seek(max)
		if !ok || id < lo {
			break
		}
		match := true
		if residual != nil {
			if match, err = v.matches(residual, id, now); err != nil {
				return nil, err
			}
		}
		if match {
			ids = append(ids, id)
		}
		if id == 0 {
			break
		}
		max = id - 1
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return ids, nil
}

// planner turns a query into iterators over the index.
type planner struct {
	tx    *bolt.Tx
	index *index.Reader
	// err is a query the index refuses (a prefix of too many words).
	err error
}

// maxExpansion is how many words a prefix may stand for: each is one
// more list to walk.
const maxExpansion = 2000

// anyOf iterates over the posts of any of terms that exist.
func (p *planner) anyOf(terms []string) index.Iterator {
	var parts []index.Iterator
	for _, t := range terms {
		if p.index.Exists(t) {
			parts = append(parts, p.index.Term(t))
		}
	}
	switch len(parts) {
	case 0:
		return p.index.Term(terms[0]) // nothing: an empty list
	case 1:
		return parts[0]
	}
	return p.index.Or(parts...)
}

// named are iterators over the posts of the people with w in their
// names (by their handles).
func (p *planner) named(w string) []index.Iterator {
	var out []index.Iterator
	for _, id := range p.index.All(search.NameTerm(w)) {
		out = append(out, p.postsBy(id)...)
	}
	return out
}

// postsBy is an iterator over a person's posts, by their handle; none
// for a person unknown.
func (p *planner) postsBy(userID uint64) []index.Iterator {
	var u model.User
	if found, err := getJSON(p.tx.Bucket(bucketUsers), idKey(userID), &u); err != nil || !found {
		return nil
	}
	return []index.Iterator{p.index.Term(search.FieldTerm(search.Field{Name: "from", Value: search.Fold(u.Username)}))}
}

// notes are iterators over the posts of the conversations and people
// whose notes hold a word of w's stem: a conversation's posts, a
// person's posts (by their handle).
func (p *planner) notes(w string) []index.Iterator {
	conv, person := search.NoteTerms(w)
	var out []index.Iterator
	for _, id := range p.index.All(conv) {
		out = append(out, index.Keys(p.tx.Bucket(bucketConvPosts).Cursor(), idKey(id)))
	}
	for _, id := range p.index.All(person) {
		out = append(out, p.postsBy(id)...)
	}
	return out
}

// prefix iterates over the posts holding a word that starts with pre.
func (p *planner) prefix(pre string) index.Iterator {
	var words []string
	for _, t := range p.index.Expand(pre, maxExpansion*2) {
		if search.IsWordTerm(t) {
			words = append(words, t)
		}
	}
	if len(words) > maxExpansion {
		p.err = fmt.Errorf("%s*: more than %d words start so; add letters", pre, maxExpansion)
		return nil
	}
	if len(words) == 0 {
		return p.index.Term(pre)
	}
	return p.anyOf(words)
}

// candidates makes an iterator over a superset of the posts n matches
// (exactly them where search.Exact says so), or nil when the index
// cannot narrow n (all posts are candidates then).
func (p *planner) candidates(n search.Node) index.Iterator {
	switch n := n.(type) {
	case search.Term:
		parts := append(p.notes(n.Term), p.named(n.Term)...)
		return p.index.Or(append(parts, p.anyOf(search.TermTerms(n.Term)))...)
	case search.Prefix:
		return p.prefix(n.Prefix)
	case search.Phrase:
		return p.index.Phrase(n.Terms)
	case search.Field:
		if term := search.CandidateTerm(n); term != "" {
			return p.index.Term(term)
		}
		if s, _ := search.Spec(n.Name); s.How(n.Value) == search.ByNote {
			return p.index.Or(p.notes(n.Value)...)
		}
		if s, _ := search.Spec(n.Name); s.How(n.Value) == search.ByConversation {
			id, _ := model.ParseConversationID(n.Value)
			return index.Keys(p.tx.Bucket(bucketConvPosts).Cursor(), idKey(id))
		}
	case search.And:
		return p.and(n)
	case search.Or:
		var parts []index.Iterator
		for _, k := range n.Kids {
			it := p.candidates(k)
			if it == nil {
				return nil
			}
			parts = append(parts, it)
		}
		return p.index.Or(parts...)
	}
	return nil
}

// and narrows by every part that can be looked up, and takes out what
// an excluded exact part matches (search.Exact and search.Residual rely
// on it: an exact part is always looked up, since exact nodes always
// have candidates).
func (p *planner) and(n search.And) index.Iterator {
	var parts, without []index.Iterator
	for _, k := range n.Kids {
		if not, ok := k.(search.Not); ok {
			if search.Exact(not.Kid) {
				without = append(without, p.candidates(not.Kid))
			}
			continue
		}
		if it := p.candidates(k); it != nil {
			parts = append(parts, it)
		}
	}
	var base index.Iterator
	switch len(parts) {
	case 0:
		if len(without) == 0 {
			return nil
		}
		// Every post, less the exclusions: search.Residual leaves
		// exact exclusions to the planner.
		base = index.Keys(p.tx.Bucket(bucketPosts).Cursor(), nil)
	case 1:
		base = parts[0]
	default:
		base = p.index.And(parts...)
	}
	if len(without) == 0 {
		return base
	}
	return p.index.Except(base, without...)
}

// idBounds turns the time fields that every match must meet into an id
// range [lo, hi]: ids are snowflakes, so time order is id order.
func idBounds(n search.Node, now time.Time) (lo, hi uint64) {
	lo, hi = 0, ^uint64(0)
	var conj []search.Node
	if a, ok := n.(search.And); ok {
		conj = a.Kids
	} else {
		conj = []search.Node{n}
	}
	for _, k := range conj {
		f, ok := k.(search.Field)
		if s, known := search.Spec(f.Name); !ok || !known || s.How(f.Value) != search.ByTime {
			continue
		}
		from, to := search.TimeBounds(f, now)
		if !from.IsZero() {
			lo = max(lo, model.SnowflakeID(from, 0))
		}
		if to.Year() < 9999 {
			hi = min(hi, model.SnowflakeID(to, 0x3FFFFF))
		}
	}
	return lo, hi
}

// verifier checks and loads candidates, reading each person and
// conversation once per search.
type verifier struct {
	*reader
	// withConv says the query asks about conversations, so they are read.
	withConv bool
	// needsText says the check reads the post's text: without it only
	// the post's head is decoded, and hits are read again when loaded.
	needsText bool
	// needsNotes says the check reads the notes of the post's
	// conversation and author.
	needsNotes bool
	// matched keeps the posts found matching, for load.
	matched map[uint64]model.Post
}

// verifier makes the verifier for a search of q in tx.
func (s *Store) verifier(tx *bolt.Tx, q search.Node) *verifier {
	return &verifier{reader: s.reader(tx), withConv: search.UsesConversation(q), matched: map[uint64]model.Post{}}
}

// matches checks a candidate against the query's meaning.
func (v *verifier) matches(q search.Node, id uint64, now time.Time) (bool, error) {
	var p model.Post
	var found bool
	var err error
	if v.needsText {
		found, err = getJSON(v.tx.Bucket(bucketPosts), idKey(id), &p)
	} else {
		var head postHead
		found, err = getJSON(v.tx.Bucket(bucketPosts), idKey(id), &head)
		p = head.post()
	}
	if err != nil || !found || !indexed(p) { // a tombstone is found by no search
		return false, err
	}
	doc := search.Doc{Post: p}
	if v.needsText {
		doc = docOf(p, nil, v.person)
	}
	if v.withConv {
		conv, _, err := v.conversation(p.ConversationID)
		if err != nil {
			return false, err
		}
		doc.Tags, doc.Status = conv.Tags, string(conv.Status)
		doc.Account = search.Fold(v.person(conv.Account).Username)
	}
	doc.Unread = v.tx.Bucket(bucketUnread).Get(idKey(id)) != nil
	if v.needsNotes {
		doc.Notes = notesAbout(v.tx, p)
	}
	if !search.Match(q, doc, now) {
		return false, nil
	}
	if v.needsText {
		v.matched[id] = p
	}
	return true, nil
}

// postHead is what a check reads of a post that does not look at its
// text: decoding skips the text, the longest part.
type postHead struct {
	ID             uint64     `json:"id"`
	ConversationID uint64     `json:"conversation_id"`
	AuthorID       uint64     `json:"author_id"`
	CreatedAt      time.Time  `json:"created_at"`
	Kind           model.Kind `json:"kind"`
	// On is the post's network (network:), nil on X.
	On *model.Elsewhere `json:"on"`
}

func (h postHead) post() model.Post {
	return model.Post{ID: h.ID, ConversationID: h.ConversationID, AuthorID: h.AuthorID, CreatedAt: h.CreatedAt, Kind: h.Kind, On: h.On}
}

// load reads a result: the post, its author and its conversation.
func (v *verifier) load(id uint64) (Hit, error) {
	var h Hit
	if p, ok := v.matched[id]; ok {
		h.Post = p
	} else if _, err := getJSON(v.tx.Bucket(bucketPosts), idKey(id), &h.Post); err != nil {
		return h, err
	}
	conv, _, err := v.conversation(h.Post.ConversationID)
	if err != nil {
		return h, err
	}
	h.Conversation = conv
	h.Author, err = v.user(h.Post.AuthorID)
	return h, err
}
