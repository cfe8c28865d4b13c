package store

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store/internal/index"
)

var (
	shop = model.User{ID: 1, Username: "shop", Name: "Shop"}
	ann  = model.User{ID: 2, Username: "ann", Name: "Ann"}
	t0   = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// post makes a post in conversation conv; ids double as minutes.
func post(id, conv uint64, author model.User, kind model.Kind) model.Post {
	return model.Post{ID: id, ConversationID: conv, AuthorID: author.ID, Text: "text", Kind: kind, CreatedAt: t0.Add(time.Duration(id) * time.Minute)}
}

func TestRoundTripAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetAccount(shop); err != nil {
		t.Fatal(err)
	}
	added, err := s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(11, 10, shop, model.Reply)}, Users: []model.User{ann}, Source: "mentions", Cursor: 11})
	if err != nil || len(added) != 2 {
		t.Fatalf("Put: %d added, %v", len(added), err)
	}
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	thread, err := s.Thread(10)
	if err != nil || len(thread) != 2 || thread[0].ID != 10 || thread[1].Kind != model.Reply {
		t.Fatalf("Thread = %+v, %v", thread, err)
	}
	if cur, _ := s.Cursor("mentions"); cur != 11 {
		t.Errorf("cursor = %d", cur)
	}
	if acct, ok, _ := s.Account(); !ok || acct != shop {
		t.Errorf("account = %+v", acct)
	}
	if u, ok, _ := s.User(ann.ID); !ok || u != ann {
		t.Errorf("user = %+v", u)
	}
}

func TestNothingStoredTwice(t *testing.T) {
	s := openTemp(t)
	batch := Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(12, 10, ann, model.Mention)}}
	if added, _ := s.Put(batch); len(added) != 2 {
		t.Fatalf("first put added %d", len(added))
	}
	if added, _ := s.Put(batch); len(added) != 0 {
		t.Errorf("second put added %d", len(added))
	}
	thread, _ := s.Thread(10)
	counts, _ := s.Counts()
	if len(thread) != 2 || counts.ByView[ViewAll] != 1 || counts.Unread != 1 {
		t.Errorf("thread %d posts, counts %+v", len(thread), counts)
	}
}

func TestCursorOnlyMovesForward(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Source: "mentions", Cursor: 50})
	s.Put(Batch{Source: "mentions", Cursor: 40})
	if cur, _ := s.Cursor("mentions"); cur != 50 {
		t.Errorf("cursor = %d, want 50", cur)
	}
}

func TestInboxPagesNewestActivityFirst(t *testing.T) {
	s := openTemp(t)
	// Conversations 10..14, then a new post in 10 makes it the newest.
	var posts []model.Post
	for c := uint64(10); c < 15; c++ {
		posts = append(posts, post(c, c, ann, model.Mention))
	}
	posts = append(posts, post(20, 10, ann, model.Mention))
	s.Put(Batch{Posts: posts, Users: []model.User{ann}})

	ids := func(rows []Row) (out []uint64) {
		for _, r := range rows {
			out = append(out, r.Conversation.ID)
		}
		return out
	}
	first, _ := s.Inbox(ViewAll, InboxKey{}, 2)
	if got := ids(first); !equal(got, 10, 14) || first[0].Customer.Username != "ann" || first[0].Last.ID != 20 {
		t.Fatalf("first page = %v", got)
	}
	second, _ := s.Inbox(ViewAll, first[1].Key, 2)
	if got := ids(second); !equal(got, 13, 12) {
		t.Errorf("second page = %v", got)
	}
	above, _ := s.InboxBefore(ViewAll, second[0].Key, 5)
	if got := ids(above); !equal(got, 10, 14) {
		t.Errorf("page above = %v", got)
	}
	last, _ := s.InboxOldest(ViewAll, 2)
	if got := ids(last); !equal(got, 12, 11) {
		t.Errorf("last page = %v", got)
	}
	end, _ := s.Inbox(ViewAll, last[1].Key, 2)
	if len(end) != 0 {
		t.Errorf("past the end = %v", ids(end))
	}
}

func TestReadState(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(11, 11, ann, model.Mention)}})
	if c, _ := s.Counts(); c.Unread != 2 {
		t.Fatalf("unread = %d", c.Unread)
	}
	s.MarkRead(10)
	s.MarkRead(10)
	if c, _ := s.Counts(); c.Unread != 1 {
		t.Errorf("unread after reading one = %d", c.Unread)
	}
	s.Put(Batch{Posts: []model.Post{post(12, 10, shop, model.Reply)}})
	if c, _ := s.Counts(); c.Unread != 1 {
		t.Errorf("our reply made it unread: %d", c.Unread)
	}
	s.Put(Batch{Posts: []model.Post{post(13, 10, ann, model.Mention)}})
	if c, _ := s.Counts(); c.Unread != 2 {
		t.Errorf("a new mention did not make it unread: %d", c.Unread)
	}
}

func TestSecondOpenFailsWithinASecond(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = Open(path)
	if !errors.Is(err, ErrLocked) || err.Error() != "another hark is using "+path+": database in use" {
		t.Errorf("second open: %v", err)
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("second open took %v", d)
	}
}

func TestGarbageFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"text":  []byte("this is not a database, just some words\n"),
		"zeros": make([]byte, 64*1024),
		"empty-page": func() []byte {
			b := make([]byte, 16*1024)
			copy(b, "garbage")
			return b
		}(),
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, content, 0o600)
		s, err := Open(path)
		if err == nil {
			s.Close()
			t.Errorf("%s: opened", name)
			continue
		}
		if !errors.Is(err, ErrNotHark) {
			t.Errorf("%s: err %v, want ErrNotHark", name, err)
		}
		if got, _ := os.ReadFile(path); string(got) != string(content) {
			t.Errorf("%s: the file was changed", name)
		}
	}
}

func equal(got []uint64, want ...uint64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func TestForeignAndNewerDatabasesAreRefused(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	db.Close()
	if _, err := Open(foreign); !errors.Is(err, ErrNotHark) {
		t.Errorf("foreign bbolt file: %v", err)
	}

	newer := filepath.Join(dir, "newer.db")
	s, _ := Open(newer)
	s.db.Update(func(tx *bolt.Tx) error { return putUint(tx.Bucket(bucketMeta), "schema", SchemaVersion+1) })
	s.Close()
	if _, err := Open(newer); err == nil || !strings.Contains(err.Error(), "newer hark") {
		t.Errorf("newer schema: %v", err)
	}
}

func TestDamagedDatabaseIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, _ := Open(path)
	var posts []model.Post
	for i := uint64(1); i <= 500; i++ {
		posts = append(posts, post(i, i%20+1, ann, model.Mention))
	}
	s.Put(Batch{Posts: posts})
	s.Close()
	raw, _ := os.ReadFile(path)
	for i := 2 * 4096; i < len(raw); i++ {
		raw[i] ^= 0x5A
	}
	os.WriteFile(path, raw, 0o600)
	s, err := Open(path)
	if err != nil {
		if !errors.Is(err, ErrNotHark) {
			t.Errorf("open: %v", err)
		}
		return
	}
	defer s.Close()
	// Open may succeed on damaged leaves; reading must then fail cleanly.
	_, err = s.Inbox(ViewAll, InboxKey{}, 10)
	if err == nil {
		_, err = s.Thread(5)
	}
	if !errors.Is(err, ErrNotHark) {
		t.Errorf("reading a damaged file: %v", err)
	}
}

// A batch files its posts exactly as putting them one at a time does:
// conversations, views, counts, read state and snoozes are the same, byte
// for byte (a batch saves each conversation once, at its end).
func TestBatchFilesAsOnePostAtATime(t *testing.T) {
	c := corpus.Generate(corpus.Options{Seed: 3, Posts: 1500, Users: 40, Account: shop, End: t0, Span: 90 * 24 * time.Hour})
	batched, single := openTemp(t), openTemp(t)
	for _, s := range []*Store{batched, single} {
		if _, err := s.Put(Batch{Users: c.Users}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < len(c.Posts); i += 100 {
		batch := c.Posts[i:min(i+100, len(c.Posts))]
		if _, err := batched.Put(Batch{Posts: batch}); err != nil {
			t.Fatal(err)
		}
		for _, p := range batch {
			if _, err := single.Put(Batch{Posts: []model.Post{p}}); err != nil {
				t.Fatal(err)
			}
		}
		if i == 500 { // snooze some, so later posts wake them
			for _, s := range []*Store{batched, single} {
				rows, _ := s.Inbox(ViewInbox, InboxKey{}, 10)
				for _, r := range rows {
					if _, err := s.Snooze([]uint64{r.Conversation.ID}, t0.Add(time.Hour)); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	for _, name := range allBuckets {
		if slices.ContainsFunc(index.Buckets(), func(ix []byte) bool { return string(ix) == string(name) }) {
			continue // segments differ by batch; the searches above compare the index
		}
		a, b := bucketContents(t, batched, name), bucketContents(t, single, name)
		if !maps.Equal(a, b) {
			t.Errorf("bucket %s differs: %d keys batched, %d one at a time", name, len(a), len(b))
		}
	}
}

func bucketContents(t *testing.T, s *Store, name []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(name).ForEach(func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPeopleReadsKnownOnesOnce(t *testing.T) {
	s := openTemp(t)
	s.Put(Batch{Users: []model.User{ann, shop}})
	got, err := s.People([]uint64{ann.ID, 0, 999, ann.ID, shop.ID})
	if err != nil || len(got) != 2 || got[ann.ID].Username != ann.Username || got[shop.ID].Username != shop.Username {
		t.Errorf("People = %v, %v", got, err)
	}
}

func TestAReadOnlyFileIsReadNotRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention)}, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := OpenWith(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open: %v", err)
	}
	defer ro.Close()
	if _, found, err := ro.Post(10); !found || err != nil {
		t.Errorf("reading: %v, %v", found, err)
	}
	_, err = ro.Put(Batch{Posts: []model.Post{post(11, 11, ann, model.Mention)}})
	if !errors.Is(err, ErrReadOnly) || errors.Is(err, ErrNotHark) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("writing: %v", err)
	}
}

func TestADamagedPostIsNamedAndTheOthersStillRead(t *testing.T) {
	s := openTemp(t)
	var posts []model.Post
	for id := uint64(10); id < 15; id++ {
		posts = append(posts, post(id, id, ann, model.Mention))
	}
	if _, err := s.Put(Batch{Posts: posts, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketPosts).Put(idKey(12), []byte(`{"id":`)) }); err != nil {
		t.Fatal(err)
	}
	var seen []uint64
	err := s.EachPost(func(p model.Post) error { seen = append(seen, p.ID); return nil })
	if err == nil || !strings.Contains(err.Error(), "post 12 is damaged") || len(seen) != 4 {
		t.Errorf("saw %v, err %v", seen, err)
	}
	if _, _, err := s.Post(12); err == nil || !strings.Contains(err.Error(), "record 12") {
		t.Errorf("Post(12): %v", err)
	}
}

// lastTx is the id of the file's last committed write transaction.
func lastTx(t *testing.T, path string) int {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int
	db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
	return id
}

// Opening a file to read it (search, list, export, the interface's
// start) writes nothing: no transaction is committed.
func TestReadingWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(20, 20, ann, model.Mention)}, Users: []model.User{ann}})
	s.SetAccount(shop)
	if _, err := s.Snooze([]uint64{20}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := lastTx(t, path)
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if woken, err := s.WakeDue(t0); err != nil || len(woken) != 0 {
		t.Fatalf("woke %v, %v", woken, err)
	}
	if err := s.SetAccount(shop); err != nil { // as every start does
		t.Fatal(err)
	}
	q, _ := search.Parse("from:" + ann.Username)
	if ids, err := s.SearchIDs(context.Background(), q, 0, 10, t0); err != nil || len(ids) != 2 {
		t.Fatalf("search: %v, %v", ids, err)
	}
	s.Inbox(ViewAll, InboxKey{}, 10)
	s.Counts()
	s.Customer(ann.ID)
	s.EachPost(func(model.Post) error { return nil })
	s.Close()
	if after := lastTx(t, path); after != before {
		t.Errorf("reading committed %d write transactions", after-before)
	}
	s, _ = Open(path)
	if woken, err := s.WakeDue(t0.Add(2 * time.Hour)); err != nil || len(woken) != 1 {
		t.Errorf("a snooze due was not woken: %v, %v", woken, err)
	}
	s.Close()
}

