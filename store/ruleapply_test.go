package store

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/corpus"
	"github.com/harkhq/hark/search"
)

// applyEnv names the database a child process applies a rule in.
const applyEnv = "HARK_TEST_APPLY_IN"

// applied is the rule the apply tests apply to the history: it catches
// nearly every post, tags, sets a status and keeps a note.
func applied() Rule {
	q, _ := search.Parse("order OR paper OR ink OR the OR a")
	return Rule{Name: "catchall", Query: q, Tags: []string{"seen"}, Status: StatusWaiting, Note: "looked at"}
}

var applyAt = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// TestApplyChild is the child: it applies the rule to the history until
// done or killed. It does nothing in a normal test run.
func TestApplyChild(t *testing.T) {
	path := os.Getenv(applyEnv)
	if path == "" {
		t.Skip("run by TestRulesApplyKilledHalfwayIsOneStep")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyRule(context.Background(), applied(), 1_000_000, applyAt); err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// stateOf is what a rule apply may change, as text: each conversation's
// tags, status and snooze, and every note.
func stateOf(t *testing.T, s *Store) string {
	t.Helper()
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketConvs).ForEach(func(k, v []byte) error {
			var c Conversation
			if err := json.Unmarshal(v, &c); err != nil {
				return err
			}
			out = fmt.Appendf(out, "%d %v %s %v\n", c.ID, c.Tags, c.Status, c.SnoozeUntil)
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketNotes).ForEach(func(k, v []byte) error {
			out = fmt.Appendf(out, "note %x %s\n", k, v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestRulesApplyKilledHalfwayIsOneStep: an apply killed at any moment
// changed all or nothing; applied again it adds no note twice; 'undo'
// then takes every apply back, leaving the history as it was.
func TestRulesApplyKilledHalfwayIsOneStep(t *testing.T) {
	dir := t.TempDir()
	pristine := filepath.Join(dir, "pristine.db")
	s, err := Open(pristine)
	if err != nil {
		t.Fatal(err)
	}
	c := corpus.Generate(corpus.Options{Seed: 3, Posts: 4000, Users: 300, Account: shop, End: applyAt, Span: 60 * 24 * time.Hour})
	for i := 0; i < len(c.Posts); i += 500 {
		if _, err := s.Put(Batch{Posts: c.Posts[i:min(i+500, len(c.Posts))], Users: c.Users}); err != nil {
			t.Fatal(err)
		}
	}
	before := stateOf(t, s)
	s.Close()
	history := filepath.Join(dir, "history.db") // the history as stored, for the kills
	copyFile(t, pristine, history)
	if s, err = Open(pristine); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	n, err := s.ApplyRule(context.Background(), applied(), 1_000_000, applyAt)
	took := time.Since(start)
	if err != nil || n < 100 {
		t.Fatalf("apply: %d conversations, %v", n, err)
	}
	once := stateOf(t, s)
	notes := countNotes(t, s)
	if _, err := s.ApplyRule(context.Background(), applied(), 1_000_000, applyAt); err != nil {
		t.Fatal(err)
	}
	if got := countNotes(t, s); got != notes || notes != n {
		t.Errorf("notes: %d after one apply of %d conversations, %d after two", notes, n, got)
	}
	if found, err := s.TakeBackKept(RuleUndoName("catchall")); !found || err != nil {
		t.Fatalf("undo: %v %v", found, err)
	}
	if stateOf(t, s) != before {
		t.Error("two applies then undo did not leave the history as it was")
	}
	s.Close()
	t.Logf("an apply to %d conversations takes %v", n, took)

	if testing.Short() {
		return
	}
	work := filepath.Join(dir, "hark.db")
	for round := range 6 {
		copyFile(t, history, work)
		cmd := exec.Command(os.Args[0], "-test.run=^TestApplyChild$")
		cmd.Env = append(os.Environ(), applyEnv+"="+work)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// From just after its start to about when it would be done.
		time.Sleep(time.Duration(round) * (took + 50*time.Millisecond) / 5)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s, err := Open(work)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		switch got := stateOf(t, s); got {
		case before:
			t.Logf("round %d: killed before the apply committed: nothing changed", round)
		case once:
			t.Logf("round %d: the apply committed whole", round)
		default:
			t.Errorf("round %d: killed halfway, the history is neither as it was nor applied", round)
		}
		if _, err := s.TakeBackKept(RuleUndoName("catchall")); err != nil {
			t.Fatal(err)
		}
		if stateOf(t, s) != before {
			t.Errorf("round %d: undo after the kill left changes", round)
		}
		s.Close()
	}
}

func countNotes(t *testing.T, s *Store) int {
	n := 0
	s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketNotes).Stats().KeyN
		return nil
	})
	return n
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}
