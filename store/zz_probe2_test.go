package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/model"
	bolt "go.etcd.io/bbolt"
)

func TestZZPendingDecode(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		t.Skip()
	}
	c := corpus.Generate(corpus.Options{Seed: 42, Posts: 49000, Users: 1200, Account: model.User{ID: 1, Username: "shop"}, End: time.Now(), Span: 3 * 365 * 24 * time.Hour})
	s, _ := Open(filepath.Join(t.TempDir(), "p.db"))
	s.Put(Batch{Users: c.Users})
	for i := 0; i < len(c.Posts); i += 100 {
		s.Put(Batch{Posts: c.Posts[i:min(i+100, len(c.Posts))]})
	}
	for range 3 {
		s.pending = pendingCache{}
		start := time.Now()
		var n int
		s.view(func(tx *bolt.Tx) error {
			m, err := s.pending.read(tx)
			n = len(m)
			return err
		})
		fmt.Println("decode", time.Since(start), n, "terms")
	}
}
