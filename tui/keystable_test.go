package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/harkhq/hark/tui/keys"
)

const (
	tableStart = "<!-- keys: made by `go test ./tui -run TestREADMEKeysTable -update` from the bindings -->\n"
	tableEnd   = "<!-- end of keys -->"
)

// TestREADMEKeysTable keeps the README's keys table in step with the
// bindings; -update rewrites it.
func TestREADMEKeysTable(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	before, rest, ok := strings.Cut(readme, tableStart)
	_, after, ok2 := strings.Cut(rest, tableEnd)
	if !ok || !ok2 {
		t.Fatalf("README lacks the markers %q … %q", tableStart, tableEnd)
	}
	want := KeysTable(keys.Default())
	if *update {
		if err := os.WriteFile("../README.md", []byte(before+tableStart+want+tableEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got, _, _ := strings.Cut(rest, tableEnd); got != want {
		t.Errorf("README's keys table is stale; run go test ./tui -run TestREADMEKeysTable -update\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// TestDefaultKeysHaveNoConflicts: no key is bound twice where both are
// live, and a rebinding that makes one is found.
func TestDefaultKeysHaveNoConflicts(t *testing.T) {
	if err := keys.Default().Check(KeyContexts()); err != nil {
		t.Fatal(err)
	}
	k := keys.Default()
	if err := k.Rebind(map[string][]string{"retry": {"d"}}); err != nil {
		t.Fatal(err)
	}
	if err := k.Check(KeyContexts()); err == nil || !strings.Contains(err.Error(), `"d"`) || !strings.Contains(err.Error(), "outbox") {
		t.Errorf("retry on d, as done: %v", err)
	}
}
