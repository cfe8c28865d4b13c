package styles

import (
	"embed"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/BurntSushi/toml"
)

// Theme is the colours hark draws with, by role. A theme file names
// each role with a colour: "#RRGGBB", or an ANSI colour index 0–255.
type Theme struct {
	Accent, Muted, Good, Warn, Bad, Bar, BarText, MarkText color.Color
	// Accounts colour the shop's accounts, in the order config.toml
	// lists them (the first account's conversations are unmarked); more
	// accounts than colours take them round again.
	Accounts []color.Color
	// Networks colour each network's mark, by its name ("bluesky"); a
	// network without one is drawn muted.
	Networks map[string]color.Color
	// Light is true for a theme drawn on a light background: the
	// editor's and the help's own colours follow it.
	Light bool
}

// themeFile is a theme file's roles as written.
type themeFile struct {
	Accent   string `toml:"accent"`
	Muted    string `toml:"muted"`
	Good     string `toml:"good"`
	Warn     string `toml:"warn"`
	Bad      string `toml:"bad"`
	Bar      string `toml:"bar"`
	BarText  string `toml:"bar_text"`
	MarkText string `toml:"mark_text"`
	// Accounts is optional: without it the accounts take the accent,
	// good and warn colours.
	Accounts []string `toml:"accounts"`
	// Networks is optional: [networks] bluesky = "#1185FE" (Bluesky's
	// blue when left out).
	Networks map[string]string `toml:"networks"`
	// Background is "dark" (the default) or "light".
	Background string `toml:"background"`
}

//go:embed themes/*.toml
var shipped embed.FS

// Shipped are the names of the themes hark ships: dark (the default) and
// light.
var Shipped = []string{"dark", "light"}

// LoadTheme reads a theme by name: a shipped one, else dir/NAME.toml
// (the themes folder beside config.toml). A bad file is named with its
// line: "FILE:LINE: role: not a colour".
func LoadTheme(name, dir string) (Theme, error) {
	for _, s := range Shipped {
		if name == s {
			raw, err := shipped.ReadFile("themes/" + s + ".toml")
			if err != nil {
				return Theme{}, err
			}
			return parseTheme(raw, "theme "+s)
		}
	}
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return Theme{}, fmt.Errorf("theme %q: give the name of a theme (%s, or a file in %s)", name, strings.Join(Shipped, ", "), dir)
	}
	path := filepath.Join(dir, name+".toml")
	raw, err := os.ReadFile(path)
	if err != nil {
		return Theme{}, fmt.Errorf("theme %q: %v (the shipped ones: %s)", name, err, strings.Join(Shipped, ", "))
	}
	return parseTheme(raw, path)
}

// parseTheme reads a theme file; every role must be there.
func parseTheme(raw []byte, path string) (Theme, error) {
	var f themeFile
	if _, err := toml.Decode(string(raw), &f); err != nil {
		return Theme{}, fmt.Errorf("%s: %v", path, err)
	}
	var t Theme
	for _, r := range []struct {
		name string
		in   string
		out  *color.Color
	}{{"accent", f.Accent, &t.Accent}, {"muted", f.Muted, &t.Muted}, {"good", f.Good, &t.Good}, {"warn", f.Warn, &t.Warn},
		{"bad", f.Bad, &t.Bad}, {"bar", f.Bar, &t.Bar}, {"bar_text", f.BarText, &t.BarText}, {"mark_text", f.MarkText, &t.MarkText}} {
		c, err := parseColour(r.in)
		if err != nil {
			return Theme{}, fmt.Errorf("%s%s: %s: %v", path, lineOf(raw, r.name), r.name, err)
		}
		*r.out = c
	}
	return t, readExtras(&t, f, raw, path)
}

// readExtras reads the optional roles: the accounts' colours and the
// background.
func readExtras(t *Theme, f themeFile, raw []byte, path string) error {
	for i, in := range f.Accounts {
		c, err := parseColour(in)
		if err != nil {
			return fmt.Errorf("%s%s: accounts[%d]: %v", path, lineOf(raw, "accounts"), i, err)
		}
		t.Accounts = append(t.Accounts, c)
	}
	if len(t.Accounts) == 0 {
		t.Accounts = []color.Color{t.Accent, t.Good, t.Warn}
	}
	t.Networks = map[string]color.Color{"bluesky": lipgloss.Color("#1185FE")}
	for name, in := range f.Networks {
		c, err := parseColour(in)
		if err != nil {
			return fmt.Errorf("%s%s: networks.%s: %v", path, lineOf(raw, name), name, err)
		}
		t.Networks[strings.ToLower(name)] = c
	}
	switch f.Background {
	case "", "dark":
	case "light":
		t.Light = true
	default:
		return fmt.Errorf("%s%s: background: %q is neither \"dark\" nor \"light\"", path, lineOf(raw, "background"), f.Background)
	}
	return nil
}

// parseColour reads "#RRGGBB" or an ANSI index "0".."255".
func parseColour(s string) (color.Color, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return nil, fmt.Errorf("missing: give \"#RRGGBB\" or 0-255")
	case strings.HasPrefix(s, "#"):
		if len(s) != 7 {
			return nil, fmt.Errorf("%q is not a colour: give \"#RRGGBB\" or 0-255", s)
		}
		if _, err := strconv.ParseUint(s[1:], 16, 32); err != nil {
			return nil, fmt.Errorf("%q is not a colour: give \"#RRGGBB\" or 0-255", s)
		}
		return lipgloss.Color(s), nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 255 {
		return nil, fmt.Errorf("%q is not a colour: give \"#RRGGBB\" or 0-255", s)
	}
	return lipgloss.Color(s), nil
}

// lineOf is ":N", the line where name is set, or "" when it is not.
func lineOf(raw []byte, name string) string {
	for i, line := range strings.Split(string(raw), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == name {
			return fmt.Sprintf(":%d", i+1)
		}
	}
	return ""
}
