package styles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestThemes: the shipped themes load and differ; a theme file in the
// themes folder is read, with ANSI indices and hex; a bad colour is
// named by FILE:LINE and role; a missing role and an unknown theme are
// refused in one line.
func TestThemes(t *testing.T) {
	dark, err := LoadTheme("dark", "")
	if err != nil {
		t.Fatal(err)
	}
	light, err := LoadTheme("light", "")
	if err != nil || light.Bar == dark.Bar {
		t.Fatalf("light: %v (bar %v, dark's %v)", err, light.Bar, dark.Bar)
	}
	dir := t.TempDir()
	good := "accent = \"212\"\nmuted = \"245\"\ngood = \"#00ff00\"\nwarn = \"214\"\nbad = \"196\"\nbar = \"236\"\nbar_text = \"255\"\nmark_text = \"0\"\n"
	os.WriteFile(filepath.Join(dir, "mine.toml"), []byte(good), 0o600)
	if th, err := LoadTheme("mine", dir); err != nil || th.Accent == nil {
		t.Errorf("mine: %+v, %v", th, err)
	}
	bad := strings.Replace(good, `warn = "214"`, `warn = "#ff00zz"`, 1)
	os.WriteFile(filepath.Join(dir, "bad.toml"), []byte(bad), 0o600)
	_, err = LoadTheme("bad", dir)
	if want := filepath.Join(dir, "bad.toml") + ":4: warn: "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a bad colour: %v, want %q…", err, want)
	}
	os.WriteFile(filepath.Join(dir, "short.toml"), []byte("accent = \"1\"\n"), 0o600)
	for _, name := range []string{"short", "nosuch", "../etc"} {
		if _, err := LoadTheme(name, dir); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("theme %q: %v; want a one-line refusal", name, err)
		}
	}
	if s := FromTheme(light); s.Status.GetBackground() != light.Bar {
		t.Errorf("the status bar does not take the theme's bar colour")
	}
}

// TestThemeAccountsAndBackground: the accounts' colours are read in
// order and taken round again; a theme without them gives its accounts
// the accent, good and warn colours; a bad one and a bad background are
// named by FILE:LINE; light is said by the shipped light theme.
func TestThemeAccountsAndBackground(t *testing.T) {
	dir := t.TempDir()
	base := "accent = \"212\"\nmuted = \"245\"\ngood = \"#00ff00\"\nwarn = \"214\"\nbad = \"196\"\nbar = \"236\"\nbar_text = \"255\"\nmark_text = \"0\"\n"
	write := func(name, extra string) {
		os.WriteFile(filepath.Join(dir, name+".toml"), []byte(base+extra), 0o600)
	}
	write("two", "accounts = [\"#112233\", \"33\"]\n")
	th, err := LoadTheme("two", dir)
	if err != nil || len(th.Accounts) != 2 || th.Light {
		t.Fatalf("two: %+v, %v", th, err)
	}
	s := FromTheme(th)
	if s.Account(1, false).GetForeground() != th.Accounts[0] || s.Account(3, false).GetForeground() != th.Accounts[0] ||
		s.Account(2, true).GetForeground() != th.Accounts[1] || s.Account(2, true).GetBackground() != th.Bar {
		t.Errorf("the second account's colour is not the first listed, or the list is not taken round")
	}
	if s.Account(0, false).GetForeground() != s.Handle.GetForeground() {
		t.Errorf("the first account is not drawn as any handle")
	}
	write("none", "")
	if th, err := LoadTheme("none", dir); err != nil || len(th.Accounts) != 3 || th.Accounts[0] != th.Accent {
		t.Errorf("no accounts role: %v, %v", th.Accounts, err)
	}
	write("badacct", "accounts = [\"#112233\", \"red\"]\n")
	if _, err := LoadTheme("badacct", dir); err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, "badacct.toml")+":9: accounts[1]: ") {
		t.Errorf("a bad account colour: %v", err)
	}
	write("badbg", "background = \"grey\"\n")
	if _, err := LoadTheme("badbg", dir); err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, "badbg.toml")+":9: background: ") {
		t.Errorf("a bad background: %v", err)
	}
	if light, _ := LoadTheme("light", ""); !light.Light {
		t.Errorf("the shipped light theme does not say it is light")
	}
}
