package keys

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestRebindReplacesKeysAndHelp(t *testing.T) {
	k := Default()
	if err := k.Rebind(map[string][]string{"done": {"D", "ctrl+e"}, "down": {"n"}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := k.Match(tea.KeyPressMsg{Code: 'D', Text: "D"}, Done); !ok {
		t.Error("D does not mark done")
	}
	if _, ok := k.Match(tea.KeyPressMsg{Code: 'd', Text: "d"}, Done); ok {
		t.Error("d still marks done")
	}
	if h := k.Binding(Done).Help(); h.Key != "D/ctrl+e" || h.Desc != "done" {
		t.Errorf("help = %+v", h)
	}
}

func TestRebindRefusals(t *testing.T) {
	for _, bad := range []map[string][]string{
		{"dance": {"d"}}, {"done": {"ctrl+"}}, {"done": {"hyper+d"}}, {"done": {"dd"}}, {"done": {}},
	} {
		err := Default().Rebind(bad)
		if err == nil {
			t.Errorf("Rebind(%v) accepted", bad)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("error spans lines: %q", err)
		}
	}
	for _, good := range []string{"a", "ctrl+a", "alt+shift+x", "f5", "space", "é", "?"} {
		if err := ValidKey(good); err != nil {
			t.Errorf("ValidKey(%q) = %v", good, err)
		}
	}
}

// TestEveryActionHasADefault keeps the table whole.
func TestEveryActionHasADefault(t *testing.T) {
	k := Default()
	for _, e := range table {
		if len(k.Binding(e.action).Keys()) == 0 || e.desc == "" {
			t.Errorf("%s has no key or no description", e.action)
		}
	}
}
