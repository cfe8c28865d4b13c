package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// TestCloseFoldsWhatAWriterLeftWaiting: a writer that leaves at least
// closeFoldMin posts waiting folds them as it closes (the next process
// decodes nothing before its first answer); fewer are left waiting (a
// short sync's page is not worth rewriting thousands of pages); a search
// finds the same posts either way.
func TestCloseFoldsWhatAWriterLeftWaiting(t *testing.T) {
	for _, c := range []struct {
		posts       int
		wantWaiting bool
	}{{closeFoldMin - 100, true}, {closeFoldMin + 100, false}} {
		path := filepath.Join(t.TempDir(), "hark.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < c.posts; i += 100 {
			var posts []model.Post
			for j := i; j < min(i+100, c.posts); j++ {
				id := uint64(1000 + j)
				posts = append(posts, model.Post{ID: id, ConversationID: id, AuthorID: ann.ID, Kind: model.Mention,
					Text: fmt.Sprintf("parcel number%d", j), CreatedAt: time.Unix(int64(id), 0)})
			}
			if _, err := s.Put(Batch{Posts: posts, Users: []model.User{ann}}); err != nil {
				t.Fatal(err)
			}
		}
		before := countHits(t, s, "parcel")
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s, err = Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var waiting uint64
		s.view(func(tx *bolt.Tx) error { waiting = index.Waiting(tx); return nil })
		if (waiting > 0) != c.wantWaiting {
			t.Errorf("%d posts stored, closed: %d wait", c.posts, waiting)
		}
		if after := countHits(t, s, "parcel"); after != before || after != c.posts {
			t.Errorf("%d posts: %d found before the close, %d after", c.posts, before, after)
		}
		s.Close()
		if c.wantWaiting { // a store that only read leaves them, however many: reading writes nothing
			s, _ = Open(path)
			s.foldOnCloseAt = 1
			countHits(t, s, "parcel")
			s.Close()
			s, _ = Open(path)
			s.view(func(tx *bolt.Tx) error { waiting = index.Waiting(tx); return nil })
			s.Close()
			if waiting == 0 {
				t.Errorf("a store that only searched folded on its way out")
			}
		}
	}
}

func countHits(t *testing.T, s *Store, q string) int {
	t.Helper()
	n, err := search.Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := s.SearchIDs(context.Background(), n, 0, 1<<20, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return len(ids)
}
