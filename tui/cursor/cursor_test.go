package cursor

import "testing"

func TestTheCursorNeverLeavesItsList(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"clamp inside", Clamp(2, 5), 2},
		{"clamp past the end", Clamp(7, 5), 4},
		{"clamp below 0", Clamp(-3, 5), 0},
		{"clamp in an empty list", Clamp(3, 0), 0},
		{"up", Up(3), 2},
		{"up on the first", Up(0), 0},
		{"down", Down(1, 5), 2},
		{"down on the last", Down(4, 5), 4},
		{"down in an empty list", Down(0, 0), 0},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
}
