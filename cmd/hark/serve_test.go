package main

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
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
		{"tag", conv, "+refund", "--", "-x"}, {"status", conv, "done"}, {"snooze", conv, "2d"},
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
	rt := e.hold(t, app.Options{Store: st, Team: app.Team{{User: acct}}, Changed: func() { changes.Add(1) }})
	through := run()
	rt.Close()
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
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
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

// TestDBFlagAfterTheArguments: --db at the end of any command line is
// the database it uses (it was once taken for a tag, and the default
// database written instead).
func TestDBFlagAfterTheArguments(t *testing.T) {
	srv := startShop(t)
	vars := testEnv(t, srv)
	runHark(t, vars, "sync", "--once")
	conv := inboxIDs(t, vars, "all")[0].ConversationID
	post := inboxIDs(t, vars, "all")[1].LastPostID
	def := filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db")
	other := filepath.Join(t.TempDir(), "other.db")
	if err := os.Rename(def, other); err != nil {
		t.Fatal(err)
	}
	for _, line := range [][]string{
		{"ls"}, {"search", "basket"}, {"export"}, {"tag", conv, "+refund"}, {"tag", conv, "--", "-refund"},
		{"status", conv, "done"}, {"snooze", conv, "2d"}, {"note", conv, "called back"}, {"outbox"},
		{"send", conv, "Thanks again!"}, {"check"}, {"reindex"}, {"purge", post, "--yes"},
	} {
		args := append(line[:len(line):len(line)], "--db", other)
		if i := slices.Index(line, "--"); i >= 0 { // after --, all is arguments
			args = slices.Concat(line[:i], []string{"--db", other}, line[i:])
		}
		if _, err := runHark(t, vars, args...); err != nil {
			t.Errorf("hark %s: %v", strings.Join(args, " "), err)
		}
		if _, err := os.Stat(def); !os.IsNotExist(err) {
			t.Fatalf("hark %s wrote the default database", strings.Join(args, " "))
		}
	}
}

// TestArgumentMistakesReadAsSentences: no library text reaches the user.
func TestArgumentMistakesReadAsSentences(t *testing.T) {
	vars := testEnv(t, startShop(t))
	runHark(t, vars, "sync", "--once")
	for line, want := range map[string]string{
		"search --limit 2x basket": "--limit 2x: give a whole number",
		"search --limit 0 basket":  "--limit 0: use 1 to 100000",
		"send --wait soon 1 hi":    "--wait soon: give a duration like 30s or 2m",
		"tag 1 -x":                 "an argument that starts with - goes after --",
		"ls --bogus":               "unknown flag: --bogus",
	} {
		_, err := runHark(t, vars, strings.Fields(line)...)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "strconv") || strings.Contains(err.Error(), "[") {
			t.Errorf("hark %s: %v", line, err)
		}
	}
}

// TestIdsChain: what search prints names the conversation for tag, a
// post's id names its conversation, and @handle the person's newest.
func TestIdsChain(t *testing.T) {
	vars := testEnv(t, startShop(t))
	runHark(t, vars, "sync", "--once")
	out, err := runHark(t, vars, "search", "basket")
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Split(strings.Split(out, "\n")[0], "\t")
	conv, post := fields[0], fields[1]
	if conv == post {
		t.Fatalf("search printed no conversation id apart from the post's: %q", out)
	}
	for arg, tag := range map[string]string{conv: "+one", post: "+two", "@maria_k": "+three"} {
		if out, err := runHark(t, vars, "tag", arg, tag); err != nil || out != "tagged 1 conversation: "+tag+"\n" {
			t.Errorf("tag %s %s: %q, %v", arg, tag, out, err)
		}
	}
	rows := inboxIDs(t, vars, "all")
	for _, r := range rows {
		if r.ConversationID == conv && strings.Join(r.Tags, ",") != "one,three,two" {
			t.Errorf("the conversation's tags: %v", r.Tags)
		}
	}
	for _, bad := range []string{"@nobody_here", "12345", "x1"} {
		if _, err := runHark(t, vars, "tag", bad, "+x"); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("tag %s: %v", bad, err)
		}
	}
}

