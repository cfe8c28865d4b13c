package drive

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// namedKeys are the key codes of the names config.toml uses.
var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
	"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "insert": tea.KeyInsert,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6,
	"f7": tea.KeyF7, "f8": tea.KeyF8, "f9": tea.KeyF9, "f10": tea.KeyF10, "f11": tea.KeyF11, "f12": tea.KeyF12,
}

// Key is the press of a key named as config.toml names it ("k",
// "ctrl+s", "enter", "alt+shift+x"), as a terminal would report it.
func Key(name string) tea.KeyPressMsg {
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(name, "ctrl+") && len(name) > 5:
			mod, name = mod|tea.ModCtrl, name[5:]
			continue
		case strings.HasPrefix(name, "alt+") && len(name) > 4:
			mod, name = mod|tea.ModAlt, name[4:]
			continue
		case strings.HasPrefix(name, "shift+") && len(name) > 6:
			mod, name = mod|tea.ModShift, name[6:]
			continue
		}
		break
	}
	if code, ok := namedKeys[name]; ok {
		k := tea.Key{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return tea.KeyPressMsg(k)
	}
	r := []rune(name)[0]
	k := tea.Key{Code: r, Mod: mod}
	if mod == 0 {
		k.Text = name
	}
	return tea.KeyPressMsg(k)
}
