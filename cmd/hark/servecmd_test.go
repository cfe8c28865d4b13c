package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// TestATeamPersonsCommandsAreKeptAsTheirs: a command a person of the
// team runs over SSH records them (the status's setter, the note's
// writer), and what would change the server's config, keys or files is
// refused them, while the owner's own command line passes.
func TestATeamPersonsCommandsAreKeptAsTheirs(t *testing.T) {
	vars := testEnv(t, startShop(t))
	runHark(t, vars, "sync", "--once")
	conv := inboxIDs(t, vars, "inbox")[0].ConversationID
	for _, args := range [][]string{{"status", conv, "waiting"}, {"note", conv, "she called, refund promised"}} {
		root := newRootHeld(func(k string) string { return vars[k] }, nil, &terminals{}, "ann")
		root.SetArgs(args)
		root.SetOut(&strings.Builder{})
		if err := execute(root); err != nil {
			t.Fatalf("ann's %v: %v", args, err)
		}
	}
	st, err := store.Open(filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, _ := model.ParseID(conv)
	c, _, _ := st.Conversation(id)
	notes, _ := st.Notes(id)
	if c.StatusBy != "ann" || len(notes) != 1 || notes[0].By != "ann" {
		t.Errorf("status by %q, notes %+v: want ann's", c.StatusBy, notes)
	}
	st.Close()
	csv := mustRun(t, vars, "export", "--format", "csv", "conv:"+conv)
	if !strings.Contains(csv, "ann: she called, refund promised") || !strings.Contains(csv, ",ann,\n") {
		t.Errorf("the export does not say ann set the status and wrote the note:\n%s", csv)
	}

	getenv := func(k string) string { return vars[k] }
	for _, args := range [][]string{{"team", "add", "eve", "/tmp/eve.pub"}, {"live", "off"}, {"purge", "1"}, {"rules", "apply", "x"},
		{"export", "-o", "/etc/cron.d/x"}, {"export", "-o/etc/cron.d/x"}, {"export", "--output=/tmp/x"}, {"ls", "--db", "/tmp/other.db"},
		{"--config", "/tmp/c.toml", "ls"}, {"ls", "--api-base", "https://attacker.example"}} {
		if err := servable(newRoot(getenv), args, "ann"); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("ann's %v: %v, want a one-line refusal", args, err)
		}
	}
	for _, args := range [][]string{{"ls"}, {"note", conv, "--", "-o is fine in a note"}, {"export", "--format", "csv"}, {"status", conv, "done"}} {
		if err := servable(newRoot(getenv), args, "ann"); err != nil {
			t.Errorf("ann's %v refused: %v", args, err)
		}
	}
	for _, args := range [][]string{{"team", "add", "eve", "/tmp/eve.pub"}, {"export", "-o", "/tmp/x"}} {
		if err := servable(newRoot(getenv), args, ""); err != nil {
			t.Errorf("the owner's own %v refused: %v", args, err)
		}
	}
}
