package drive

import "testing"

// TestKeyReadsAsItsName: a press made from a name is reported by that
// name, which is what key bindings match.
func TestKeyReadsAsItsName(t *testing.T) {
	for _, name := range []string{"k", "G", "?", "/", "ctrl+s", "ctrl+c", "enter", "esc", "tab", "space", "up", "pgdown", "home", "f5", "alt+x", "é"} {
		if got := Key(name).String(); got != name {
			t.Errorf("Key(%q) reads as %q", name, got)
		}
	}
}
