package text

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"
)

// refdataDir is twitter-text's conformance data in the shared/ folder that
// sits beside the repository (HARK_SHARED overrides where shared/ is).
func refdataDir() string {
	shared := os.Getenv("HARK_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	return filepath.Join(shared, "refdata", "twitter-text")
}

// readRefdata reads one conformance file, skipping the test when shared/
// is absent. The files are read in place, never copied into the repo.
func readRefdata(t testing.TB, name string) []byte {
	t.Helper()
	path := filepath.Join(refdataDir(), name)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("skipped: twitter-text conformance data %s is absent (it lives in shared/ beside the repo; set HARK_SHARED to point elsewhere)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// conformanceCase is one case of a twitter-text YAML file; Expected is
// decoded by the test that knows its shape.
type conformanceCase struct {
	Description string    `yaml:"description"`
	Text        string    `yaml:"text"`
	Expected    yaml.Node `yaml:"expected"`
}

// readGroups decodes a conformance file and returns the named groups,
// failing when one is missing or empty so that no case is silently lost.
func readGroups(t *testing.T, name string, groups ...string) map[string][]conformanceCase {
	t.Helper()
	var doc struct {
		Tests map[string][]conformanceCase `yaml:"tests"`
	}
	if err := yaml.Unmarshal(readRefdata(t, name), &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string][]conformanceCase{}
	for _, g := range groups {
		if len(doc.Tests[g]) == 0 {
			t.Fatalf("%s: group %q is missing or empty", name, g)
		}
		out[g] = doc.Tests[g]
	}
	return out
}
