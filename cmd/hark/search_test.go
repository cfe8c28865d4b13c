package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/harkhq/hark/store"
)

func TestSearchReindexPurgeAndExportQuery(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")

	out, err := runHark(t, env, "search", "basket")
	if err != nil || strings.Count(out, "\n") != 2 || !strings.Contains(out, "[basket]") {
		t.Fatalf("search: %q, %v", out, err)
	}
	out, err = runHark(t, env, "search", "--format", "jsonl", "from:maria_k", "is:question")
	var first found
	if err != nil || json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &first) != nil || first.Author != "maria_k" {
		t.Fatalf("jsonl search: %q, %v", out, err)
	}
	if _, err := runHark(t, env, "search", `"basket`); err == nil || !strings.Contains(err.Error(), "character 1") {
		t.Errorf("malformed query: %v", err)
	}

	stderr, err := runHark(t, env, "reindex")
	if err != nil || strings.Count(stderr, "41/41 posts") != 1 || strings.Contains(stderr, "#") { // 32 mentions, 4 of the shop's posts, 4 DMs, the stand-in for priya's deleted post
		t.Errorf("reindex: %q, %v", stderr, err)
	}
	if out, _ := runHark(t, env, "search", "basket"); strings.Count(out, "\n") != 2 {
		t.Errorf("after reindex: %q", out)
	}

	export, err := runHark(t, env, "export", "near", "Nashville")
	if err != nil || strings.Count(export, "\n") != 1 || !strings.Contains(export, "near Nashville") {
		t.Errorf("export QUERY: %q, %v", export, err)
	}

	// A query exports every post of the conversations it finds, oldest
	// first: the basket thread, found by one word of its first post.
	all, _ := runHark(t, env, "export")
	thread, err := runHark(t, env, "export", "sketchbooks")
	var want, got []exported
	for line := range strings.Lines(all) {
		var x exported
		if json.Unmarshal([]byte(line), &x) == nil && strings.Contains(thread, `"conversation_id":"`+x.ConversationID+`"`) {
			want = append(want, x)
		}
	}
	for line := range strings.Lines(thread) {
		var x exported
		json.Unmarshal([]byte(line), &x)
		got = append(got, x)
	}
	if err != nil || len(got) < 3 || len(got) != len(want) || got[0].ID != want[0].ID || got[len(got)-1].ID != want[len(want)-1].ID {
		t.Errorf("export sketchbooks: %d posts, the thread has %d (%v)", len(got), len(want), err)
	}

	if _, err := runHark(t, env, "purge", "--yes", first.ID); err != nil {
		t.Fatal(err)
	}
	if out, _ := runHark(t, env, "search", "--format", "jsonl", "from:maria_k", "is:question"); strings.Contains(out, first.ID) {
		t.Errorf("the purged post is still found")
	}
	if _, err := runHark(t, env, "purge", "--yes", first.ID); err == nil {
		t.Error("purging twice succeeded")
	}
}

func TestCheckSaysTheIndexIsWhole(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	out, err := runHark(t, env, "check")
	if err != nil || !strings.Contains(out, "the search index finds every post") {
		t.Errorf("check: %q, %v", out, err)
	}
}

func TestCheckNamesTheMissingPostsAndFails(t *testing.T) {
	var out bytes.Buffer
	err := reportCheck(&out, store.IndexReport{Posts: 10, Missing: 2, MissingIDs: []uint64{7, 9}, Damaged: 1, DamagedIDs: []uint64{4}})
	if err == nil || out.String() != "2 of 10 posts are missing from the search index, among them: 7 9 ('hark reindex' mends it)\n"+
		"1 of 10 posts are damaged and cannot be read, among them: 4 (search and export pass them over)\n" {
		t.Errorf("%q, %v", out.String(), err)
	}
}

// readOnly makes path impossible to write, even for root (chattr +i
// where the file system allows it), and undoes it when the test ends.
func readOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("root cannot be kept from writing %s here (chattr: %v %s)", path, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Skipf("%s is still writable after chattr +i", path)
	}
}

// A database that cannot be written (a backup, another user's copy) is
// still searched, listed and exported, and left as it was.
func TestSearchOnAReadOnlyCopy(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	src := filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(cp, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly(t, cp)
	out, err := runHark(t, env, "--db", cp, "search", "basket")
	if err != nil || strings.Count(out, "\n") != 2 || !strings.Contains(out, "[basket]") {
		t.Fatalf("search on a read-only copy: %q, %v", out, err)
	}
	for _, args := range [][]string{{"ls"}, {"export"}} {
		if out, err := runHark(t, env, append([]string{"--db", cp}, args...)...); err != nil || out == "" {
			t.Errorf("%v on a read-only copy: %q, %v", args, out, err)
		}
	}
	if after, _ := os.ReadFile(cp); !bytes.Equal(raw, after) {
		t.Error("the read-only copy changed")
	}
}

// TestLsSavedView: 'hark ls --view NAME' lists the conversations a saved
// view finds, each once; an unknown name lists the views there are.
func TestLsSavedView(t *testing.T) {
	env := testEnv(t, startShop(t))
	runHark(t, env, "sync", "--once")
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveView("baskets", "basket"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, err := runHark(t, env, "ls", "--view", "baskets")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) != 1 || !strings.Contains(lines[0], "@maria_k") || !strings.Contains(lines[0], "basket") {
		t.Errorf("ls --view baskets: %q, %v", out, err)
	}
	if _, err := runHark(t, env, "ls", "--view", "later"); err == nil || !strings.Contains(err.Error(), `"baskets"`) || !strings.Contains(err.Error(), "inbox") {
		t.Errorf("an unknown view: %v", err)
	}
}

// TestLsOldestListsTheViewTheOtherWay: --oldest lists the same
// conversations as ls, in the reverse order.
func TestLsOldestListsTheViewTheOtherWay(t *testing.T) {
	env := testEnv(t, startShop(t))
	runHark(t, env, "sync", "--once")
	newest, err := runHark(t, env, "ls", "--view", "all", "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	oldest, err := runHark(t, env, "ls", "--view", "all", "--format", "jsonl", "--oldest")
	if err != nil {
		t.Fatal(err)
	}
	a, b := strings.Split(strings.TrimSpace(newest), "\n"), strings.Split(strings.TrimSpace(oldest), "\n")
	slices.Reverse(b)
	if len(a) < 2 || !slices.Equal(a, b) {
		t.Errorf("ls --oldest is not ls reversed:\n%s\n--\n%s", newest, oldest)
	}
}

// TestSearchPointsAWordToItsTag: a one-word query that is a tag's name
// tells a person at a terminal how many conversations carry the tag and
// how to list them (rows show tags as #refund); a script hears nothing.
func TestSearchPointsAWordToItsTag(t *testing.T) {
	vars := testEnv(t, startShop(t))
	mustRun(t, vars, "sync", "--once")
	conv := strings.Fields(mustRun(t, vars, "ls", "--view", "inbox"))[0]
	mustRun(t, vars, "tag", conv, "+wholesale")
	var out, errOut strings.Builder
	root := newRootHeld(func(k string) string { return vars[k] }, nil, &terminals{err: true}, "")
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs([]string{"search", "wholesale"})
	if err := execute(root); err != nil {
		t.Fatal(err)
	}
	if got := errOut.String(); got != "hark: 1 conversation is tagged wholesale: hark search tag:wholesale\n" {
		t.Errorf("on a terminal: %q", got)
	}
	if got, err := runHark(t, vars, "search", "wholesale"); err != nil || strings.Contains(got, "tagged") {
		t.Errorf("for a script: %q, %v", got, err)
	}
}
