package main

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/store"
)

// served is what a command printed and how it ended.
type served struct {
	out string
	err string
}

// TestCommandsThroughTheSocketMatchInProcess: with a hark holding the
// database (as the TUI does), every command runs in it and prints what
// it prints when it opens the database itself, errors and exit statuses
// included; and the holder hears of each, to refresh its screen.
func TestCommandsThroughTheSocketMatchInProcess(t *testing.T) {
	srv := startShop(t)
	vars := testEnv(t, srv)
	vars["XDG_RUNTIME_DIR"] = t.TempDir()
	runHark(t, vars, "sync", "--once")
	dbPath := filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db")
	pristine, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	conv := inboxIDs(t, vars, "all")[0].ConversationID
	out := filepath.Join(t.TempDir(), "export.csv")
	lines := [][]string{
		{"ls"}, {"ls", "--view", "all", "--format", "jsonl"}, {"search", "basket"},
		{"search", "--format", "jsonl", "from:maria_k"}, {"export", "--format", "csv"},
		{"tag", conv, "+refund", "-x"}, {"status", conv, "done"}, {"snooze", conv, "2d"},
		{"note", conv, "called back"}, {"ls", "--view", "done"}, {"outbox"},
		{"export", "--output", out}, {"tag", "abc", "+x"}, {"status", conv, "closed"},
		{"ls", "--view", "later"}, {"snooze", conv, "someday"}, {"reindex"},
	}
	run := func() []served {
		var got []served
		for _, l := range lines {
			o, err := runHark(t, vars, l...)
			s := served{out: o}
			if err != nil {
				s.err = err.Error()
				s.err += " (status " + strconv.Itoa(result(err).Code) + ")"
			}
			got = append(got, s)
		}
		return got
	}
	inProcess := run()
	if err := os.WriteFile(dbPath, pristine, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	acct, _, _ := st.Account()
	var changes atomic.Int32
	e := &env{getenv: func(k string) string { return vars[k] }, dbPath: dbPath}
	stop, err := e.serve(&held{store: st, account: acct, changed: func() { changes.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	through := run()
	stop()
	st.Close()
	for i := range lines {
		if through[i] != inProcess[i] {
			t.Errorf("hark %s:\nin process: %+v\nthrough the socket: %+v", strings.Join(lines[i], " "), inProcess[i], through[i])
		}
	}
	if int(changes.Load()) != len(lines) {
		t.Errorf("the holder heard of %d commands, not %d", changes.Load(), len(lines))
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("export --output through the socket: %v", err)
	}
}

// TestStaleSocketIsIgnored: a socket left by a killed hark does not stop
// a command, which runs in-process and removes it.
func TestStaleSocketIsIgnored(t *testing.T) {
	env := testEnv(t, startShop(t))
	runHark(t, env, "sync", "--once")
	path, err := sock.Path(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	if out, err := runHark(t, env, "ls"); err != nil || !strings.Contains(out, "@") {
		t.Errorf("ls past a stale socket: %q, %v", out, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the stale socket is still there")
	}
}
