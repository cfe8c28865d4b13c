package layout

import "testing"

// TestWidthCountsAsTheTerminalDraws: code points by wcwidth (Devanagari's
// spacing vowel signs take a cell each, as tmux draws them), a narrow
// symbol with VS16 as two cells; Line pads to exactly w by that count.
func TestWidthCountsAsTheTerminalDraws(t *testing.T) {
	for s, want := range map[string]int{"चोट्टे लोग हो तुम": 14, "❤️ ok": 5, "日本": 4, "abc": 3, "❤ ok": 4} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
	if l := Line("thank you ❤️ so much for the help", 12); Width(l) != 12 {
		t.Errorf("Line cut to %d cells: %q", Width(l), l)
	}
}
