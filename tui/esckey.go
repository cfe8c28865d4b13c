package tui

import (
	"slices"
	"unicode"

	tea "charm.land/bubbletea/v2"
)

// A terminal sends esc and a key typed right after it in one read, and
// Bubble Tea reports the two as one alt+key: "esc q", typed fast to leave
// a search and quit, came as alt+q, and the q was typed into the search.
// An alt+key that nothing binds is read as the esc and the key it was.

// editorAltKeys are the alt+keys the editors (bubbles' textarea and
// textinput) bind: word moves and deletes, case changes. While one is
// typed into they stay themselves ("esc d" typed at once in the composer
// is alt+d, a word deleted, as the terminal says).
var editorAltKeys = []string{"alt+<", "alt+>", "alt+b", "alt+c", "alt+d", "alt+f", "alt+l", "alt+u"}

// escAndKey splits an alt+key that nothing binds into esc and the key.
func (m Model) escAndKey(msg tea.KeyPressMsg) ([]tea.KeyPressMsg, bool) {
	if msg.Mod != tea.ModAlt || !unicode.IsPrint(msg.Code) {
		return nil, false
	}
	name := msg.String()
	typing := m.screen.composing || m.prompt.Active() || m.typingSearch()
	if typing && slices.Contains(editorAltKeys, name) || m.common.Keys.Binds(name) {
		return nil, false
	}
	return []tea.KeyPressMsg{{Code: tea.KeyEscape}, {Code: msg.Code, Text: string(msg.Code)}}, true
}
