package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// A schema 6 file's index has no positions: opening it empties the index
// and rebuilds it, tags and customers' entries included.
func TestMigrateV6RebuildsTheIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := post(10, 10, ann, model.Mention)
	p.Text = "the brass compass"
	s.Put(Batch{Posts: []model.Post{p, post(11, 10, ann, model.Mention)}, Users: []model.User{ann}})
	s.Tag([]uint64{10}, []string{"refund"}, nil)
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("postings")).Put([]byte("stale\x00\x00\x00\x00\x00\x00\x00\x00\x01"), []byte{1, 1}); err != nil {
			return err
		}
		return putUint(tx.Bucket(bucketMeta), "schema", 6)
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopenMigrated(t, s, path)
	for query, want := range map[string][]uint64{"tag:refund": {11, 10}, `"brass compass"`: {10}, "stale": nil} {
		q, _ := search.Parse(query)
		if ids, _ := s.SearchIDs(context.Background(), q, 0, 10, t0); !slices.Equal(ids, want) {
			t.Errorf("%s = %v, want %v", query, ids, want)
		}
	}
	if f, _ := s.Customer(ann.ID); len(f.Conversations) != 1 {
		t.Errorf("customer file = %+v", f.Conversations)
	}
}

// reopenMigrated closes s, opens its file again (migrating it) and checks
// the index.
func reopenMigrated(t *testing.T, s *Store, path string) *Store {
	t.Helper()
	s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := checkIndex(s); err != nil {
		t.Errorf("after migration: %v", err)
	}
	return s
}

// Reindex rebuilds the index from the posts: the same entries (tags and
// the customer file's included), whatever the index held before.
func TestReindexRebuildsEveryEntry(t *testing.T) {
	s, c, _ := searchCorpus(t, 1200)
	person := c.Posts[0].AuthorID
	before, _ := s.Customer(person)
	if err := s.update(func(tx *bolt.Tx) error { // damage the index
		var e index.Entries
		e.Add(customerTerm(person), before.Conversations[0].Conversation.ID, nil)
		return s.index.Remove(tx, e)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := checkIndex(s); err == nil {
		t.Fatal("the damage did not show")
	}
	var last [2]int
	if err := s.Reindex(func(done, total int) { last = [2]int{done, total} }); err != nil {
		t.Fatal(err)
	}
	if last != [2]int{1200, 1200} {
		t.Errorf("progress ended at %v", last)
	}
	if _, err := checkIndex(s); err != nil {
		t.Error(err)
	}
	after, _ := s.Customer(person)
	if len(after.Conversations) != len(before.Conversations) || len(before.Conversations) == 0 {
		t.Errorf("customer file: %d conversations after reindex, %d before", len(after.Conversations), len(before.Conversations))
	}
}
