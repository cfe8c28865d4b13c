package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
)

// TestTriageTwins runs ls, tag, status, snooze and note the way a cron
// job or a pipe would, and checks each through ls and export.
func TestTriageTwins(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	ls := func(view string) []listed { return inboxIDs(t, env, view) }
	inbox := ls("inbox")
	if len(inbox) < 10 {
		t.Fatalf("inbox has %d conversations", len(inbox))
	}
	id := inbox[0].ConversationID

	if _, err := runHark(t, env, "tag", id, "+refund", "+vip", "--", "-vip"); err != nil {
		t.Fatal(err)
	}
	if _, err := runHark(t, env, "note", id, "promised", "a", "call", "back"); err != nil {
		t.Fatal(err)
	}
	if _, err := runHark(t, env, "status", id, "done"); err != nil {
		t.Fatal(err)
	}
	done := ls("done")
	if len(done) != 1 || done[0].ConversationID != id || strings.Join(done[0].Tags, ",") != "refund" {
		t.Errorf("done view = %+v", done)
	}
	if got := len(ls("inbox")); got != len(inbox)-1 {
		t.Errorf("inbox has %d, want %d", got, len(inbox)-1)
	}

	second := inbox[1].ConversationID
	out, err := runHark(t, env, "snooze", second, "2d")
	if err != nil || !strings.HasPrefix(out, "snoozed 1 conversation until ") {
		t.Fatalf("snooze: %q, %v", out, err)
	}
	if sn := ls("snoozed"); len(sn) != 1 || sn[0].ConversationID != second || sn[0].SnoozedUntil == "" {
		t.Errorf("snoozed view = %+v", sn)
	}

	export, _ := runHark(t, env, "export")
	found := false
	for _, line := range strings.Split(strings.TrimSpace(export), "\n") {
		var x exported
		json.Unmarshal([]byte(line), &x)
		if x.ConversationID == id {
			found = true
			if x.Status != "done" || strings.Join(x.Tags, ",") != "refund" || strings.Join(x.Notes, "") != "promised a call back" {
				t.Errorf("exported %+v", x)
			}
		}
	}
	if !found {
		t.Error("the conversation is not in the export")
	}

	text, err := runHark(t, env, "ls", "--view", "done")
	if err != nil || !strings.HasPrefix(text, id+"\tdone\t@") {
		t.Errorf("text ls: %q, %v", text, err)
	}
	for _, bad := range [][]string{
		{"status", id, "closed"}, {"snooze", id, "someday"}, {"tag", "abc", "+x"},
		{"ls", "--view", "later"}, {"note", model.FormatID(1), "x"}, {"tag", id, "+two words"},
	} {
		if _, err := runHark(t, env, bad...); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: err %v, want one line", bad, err)
		}
	}
}

func TestOfflineNeedsAStoredAccount(t *testing.T) {
	env := testEnv(t, startShop(t))
	_, err := runHark(t, env, "--offline")
	if err == nil || !strings.Contains(err.Error(), "run hark once online first") {
		t.Errorf("offline on an empty database: %v", err)
	}
}

func TestBadKeyInConfigNamesTheLine(t *testing.T) {
	env := testEnv(t, startShop(t))
	path := writeConfig(t, env, "[keys]\ndone = [\"D\"]\nsnooze = [\"hyper+z\"]\n")
	_, err := runHark(t, env, "ls")
	if err == nil || !strings.HasPrefix(err.Error(), path+":3: [keys] snooze: bad key \"hyper+z\"") {
		t.Errorf("err = %v", err)
	}
}

// A key config.toml binds to two actions that are live at once is
// refused at start, on the line of the rebinding.
func TestKeyBoundTwiceInConfigNamesTheLine(t *testing.T) {
	env := testEnv(t, startShop(t))
	path := writeConfig(t, env, "[keys]\nsnooze = [\"z\", \"Z\"]\nreply = [\"d\"]\n")
	_, err := runHark(t, env, "ls")
	want := path + `:3: [keys] key "d" is bound to both reply and done in the inbox`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

// TestREADMEKeysExampleIsAccepted: the [keys] example of the README,
// as written there, starts hark.
func TestREADMEKeysExampleIsAccepted(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "\n[keys]")
	if !ok {
		t.Fatal("README has no [keys] example")
	}
	block, _, _ = strings.Cut(block, "```")
	env := testEnv(t, startShop(t))
	writeConfig(t, env, "[keys]"+block)
	if _, err := runHark(t, env, "ls"); err != nil {
		t.Errorf("the README's [keys] example is refused: %v", err)
	}
}

// writeConfig writes config.toml where env's hark reads it, and returns
// its path.
func writeConfig(t *testing.T, env map[string]string, text string) string {
	t.Helper()
	dir := filepath.Join(env["XDG_CONFIG_HOME"], "hark")
	path := filepath.Join(dir, "config.toml")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTagSeveralConversations: hark tag ID1 ID2 +x tags both (a bare
// word is a conversation, never a tag); a word that is no conversation
// fails the whole command, and nothing is tagged.
func TestTagSeveralConversations(t *testing.T) {
	vars := testEnv(t, startShop(t))
	mustRun(t, vars, "sync", "--once")
	rows := inboxIDs(t, vars, "all")
	a, b := rows[0].ConversationID, rows[1].ConversationID
	if out, err := runHark(t, vars, "tag", a, b, "+vip", "--", "-none"); err != nil || out != "tagged 2 conversations: +vip -none\n" {
		t.Fatalf("tag two: %q, %v", out, err)
	}
	if _, err := runHark(t, vars, "tag", a, "refund", "+late"); err == nil || !strings.Contains(err.Error(), `"refund" is not a conversation`) {
		t.Errorf("a bare word that is no conversation: %v", err)
	}
	if _, err := runHark(t, vars, "tag", a, b); err == nil || !strings.Contains(err.Error(), "no tag given") {
		t.Errorf("no tag: %v", err)
	}
	for _, r := range inboxIDs(t, vars, "all") {
		tags := strings.Join(r.Tags, ",")
		if want := r.ConversationID == a || r.ConversationID == b; strings.Contains(tags, "vip") != want {
			t.Errorf("conversation %s: tags %q, want vip %v", r.ConversationID, tags, want)
		}
		if strings.Contains(tags, "late") {
			t.Errorf("conversation %s was tagged by a failed command", r.ConversationID)
		}
	}
}
