package keys

import (
	"errors"
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

// TestAnOwnersKeyWinsOverADefault: a key bound in [keys] that another
// action in the same pane has by default is given up by that action,
// which keeps its other keys; taking an action's last key, or binding one
// key to two actions, is still refused.
func TestAnOwnersKeyWinsOverADefault(t *testing.T) {
	inbox := []Context{{Name: "inbox", Actions: []Action{Sort, Snooze, Done, Top}}}
	k := Default()
	if err := k.Rebind(map[string][]string{"done": {"d", "g"}}); err != nil {
		t.Fatal(err)
	}
	if err := k.Check(inbox); err != nil {
		t.Fatalf("an owner's key over a default refused: %v", err)
	}
	if got := k.Binding(Top).Keys(); len(got) != 1 || got[0] != "home" {
		t.Errorf("top has %v, want [home]: g is done's now", got)
	}
	if got := k.Binding(Done).Keys(); len(got) != 2 || got[1] != "g" {
		t.Errorf("done has %v", got)
	}
	for _, m := range []map[string][]string{
		{"snooze": {"z", "f"}},           // sort's only key
		{"snooze": {"q"}, "done": {"q"}}, // the owner's twice
	} {
		k := Default()
		if err := k.Rebind(m); err != nil {
			t.Fatal(err)
		}
		var conflict *ConflictError
		if err := k.Check(inbox); !errors.As(err, &conflict) {
			t.Errorf("%v: %v, want a conflict", m, err)
		}
	}
}
