package store

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// searchCorpus stores a generated history with some triage on top.
func searchCorpus(t *testing.T, n int) (*Store, corpus.Corpus, time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	c := corpus.Generate(corpus.Options{Seed: 7, Posts: n, Users: 60, Account: shop, End: now, Span: 400 * 24 * time.Hour})
	s := openTemp(t)
	s.index = index.New(700) // folds happen between ingests and some posts still wait
	ingest := func(posts []model.Post) {
		for i := 0; i < len(posts); i += 100 {
			if _, err := s.Put(Batch{Posts: posts[i:min(i+100, len(posts))], Users: c.Users}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Triage on the way too, so later posts join conversations already
	// tagged, and some tags are taken off again.
	rng := rand.New(rand.NewPCG(3, 4))
	ingest(c.Posts[:n/2])
	triageAll(t, s, rng)
	ingest(c.Posts[n/2 : 3*n/4])
	triageAll(t, s, rng)
	ingest(c.Posts[3*n/4:]) // some of these still wait in segments
	return s, c, now
}

// noteWords are what the owner writes in notes: some words of the posts
// too, some not.
var noteWords = []string{"wholesale", "refunded", "called", "order", "basket", "pens", "vip", "shipping"}

// triageAll tags, untags, closes or reads each conversation at random.
func triageAll(t *testing.T, s *Store, rng *rand.Rand) {
	t.Helper()
	rows, err := s.Inbox(ViewAll, InboxKey{}, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		id := []uint64{r.Conversation.ID}
		switch rng.IntN(7) {
		case 0:
			_, err = s.Tag(id, []string{"refund"}, nil)
		case 1:
			_, err = s.SetStatus(id, StatusDone, "")
		case 2:
			_, err = s.MarkRead(r.Conversation.ID)
		case 3:
			_, err = s.Tag(id, nil, []string{"refund"})
		case 4: // a note, sometimes taken back, on the conversation or its customer
			var u Undo
			text := noteWords[rng.IntN(len(noteWords))] + " " + noteWords[rng.IntN(len(noteWords))]
			if rng.IntN(2) == 0 {
				_, u, err = s.AddNote(r.Conversation.ID, text, t0, "")
			} else {
				_, u, err = s.AddPersonNote(r.Customer.ID, text, t0, "")
			}
			if err == nil && rng.IntN(3) == 0 {
				err = s.Undo(u)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// randomQuery writes a query from the corpus's own words and every
// operator.
func randomQuery(rng *rand.Rand, c corpus.Corpus) string {
	post := c.Posts[rng.IntN(len(c.Posts))]
	words := strings.Fields(post.Text)
	word := func() string { return strings.Trim(words[rng.IntN(len(words))], "?") }
	atoms := []func() string{
		word, word, word,
		func() string { // adjacent words from anywhere in the post
			i := rng.IntN(len(words))
			return `"` + strings.Join(words[i:min(i+2+rng.IntN(2), len(words))], " ") + `"`
		},
		func() string { // words of two posts: rarely adjacent anywhere
			other := strings.Fields(c.Posts[rng.IntN(len(c.Posts))].Text)
			return `"` + word() + " " + other[rng.IntN(len(other))] + `"`
		},
		func() string { return "from:" + c.Users[rng.IntN(len(c.Users))].Username },
		func() string { return word() + []string{"s", "ing", "ed", "er"}[rng.IntN(4)] }, // another form of a word
		func() string { // a prefix
			w := []rune(strings.ToLower(strings.Trim(word(), "?@#$.,!")))
			if len(w) < 2 || strings.IndexFunc(string(w), func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
				return "ba*"
			}
			return string(w[:min(len(w), 2+rng.IntN(3))]) + "*"
		},
		func() string { return c.Users[rng.IntN(len(c.Users))].Username }, // a handle as a plain word
		func() string { // a word of someone's name
			name := strings.Fields(c.Users[rng.IntN(len(c.Users))].Name)
			if len(name) == 0 {
				return "basket"
			}
			return name[rng.IntN(len(name))]
		},
		func() string { return "to:" + c.Users[rng.IntN(len(c.Users))].Username },
		func() string { return "tag:refund" },
		func() string { return noteWords[rng.IntN(len(noteWords))] },
		func() string { return "note:" + noteWords[rng.IntN(len(noteWords))] },
		func() string { // any field with a closed set of values, from the field table
			var rows []search.FieldSpec
			for _, f := range search.Fields {
				if f.Values != nil {
					rows = append(rows, f)
				}
			}
			f := rows[rng.IntN(len(rows))]
			return f.Name + ":" + f.Values[rng.IntN(len(f.Values))]
		},
		func() string { return "after:" + post.CreatedAt.AddDate(0, 0, -rng.IntN(60)).Format("2006-01-02") },
		func() string { return "before:" + post.CreatedAt.AddDate(0, 0, rng.IntN(60)).Format("2006-01-02") },
		func() string { return []string{"since:7d", "since:30d", "since:24h"}[rng.IntN(3)] },
		func() string { return "conv:" + model.FormatID(post.ConversationID) },
	}
	atom := func() string {
		a := atoms[rng.IntN(len(atoms))]()
		if rng.IntN(6) == 0 {
			return "-" + a
		}
		return a
	}
	switch rng.IntN(5) {
	case 0:
		return atom()
	case 1:
		return atom() + " " + atom()
	case 2:
		return atom() + " OR " + atom()
	case 3:
		return "(" + atom() + " OR " + atom() + ") " + atom()
	}
	return atom() + " " + atom() + " " + atom()
}

// TestIndexAgreesWithBruteForce runs random queries through the index and
// through search.Match on every post: the results must be identical.
func TestIndexAgreesWithBruteForce(t *testing.T) {
	s, c, now := searchCorpus(t, 2000)
	if _, err := checkIndex(s); err != nil {
		t.Fatalf("index after ingest and triage: %v", err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	docs := allDocs(t, s)
	for i := range 300 {
		q := randomQuery(rng, c)
		n, err := search.Parse(q)
		if err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
		var want []uint64
		for _, d := range docs {
			if search.Match(n, d, now) {
				want = append(want, d.Post.ID)
			}
		}
		got := searchAll(t, s, n, now, 1+rng.IntN(40))
		if !slices.Equal(got, want) {
			t.Fatalf("query %d %q: index found %d posts, brute force %d", i, q, len(got), len(want))
		}
	}
}

// searchAll pages through every result of a query.
func searchAll(t *testing.T, s *Store, n search.Node, now time.Time, page int) []uint64 {
	t.Helper()
	var ids []uint64
	before := uint64(0)
	for {
		hits, err := s.Search(context.Background(), n, before, page, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			ids = append(ids, h.Post.ID)
		}
		if len(hits) < page {
			return ids
		}
		before = hits[len(hits)-1].Post.ID
	}
}

// allDocs are every post as search.Match sees it, newest first.
func allDocs(t *testing.T, s *Store) []search.Doc {
	t.Helper()
	var docs []search.Doc
	s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPosts).ForEach(func(k, v []byte) error {
			var p model.Post
			json.Unmarshal(v, &p)
			conv, _, _ := loadConversation(tx, p.ConversationID)
			d := postDoc(tx, p)
			d.Unread = tx.Bucket(bucketUnread).Get(k) != nil
			d.Tags, d.Status = conv.Tags, string(conv.Status)
			d.Notes = notesAbout(tx, p)
			d.Terms = search.IndexTerms(d)
			d = search.Analyze(d)
			docs = append(docs, d)
			return nil
		})
	})
	slices.Reverse(docs)
	return docs
}

func TestSearchMarksAndPaging(t *testing.T) {
	s, _, now := searchCorpus(t, 500)
	n, _ := search.Parse(`"paper" -is:mine`) // quoted: the text's own word, not a note or a stem
	hits, err := s.Search(context.Background(), n, 0, 5, now)
	if err != nil || len(hits) != 5 {
		t.Fatalf("%d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.Post.Kind.Ours() || len(h.Marks) == 0 {
			t.Errorf("hit %+v", h)
		}
		for _, m := range h.Marks {
			if strings.ToLower(h.Post.Text[m[0]:m[1]]) != "paper" {
				t.Errorf("mark %q", h.Post.Text[m[0]:m[1]])
			}
		}
	}
	next, _ := s.Search(context.Background(), n, hits[4].Post.ID, 5, now)
	if len(next) == 0 || next[0].Post.ID >= hits[4].Post.ID {
		t.Errorf("the next page does not continue below the first")
	}
}

func TestPurgeRemovesPostAndIndex(t *testing.T) {
	s := openTemp(t)
	p1, p2 := post(10, 10, ann, model.Mention), post(11, 10, ann, model.Mention)
	p1.Text, p2.Text = "lost basket", "found basket"
	solo := post(20, 20, ann, model.Mention)
	solo.Text = "basket again"
	s.Put(Batch{Posts: []model.Post{p1, p2, solo}, Users: []model.User{ann}})
	s.Tag([]uint64{20}, []string{"gone"}, nil)
	q, _ := search.Parse("basket")
	for _, id := range []uint64{11, 20} {
		if err := s.Purge(id); err != nil {
			t.Fatal(err)
		}
	}
	hits, _ := s.Search(context.Background(), q, 0, 10, t0)
	if len(hits) != 1 || hits[0].Post.ID != 10 {
		t.Errorf("hits after purge = %+v", hits)
	}
	if c := status(t, s, 10); c.Posts != 1 || c.LastPostID != 10 {
		t.Errorf("conversation after purge = %+v", c)
	}
	if _, found, _ := s.Conversation(20); found {
		t.Error("an empty conversation remains")
	}
	counts, _ := s.Counts()
	if counts.ByView[ViewAll] != 1 {
		t.Errorf("counts = %+v", counts)
	}
	if tags, _ := s.Tags(); len(tags) != 0 {
		t.Errorf("tags = %v", tags)
	}
	if _, err := checkIndex(s); err != nil {
		t.Errorf("index after purge: %v", err)
	}
	if f, _ := s.Customer(ann.ID); len(f.Conversations) != 1 || f.Conversations[0].Conversation.ID != 10 {
		t.Errorf("customer file after purge = %+v", f.Conversations)
	}
	if err := s.Purge(999); err == nil {
		t.Error("purging a missing post succeeded")
	}
}

// TestSavedViews: a name saved again gets the new query in its place;
// a third view is refused, never evicting one; rename and delete.
func TestSavedViews(t *testing.T) {
	s := openTemp(t)
	for _, v := range []SavedView{{"refunds", "tag:refund"}, {"basket", "basket"}, {"refunds", "tag:refund is:unread"}} {
		if _, err := s.SaveView(v.Name, v.Query); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveView("late", "late OR delay"); !errors.Is(err, ErrViewsFull) {
		t.Errorf("a third view: %v", err)
	}
	views, _ := s.SavedViews()
	if len(views) != 2 || views[0].Name != "refunds" || views[0].Query != "tag:refund is:unread" || views[1].Name != "basket" {
		t.Errorf("saved views = %+v", views)
	}
	if _, err := s.SaveView("", "x"); err == nil {
		t.Error("a nameless view was saved")
	}
	if _, err := s.RenameView("refunds", "basket"); err == nil {
		t.Error("renamed onto another view's name")
	}
	if _, err := s.RenameView("refunds", "money back"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteView("basket"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteView("basket"); err == nil {
		t.Error("deleted a view twice")
	}
	views, _ = s.SavedViews()
	if len(views) != 1 || views[0] != (SavedView{Name: "money back", Query: "tag:refund is:unread"}) {
		t.Errorf("after rename and delete: %+v", views)
	}
}

// X pages posts newest first; a batch in that order is indexed as well
// as one oldest first.
func TestBatchNewestFirstIsIndexed(t *testing.T) {
	s := openTemp(t)
	var batch []model.Post
	for id := uint64(30); id >= 10; id -= 10 {
		p := post(id, 10, ann, model.Mention)
		p.Text = "basket"
		batch = append(batch, p)
	}
	s.Put(Batch{Posts: batch, Users: []model.User{ann}})
	if _, err := checkIndex(s); err != nil {
		t.Fatal(err)
	}
	q, _ := search.Parse("basket")
	if ids, _ := s.SearchIDs(context.Background(), q, 0, 10, t0); !slices.Equal(ids, []uint64{30, 20, 10}) {
		t.Errorf("basket = %v", ids)
	}
}

// Posts waiting in segments are found as they arrive (the decoded
// segments are extended, not rebuilt), and again after a fold.
func TestWaitingSegmentsAreSearched(t *testing.T) {
	s := openTemp(t)
	s.index = index.New(5)
	q, _ := search.Parse("basket")
	want := []uint64{}
	for id := uint64(10); id < 22; id++ {
		p := post(id, id/3, ann, model.Mention)
		p.Text = "lost basket"
		if _, err := s.Put(Batch{Posts: []model.Post{p}, Users: []model.User{ann}}); err != nil {
			t.Fatal(err)
		}
		want = append([]uint64{id}, want...)
		ids, err := s.SearchIDs(context.Background(), q, 0, 100, t0)
		if err != nil || !slices.Equal(ids, want) {
			t.Fatalf("after post %d: %v, %v; want %v", id, ids, err, want)
		}
	}
	if err := s.Purge(21); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.SearchIDs(context.Background(), q, 0, 100, t0); !slices.Equal(ids, want[1:]) {
		t.Errorf("after purge: %v", ids)
	}
	if _, err := checkIndex(s); err != nil {
		t.Error(err)
	}
}

func TestHitHighlighted(t *testing.T) {
	h := Hit{Post: model.Post{Text: "Lost basket, lost BASKET"}, Marks: [][2]int{{5, 11}, {18, 24}}}
	got := h.Highlighted(func(s string) string { return "<" + s + ">" })
	if want := "Lost <basket>, lost <BASKET>"; got != want {
		t.Errorf("Highlighted = %q, want %q", got, want)
	}
	h.Marks = [][2]int{{5, 11}, {7, 9}, {18, 99}}
	if got, want := h.Highlighted(func(s string) string { return "<" + s + ">" }), "Lost <basket>, lost BASKET"; got != want {
		t.Errorf("with bad spans: %q, want %q", got, want)
	}
}

// A person renamed between batches is indexed by the new handle: the
// decoded people kept across transactions are not served stale.
func TestRenamedPersonIsIndexedByNewHandle(t *testing.T) {
	s := openTemp(t)
	renamed := ann
	renamed.Username = "ann_new"
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention)}, Users: []model.User{ann}})
	s.Put(Batch{Posts: []model.Post{post(20, 20, ann, model.Mention)}, Users: []model.User{renamed}})
	for query, want := range map[string][]uint64{"from:" + ann.Username: {10}, "from:ann_new": {20}} {
		q, _ := search.Parse(query)
		if ids, _ := s.SearchIDs(context.Background(), q, 0, 10, t0); !slices.Equal(ids, want) {
			t.Errorf("%s = %v, want %v", query, ids, want)
		}
	}
}

// Marks cover a phrase where its words stand together, not each word
// wherever it is, and overlapping CJK bigrams make one mark.
func TestMarksFollowPhrasesAndBigrams(t *testing.T) {
	cases := []struct{ query, text, want string }{
		{`"brass compass"`, "brass pen, brass compass, compass", "brass pen, <brass compass>, compass"},
		{`basket "brass compass"`, "basket and brass compass", "<basket> and <brass compass>"},
		{`万年筆`, "新しい万年筆です", "新しい<万年筆>です"},
		{`order OR compass`, "Order the compass", "<Order> the <compass>"},
		{`order -compass`, "order compass", "<order> compass"},
	}
	for _, c := range cases {
		q, err := search.Parse(c.query)
		if err != nil {
			t.Fatal(err)
		}
		h := Hit{Post: model.Post{Text: c.text}, Marks: search.NewMarker(q).Marks(c.text)}
		if got := h.Highlighted(func(s string) string { return "<" + s + ">" }); got != c.want {
			t.Errorf("%s in %q: %q, want %q", c.query, c.text, got, c.want)
		}
	}
}

// TestASearchDecodesOnlyItsTerms: a search reads the waiting postings
// of its own words, not every waiting segment (a new process's first
// search decoded them all: 20 ms with 5,000 posts waiting), and finds
// what waits as what is folded.
func TestASearchDecodesOnlyItsTerms(t *testing.T) {
	s := openTemp(t)
	p, q := post(10, 10, ann, model.Mention), post(11, 11, ann, model.Mention)
	p.Text, q.Text = "basket empty again", "parcel lost somewhere"
	s.Put(Batch{Posts: []model.Post{p, q}, Users: []model.User{ann}})
	if n := s.index.Decoded(); n != 0 {
		t.Fatalf("%d terms decoded before anything asked", n)
	}
	if got := countHits(t, s, "basket"); got != 1 {
		t.Errorf("basket: %d hits, want 1", got)
	}
	first := s.index.Decoded() // the word, its stem, the names it may be: not the other post's words
	if got := countHits(t, s, "parcel"); got != 1 {
		t.Errorf("parcel: %d hits, want 1", got)
	}
	if n := s.index.Decoded(); first == 0 || n <= first {
		t.Errorf("decoded %d terms for basket, %d after parcel: the first search read the other post's words too", first, n)
	}
	if got := countHits(t, s, "som*"); got != 1 {
		t.Errorf("som*: %d hits, want 1 (a prefix finds waiting terms too)", got)
	}
}

// countdown is a context that is done after its Err was asked n times:
// a search cancelled part way, at a point the test knows.
type countdown struct {
	context.Context
	n int
}

func (c *countdown) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// A search stops with the context's error once it is cancelled, even
// inside a phrase that matches nothing and walks whole lists.
func TestSearchIsCancelled(t *testing.T) {
	s := openTemp(t)
	var posts []model.Post
	for id := uint64(10); id < 3010; id++ {
		p := post(id, id, ann, model.Mention)
		p.Text = "pen then paper"
		posts = append(posts, p)
	}
	if _, err := s.Put(Batch{Posts: posts, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	q, _ := search.Parse(`"paper pen"`)
	if ids, err := s.SearchIDs(context.Background(), q, 0, 10, t0); err != nil || len(ids) != 0 {
		t.Fatalf("uncancelled: %v, %v", ids, err)
	}
	ctx := &countdown{Context: context.Background(), n: 2}
	if ids, err := s.SearchIDs(ctx, q, 0, 10, t0); !errors.Is(err, context.Canceled) || ids != nil {
		t.Errorf("cancelled: %v, %v", ids, err)
	}
	if ctx.n < -1 {
		t.Errorf("the search went on after it was cancelled (Err asked %d more times)", -ctx.n-1)
	}
}

// TestSavedViewChangesAreUndone: saving, renaming and deleting a view
// each give an Undo that puts the views back as they were.
func TestSavedViewChangesAreUndone(t *testing.T) {
	s := openTemp(t)
	saved, _ := s.SaveView("refunds", "refund")
	renamed, _ := s.RenameView("refunds", "money back")
	deleted, err := s.DeleteView("money back")
	if err != nil || deleted.Empty() {
		t.Fatalf("delete: %v (undo empty %v)", err, deleted.Empty())
	}
	names := func() []string {
		views, _ := s.SavedViews()
		var out []string
		for _, v := range views {
			out = append(out, v.Name)
		}
		return out
	}
	for _, step := range []struct {
		undo Undo
		want []string
	}{{deleted, []string{"money back"}}, {renamed, []string{"refunds"}}, {saved, nil}} {
		if err := s.Undo(step.undo); err != nil || !slices.Equal(names(), step.want) {
			t.Errorf("after undo: %v (%v), want %v", names(), err, step.want)
		}
	}
}

// TestAWordFindsItsHashtag: a customer tags the problem (#refund), the
// owner searches the word: it finds the hashtag, marked, besides the
// word's own forms. A hashtag is not stemmed (#refunds is its own), and
// #refund still means only the hashtag. Index and Match agree (the index
// proposes, Match decides, and both are asked here).
func TestAWordFindsItsHashtag(t *testing.T) {
	s := openTemp(t)
	p, q, r := post(10, 10, ann, model.Mention), post(11, 11, ann, model.Mention), post(12, 12, ann, model.Mention)
	p.Text, q.Text, r.Text = "#refund my pad came damaged", "refunds are slow", "#refunds please"
	s.Put(Batch{Posts: []model.Post{p, q, r}, Users: []model.User{ann}})
	for query, want := range map[string][]uint64{"refund": {11, 10}, "#refund": {10}, "refund pad": {10}} {
		n, err := search.Parse(query)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := s.Search(context.Background(), n, 0, 10, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var got []uint64
		for _, h := range hits {
			got = append(got, h.Post.ID)
			if h.Post.ID == 10 && !strings.HasPrefix(h.Highlighted(func(s string) string { return "<" + s + ">" }), "<#refund>") {
				t.Errorf("%s: the hashtag is not marked: %v", query, h.Marks)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
	}
}