// Drafts are kept per conversation across a reopen; empty text removes
// one; saving the same text again writes nothing.
func TestDraftsAreKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(10, "", "Sorry about the basket,", t0); err != nil {
		t.Fatal(err)
	}
	s.SaveDraft(20, "", "   ", t0) // nothing to keep
	s.Close()
	before := lastTx(t, path)
	s, _ = Open(path)
	defer s.Close()
	drafts, err := s.Drafts("")
	if err != nil || len(drafts) != 1 || drafts[10].Text != "Sorry about the basket," {
		t.Fatalf("drafts after reopening: %+v, %v", drafts, err)
	}
	s.SaveDraft(10, "", "Sorry about the basket,", t0)
	var after int
	s.view(func(tx *bolt.Tx) error { after = tx.ID(); return nil })
	if after != before {
		t.Errorf("saving the same draft wrote %d transactions", after-before)
	}
	s.SaveDraft(10, "", "", t0)
	if drafts, _ := s.Drafts(""); len(drafts) != 0 {
		t.Errorf("an emptied draft is kept: %+v", drafts)
	}
}

// TestSpendCountsAResourceOnceADay: a post read twice in one answer, or
// again the same UTC day by another source, is counted once; a request
// billed as such always; the next day, the post again.
func TestSpendCountsAResourceOnceADay(t *testing.T) {
	s := openTemp(t)
	day := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	count := func(at time.Time, source string, uses ...spend.Use) {
		if err := s.CountSpend(at, source, uses); err != nil {
			t.Fatal(err)
		}
	}
	count(day, "mentions", spend.Use{Kind: spend.OwnedRead, ID: 7}, spend.Use{Kind: spend.PostRead, ID: 7}, spend.Use{Kind: spend.UserRead, ID: 7})
	count(day.Add(time.Hour), "brand", spend.Use{Kind: spend.PostRead, ID: 7}, spend.Use{Kind: spend.SummonedReply}, spend.Use{Kind: spend.SummonedReply})
	count(day.Add(24*time.Hour), "brand", spend.Use{Kind: spend.PostRead, ID: 7})
	rows, err := s.SpendSince("2026-12-01")
	want := []spend.Row{
		{Day: "2026-12-01", Source: "brand", Kind: spend.SummonedReply, Count: 2},
		{Day: "2026-12-01", Source: "mentions", Kind: spend.OwnedRead, Count: 1},
		{Day: "2026-12-01", Source: "mentions", Kind: spend.UserRead, Count: 1},
		{Day: "2026-12-02", Source: "brand", Kind: spend.PostRead, Count: 1},
	}
	if err != nil || !slices.Equal(rows, want) {
		t.Errorf("rows = %+v, %v\nwant %+v", rows, err, want)
	}
}