// TestLsCountAndHeader: --count is the number of rows; a terminal gets
// a header line, a script none; each row says how long since its post.
func TestLsCountAndHeader(t *testing.T) {
	vars := testEnv(t, startShop(t))
	runHark(t, vars, "sync", "--once")
	out, err := runHark(t, vars, "ls", "--view", "inbox")
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || strings.HasPrefix(out, "CONVERSATION") || len(strings.Split(rows[0], "\t")) != 6 {
		t.Fatalf("ls for a script: %q, %v", out, err)
	}
	if n, err := runHark(t, vars, "ls", "--view", "inbox", "--count"); err != nil || n != strconv.Itoa(len(rows))+"\n" {
		t.Errorf("--count: %q, %v; %d rows", n, err, len(rows))
	}
	root := newRootHeld(func(k string) string { return vars[k] }, nil, &terminals{out: true}, "")
	var buf strings.Builder
	root.SetOut(&buf)
	root.SetArgs([]string{"ls"})
	if err := execute(root); err != nil {
		t.Fatalf("ls on a terminal: %v", err)
	}
	lines := strings.Split(buf.String(), "\n")
	col := strings.Index(lines[0], "SINCE") // the columns line up under the header
	if !strings.HasPrefix(lines[0], "CONVERSATION ") || col < 0 || strings.Contains(buf.String(), "\t") {
		t.Errorf("ls on a terminal: %q", buf.String())
	}
	for _, l := range lines[1 : len(lines)-1] {
		if r := []rune(l); len(r) <= col || r[col-1] != ' ' {
			t.Errorf("a row out of line with the header: %q", l)
		}
	}
}

// TestPurgeAsksFirst: purge asks at the terminal (the answer counts
// before the command goes to a hark holding the database), and says
// what it removed.
func TestPurgeAsksFirst(t *testing.T) {
	vars := testEnv(t, startShop(t))
	vars["XDG_RUNTIME_DIR"] = t.TempDir()
	runHark(t, vars, "sync", "--once")
	post := inboxIDs(t, vars, "all")[0].LastPostID
	purgeWith := func(answer string) (string, error) {
		root := newRoot(func(k string) string { return vars[k] })
		var out strings.Builder
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetIn(strings.NewReader(answer))
		root.SetArgs([]string{"purge", post})
		err := execute(root)
		return out.String(), err
	}
	if out, err := purgeWith("n\n"); err == nil || strings.Contains(out, "removed post") {
		t.Fatalf("answered n: %q, %v", out, err)
	}
	dbPath := filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := &env{getenv: func(k string) string { return vars[k] }, dbPath: dbPath}
	defer e.hold(t, app.Options{Store: st}).Close()
	out, err := purgeWith("y\n")
	if err != nil || !strings.Contains(out, "type y to go on") || !strings.Contains(out, "removed post "+post+" by @") {
		t.Errorf("answered y, through the socket: %q, %v", out, err)
	}
}

func TestVersion(t *testing.T) {
	out, err := runHark(t, map[string]string{}, "--version")
	if err != nil || !strings.HasPrefix(out, "hark version ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: %q, %v", out, err)
	}
}

// TestSyncReadsEverySearch: with a [[search]] in config.toml, sync --once
// reads it too and says what each source brought.
func TestSyncReadsEverySearch(t *testing.T) {
	vars := testEnv(t, startShop(t))
	writeConfig(t, vars, "[[search]]\nname = \"brand\"\nquery = 'paper -from:paperandpine'\n")
	out, err := runHark(t, vars, "sync", "--once")
	if err != nil || !strings.Contains(out, "(mentions ") || !strings.Contains(out, ", brand ") {
		t.Errorf("sync --once with a search: %q, %v", out, err)
	}
}

// TestSyncStopsAtOnceOutOfCredits: 'hark sync --once' against an account
// out of credits fails within seconds, in one line that says what to do.
func TestSyncStopsAtOnceOutOfCredits(t *testing.T) {
	srv := startShop(t)
	vars := testEnv(t, srv)
	srv.Inject("GET /2/users/:id/mentions", xfake.OutOfCredits)
	start := time.Now()
	_, err := runHark(t, vars, "sync", "--once")
	if err == nil || !strings.Contains(err.Error(), "top up your X developer account") || strings.Contains(err.Error(), "\n") || time.Since(start) > 5*time.Second {
		t.Errorf("sync out of credits: %v after %v", err, time.Since(start))
	}
}

// holdFor has a hark hold the database of vars and serve the others, as
// the inbox does, until the test ends.
func holdFor(t *testing.T, vars map[string]string) *store.Store {
	t.Helper()
	dbPath := filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	acct, _, _ := st.Account()
	e := &env{getenv: func(k string) string { return vars[k] }, dbPath: dbPath}
	rt := e.hold(t, app.Options{Store: st, Team: app.Team{{User: acct}}})
	t.Cleanup(func() { rt.Close(); st.Close() })
	return st
}

// TestTheHolderRefusesWhatItMustNotRun: a bare hark, sync, login, demo,
// doctor or an empty command line sent to the socket are refused by the
// holder in one line, and its database stays open for the next command.
func TestTheHolderRefusesWhatItMustNotRun(t *testing.T) {
	vars := testEnv(t, startShop(t))
	vars["XDG_RUNTIME_DIR"] = t.TempDir()
	runHark(t, vars, "sync", "--once")
	st := holdFor(t, vars)
	path, _ := sock.Path(st.Path(), func(k string) string { return vars[k] })
	for _, args := range [][]string{{}, {"--version"}, {"sync", "--once"}, {"login"}, {"demo"}, {"doctor"}, {"help"}} {
		res, err := sock.Call(t.Context(), path, sock.Request{Args: args}, io.Discard, io.Discard)
		if err != nil || res.Code != 2 || !strings.Contains(res.Err, "runs no") || strings.Contains(res.Err, "\n") {
			t.Errorf("hark %v through the socket: %+v, %v", args, res, err)
		}
	}
	if _, _, err := st.Account(); err != nil {
		t.Fatalf("the holder's database after the refusals: %v", err)
	}
	if out, err := runHark(t, vars, "ls"); err != nil || !strings.Contains(out, "@") {
		t.Errorf("ls after the refusals: %q, %v", out, err)
	}
}

