package store

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// reindexEnv names the database a child process reindexes.
const reindexEnv = "HARK_TEST_REINDEX"

// TestReindexChild is the child: it reindexes until killed. It does
// nothing in a normal test run.
func TestReindexChild(t *testing.T) {
	path := os.Getenv(reindexEnv)
	if path == "" {
		t.Skip("run by TestKillDuringReindexHealsAtTheNextOpen")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for {
		if err := s.Reindex(nil); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKillDuringReindexHealsAtTheNextOpen kills a reindexing process at
// random moments; the next Open finishes the index, exactly.
func TestKillDuringReindexHealsAtTheNextOpen(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := crashCorpus()
	for i := 0; i < len(c.Posts); i += 1000 {
		if _, err := s.Put(Batch{Posts: c.Posts[i:min(i+1000, len(c.Posts))], Users: c.Users}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	rng := rand.New(rand.NewPCG(2, 2))
	interrupted := 0
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReindexChild$")
		cmd.Env = append(os.Environ(), reindexEnv+"="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+rng.IntN(900)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if wasInterrupted(t, path) {
			interrupted++
		}
		healed := 0
		s, err := OpenWith(path, Options{ReindexProgress: func(done, total int) { healed = done }})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		n, err := checkIndex(s)
		report, cerr := s.CheckIndex(nil)
		s.Close()
		if err != nil || cerr != nil || !report.OK() || report.Posts != n {
			t.Fatalf("round %d, %d posts: %v; report %+v, %v", round, n, err, report, cerr)
		}
		t.Logf("round %d: healed to %d posts; index exact", round, healed)
	}
	if interrupted == 0 {
		t.Error("no kill landed inside a reindex: the test did not test")
	}
}

// wasInterrupted reads the reindex marker without healing the file.
func wasInterrupted(t *testing.T, path string) bool {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pending := false
	db.View(func(tx *bolt.Tx) error {
		pending = tx.Bucket(bucketMeta).Get([]byte(metaReindexing)) != nil
		return nil
	})
	return pending
}

func TestCheckIndexNamesThePostsMissing(t *testing.T) {
	s := openTemp(t)
	c := crashCorpus()
	c.Posts = c.Posts[:3000]
	if _, err := s.Put(Batch{Posts: c.Posts, Users: c.Users}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.CheckIndex(nil); err != nil || !r.OK() || r.Posts != 3000 {
		t.Fatalf("healthy: %+v, %v", r, err)
	}
	// Lose the first post's entries: as a reindex killed before it.
	victim := c.Posts[0]
	err := s.update(func(tx *bolt.Tx) error { return s.unindexPost(tx, victim) })
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.CheckIndex(nil)
	if err != nil || r.OK() || r.Missing != 1 || r.MissingIDs[0] != victim.ID {
		t.Errorf("damaged: %+v, %v", r, err)
	}
}

func TestADamagedPostNeitherStopsAReindexNorLocksTheFileAfterIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := crashCorpus()
	c.Posts = c.Posts[:2*reindexBatch+10]
	if _, err := s.Put(Batch{Posts: c.Posts, Users: c.Users}); err != nil {
		t.Fatal(err)
	}
	damaged := c.Posts[reindexBatch+5].ID
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketPosts).Put(idKey(damaged), []byte(`{"id":`)) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Reindex(nil); err != nil {
		t.Errorf("reindex: %v", err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatalf("the next open: %v", err)
	}
	defer s.Close()
	r, err := s.CheckIndex(nil)
	if err != nil || r.Missing != 0 || r.Damaged != 1 || r.Unfinished || len(r.DamagedIDs) != 1 || r.DamagedIDs[0] != damaged {
		t.Errorf("after the reindex: %+v, %v", r, err)
	}
}

// A reindex removes the runs a killed reindex of its own database left,
// and no other database's.
func TestReindexRemovesOnlyItsOwnStaleRuns(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mine := filepath.Join(dir, ".hark.db.reindex-123")
	theirs := filepath.Join(dir, ".other.db.reindex-456")
	for _, p := range []string{mine, theirs} {
		if err := os.WriteFile(p, []byte("run"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Reindex(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Errorf("its own stale run is still there: %v", err)
	}
	if _, err := os.Stat(theirs); err != nil {
		t.Errorf("another database's run was removed: %v", err)
	}
}
