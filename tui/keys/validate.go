package keys

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// named are the key names Bubble Tea reports besides single characters.
var named = map[string]bool{
	"enter": true, "esc": true, "tab": true, "space": true, "backspace": true, "delete": true,
	"insert": true, "up": true, "down": true, "left": true, "right": true, "home": true, "end": true,
	"pgup": true, "pgdown": true,
	"f1": true, "f2": true, "f3": true, "f4": true, "f5": true, "f6": true,
	"f7": true, "f8": true, "f9": true, "f10": true, "f11": true, "f12": true,
}

// ValidKey checks a key name as config.toml spells it: a single character
// or a named key, after any of ctrl+, alt+ and shift+.
func ValidKey(s string) error {
	base := s
	for {
		rest, ok := cutModifier(base)
		if !ok {
			break
		}
		base = rest
	}
	switch {
	case named[base]:
		return nil
	case utf8.RuneCountInString(base) == 1 && base != " ":
		return nil
	}
	return fmt.Errorf("bad key %q: use a character, or ctrl+, alt+, shift+ with one, or a name such as enter, esc, tab, space, up, pgdown, f1", s)
}

func cutModifier(s string) (string, bool) {
	for _, m := range []string{"ctrl+", "alt+", "shift+"} {
		if rest, ok := strings.CutPrefix(s, m); ok && rest != "" {
			return rest, true
		}
	}
	return s, false
}