// TestRelativePathsAreWhereTheUserIs: --dir and --output relative to the
// folder the user typed them in, not the holder's.
func TestRelativePathsAreWhereTheUserIs(t *testing.T) {
	srv := startShop(t)
	vars := testEnv(t, srv)
	vars["XDG_RUNTIME_DIR"] = t.TempDir()
	runHark(t, vars, "sync", "--once")
	holdFor(t, vars)
	here := t.TempDir()
	t.Chdir(here)
	if out, err := runHark(t, vars, "handoff", convOf(t, srv, "kenji_t", "Tomoe River"), "--dir", "mail"); err != nil || !strings.Contains(out, "saved in "+filepath.Join(here, "mail")) {
		t.Errorf("handoff --dir mail: %q, %v", out, err)
	}
	if files, _ := filepath.Glob(filepath.Join(here, "mail", "*.eml")); len(files) != 1 {
		t.Errorf("%d .eml files in ./mail", len(files))
	}
	if _, err := runHark(t, vars, "export", "-o", "all.jsonl"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(here, "all.jsonl")); err != nil {
		t.Errorf("export -o all.jsonl: %v", err)
	}
}

// TestTheCommandLineSentNamesPathsWholly: each flag that names a path
// leaves as an absolute path (the holder runs in another folder); other
// flags as typed.
func TestTheCommandLineSentNamesPathsWholly(t *testing.T) {
	here := t.TempDir()
	t.Chdir(here)
	root := newRoot(func(string) string { return "" })
	for line, want := range map[string]string{
		"handoff @al --dir mail --to a@b.example": "handoff --db=" + filepath.Join(here, "x.db") + " --dir=" + filepath.Join(here, "mail") + " --to=a@b.example -- @al",
		"export -o out.csv --format csv":          "export --db=" + filepath.Join(here, "x.db") + " --format=csv --output=" + filepath.Join(here, "out.csv") + " --",
	} {
		args := append(strings.Fields(line), "--db", "x.db")
		cmd, rest, err := root.Find(args)
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Fatal(err)
		}
		e := &env{dbPath: "x.db"}
		got := strings.Join(e.commandLine(cmd, cmd.Flags().Args()), " ")
		if got != want {
			t.Errorf("hark %s leaves as\n%s\nwant\n%s", line, got, want)
		}
	}
}

// TestServedCommandsReportWhatTheHolderRuns: beside a holder that runs
// rules and a second account of its own (as hark demo does, with no
// config.toml saying so), hark rules lists its rules and hark sources
// lists both accounts' sources.
func TestServedCommandsReportWhatTheHolderRuns(t *testing.T) {
	srv := startShopWithHelpDesk(t)
	vars := testEnv(t, srv)
	vars["XDG_RUNTIME_DIR"] = t.TempDir()
	runHark(t, vars, "sync", "--once")
	dbPath := filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	acct, _, _ := st.Account()
	e := &env{getenv: func(k string) string { return vars[k] }, dbPath: dbPath}
	e.cfg.Rules = demoRules()
	helpdesk := xfake.WithHelpDesk(xfake.ShopScenario(time.Now()), time.Now()).MoreAccounts[0]
	rt := e.hold(t, app.Options{Store: st, Settings: app.Settings{Config: &e.cfg},
		Team: app.Team{{User: acct}, {User: helpdesk}}})
	t.Cleanup(func() { rt.Close(); st.Close() })
	if out, err := runHark(t, vars, "rules"); err != nil || strings.Contains(out, "No rules") || !strings.Contains(out, "refund") {
		t.Errorf("hark rules beside the holder: %q, %v", out, err)
	}
	if out, err := runHark(t, vars, "sources"); err != nil || !strings.Contains(out, "@"+helpdesk.Username+":mentions") {
		t.Errorf("hark sources beside the holder: %q, %v", out, err)
	}
}

// hold serves other harks' commands from o's store as a running hark
// does, until the runtime it returns is closed.
func (e *env) hold(t *testing.T, o app.Options) *app.Runtime {
	t.Helper()
	o.Serve, o.DBPath, o.Getenv = runServed(e.getenv), e.dbPath, e.getenv
	o.Settings.Hooks = e.hooksDir()
	rt := app.Start(context.Background(), o)
	if rt.ServeErr != nil {
		t.Fatal(rt.ServeErr)
	}
	return rt
}
