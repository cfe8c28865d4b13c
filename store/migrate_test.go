package store

import (
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// A schema 3 file has no tag terms; opening it adds them.
func TestMigrateV3IndexesTags(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := post(10, 10, ann, model.Mention)
	s.Put(Batch{Posts: []model.Post{p, post(11, 10, ann, model.Mention)}, Users: []model.User{ann}})
	s.Tag([]uint64{10}, []string{"refund"}, nil)
	err = s.db.Update(func(tx *bolt.Tx) error {
		for _, id := range []uint64{10, 11} {
			if err := removePosting(tx, search.TagTerm("refund"), id); err != nil {
				return err
			}
		}
		return putUint(tx.Bucket(bucketMeta), "schema", 3)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkIndex(s); err == nil {
		t.Fatal("the index still has the tag terms the test took out")
	}
	s = reopenMigrated(t, s, path)
	q, _ := search.Parse("tag:refund")
	if ids, _ := s.SearchIDs(q, 0, 10, t0); !slices.Equal(ids, []uint64{11, 10}) {
		t.Errorf("tag:refund = %v", ids)
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

// A schema 5 file lists people's conversations in a bucket; opening it
// moves them into the index.
func TestMigrateV5MovesCustomerConversations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Put(Batch{Posts: []model.Post{post(10, 10, ann, model.Mention), post(20, 20, ann, model.Mention)}, Users: []model.User{ann}})
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := foldPending(tx, nil); err != nil {
			return err
		}
		legacy, err := tx.CreateBucket(bucketCustomerConvs)
		if err != nil {
			return err
		}
		for _, conv := range []uint64{10, 20} {
			if err := removePosting(tx, customerTerm(ann.ID), conv); err != nil {
				return err
			}
			if err := legacy.Put(pairKey(ann.ID, conv), nil); err != nil {
				return err
			}
		}
		return putUint(tx.Bucket(bucketMeta), "schema", 5)
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopenMigrated(t, s, path)
	f, _ := s.Customer(ann.ID)
	if len(f.Conversations) != 2 || f.Conversations[0].Conversation.ID != 20 {
		t.Errorf("customer file = %+v", f.Conversations)
	}
	s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCustomerConvs) != nil {
			t.Error("the old bucket is still there")
		}
		return nil
	})
}

// Reindex rebuilds the index from the posts: the same entries (tags and
// the customer file's included), whatever the index held before.
func TestReindexRebuildsEveryEntry(t *testing.T) {
	s, c, _ := searchCorpus(t, 1200)
	person := c.Posts[0].AuthorID
	before, _ := s.Customer(person)
	if err := s.update(func(tx *bolt.Tx) error { // damage the index
		if err := foldPending(tx, nil); err != nil {
			return err
		}
		return removePosting(tx, customerTerm(person), before.Conversations[0].Conversation.ID)
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
