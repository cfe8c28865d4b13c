package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// childEnv names the database a child process ingests into.
const childEnv = "HARK_TEST_INGEST_INTO"

// TestIngestChild is the child: it stores a generated history page by
// page until killed. It does nothing in a normal test run.
func TestIngestChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by TestKillDuringIngestKeepsIndexExact")
	}
	s, err := OpenWith(path, Options{Rules: []Rule{crashRule()}})
	if err != nil {
		t.Fatal(err)
	}
	s.index = index.New(1000) // so kills also land in and around folds
	c := crashCorpus()
	for i := 0; i < len(c.Posts); i += 100 {
		if _, err := s.Put(Batch{Posts: c.Posts[i:min(i+100, len(c.Posts))], Users: c.Users}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
}

// crashRule is the rule the child runs on what it stores: a kill must
// never leave a post stored without it.
func crashRule() Rule {
	q, _ := search.Parse("order OR paper OR ink")
	return Rule{Name: "crash", Query: q, Tags: []string{"ruled"}}
}

// checkRuled checks that every stored post of others the rule matches
// has its conversation tagged by it.
func checkRuled(s *Store) (int, error) {
	ids, err := s.SearchIDs(context.Background(), crashRule().Query, 0, 1_000_000, time.Now())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		p, _, _ := s.Post(id)
		if p.Kind.Ours() {
			continue
		}
		c, _, _ := s.Conversation(p.ConversationID)
		if !slices.Contains(c.Tags, "ruled") {
			return n, fmt.Errorf("post %d is stored but its rule did not run (conversation %d tags %v)", id, c.ID, c.Tags)
		}
		n++
	}
	return n, nil
}

func crashCorpus() corpus.Corpus {
	return corpus.Generate(corpus.Options{Seed: 9, Posts: 20000, Users: 100, Account: shop,
		End: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), Span: 200 * 24 * time.Hour})
}

// TestKillDuringIngestKeepsIndexExact kills an ingesting process at random
// moments and checks, after each kill, that store and index agree, and
// that no post is stored without its rule having run.
func TestKillDuringIngestKeepsIndexExact(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	path := filepath.Join(t.TempDir(), "hark.db")
	rng := rand.New(rand.NewPCG(1, 1))
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
		cmd.Env = append(os.Environ(), childEnv+"="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		n, err := checkIndex(s)
		ruled, rerr := checkRuled(s)
		s.Close()
		if err != nil {
			t.Fatalf("round %d, after %d posts: %v", round, n, err)
		}
		if rerr != nil {
			t.Fatalf("round %d, after %d posts: %v", round, n, rerr)
		}
		t.Logf("round %d: killed after %d posts; index exact; %d ruled", round, n, ruled)
	}
}

// checkIndex compares the postings with the posts, both ways.
func checkIndex(s *Store) (int, error) {
	posts := 0
	err := s.view(func(tx *bolt.Tx) error {
		want, rd := map[string][]uint64{}, newReader(tx)
		err := tx.Bucket(bucketPosts).ForEach(func(k, v []byte) error {
			var p model.Post
			if err := json.Unmarshal(v, &p); err != nil {
				return err
			}
			posts++
			add := func(term string, id uint64) {
				if !slices.Contains(want[term], id) {
					want[term] = append(want[term], id)
				}
			}
			for _, e := range search.IndexEntries(rd.doc(p)) {
				add(e.Term, p.ID)
			}
			if !p.Kind.Ours() {
				add(customerTerm(p.AuthorID), p.ConversationID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		owners := allNoteEntries(tx)
		names := allNameEntries(tx)
		names.Each(func(term string, id uint64) {
			if !slices.Contains(want[term], id) {
				want[term] = append(want[term], id)
			}
		})
		owners.Each(func(term string, id uint64) {
			if !slices.Contains(want[term], id) {
				want[term] = append(want[term], id)
			}
		})
		got := map[string][]uint64{}
		r, err := s.index.Read(tx)
		if err != nil {
			return err
		}
		err = r.Each(func(term string, ids []uint64) error {
			slices.Sort(ids)
			got[term] = ids
			return nil
		})
		if err != nil {
			return err
		}
		if len(got) != len(want) {
			return fmt.Errorf("%d terms indexed, %d in the posts", len(got), len(want))
		}
		for term, ids := range want {
			slices.Sort(ids)
			if !slices.Equal(got[term], ids) {
				return fmt.Errorf("term %q: index has %d ids, posts %d", term, len(got[term]), len(ids))
			}
		}
		return nil
	})
	if err != nil {
		return posts, err
	}
	if r, err := s.CheckIndex(nil); err != nil || !r.OK() { // the positions too
		return posts, fmt.Errorf("CheckIndex: %+v, %v", r, err)
	}
	return posts, nil
}
