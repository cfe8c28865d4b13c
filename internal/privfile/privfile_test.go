package privfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteIsPrivateAndWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "secret.json")
	for _, data := range []string{"first", "second, longer"} {
		if err := Write(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		fi, _ := os.Stat(path)
		if err != nil || string(got) != data || fi.Mode().Perm() != 0o600 {
			t.Errorf("after writing %q: %q, %v, mode %v", data, got, err, fi.Mode())
		}
	}
	if dir, _ := os.Stat(filepath.Dir(path)); dir.Mode().Perm() != 0o700 {
		t.Errorf("the folder made: %v", dir.Mode())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left beside: %v", entries)
	}
}
