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
