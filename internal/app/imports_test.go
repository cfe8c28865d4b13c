package app

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// adapterPackages are the network adapters, by import path: only their
// own package tree and the composition's registration may import them.
var adapterPackages = []string{"github.com/harkhq/hark/twitter", "github.com/harkhq/hark/bluesky"}

// TestOnlyTheRegistrationImportsAnAdapter: no program file outside an
// adapter's tree imports it, but the composition's networks.go (tests may:
// they run against the adapter's stand-in). bench is its own module and
// registers X's rules as this composition does.
func TestOnlyTheRegistrationImportsAnAdapter(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || rel == "bench" || rel == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		checked++
		for _, imp := range importsOf(t, path) {
			for _, a := range adapterPackages {
				inside := strings.HasPrefix(filepath.ToSlash(rel), strings.TrimPrefix(a, "github.com/harkhq/hark/")+"/")
				if (imp == a || strings.HasPrefix(imp, a+"/")) && !inside && rel != filepath.Join("internal", "app", "networks.go") {
					t.Errorf("%s imports %s: reach the network through the contract (package network)", rel, imp)
				}
			}
		}
		return nil
	})
	if err != nil || checked < 100 {
		t.Fatalf("walked %d program files: %v", checked, err)
	}
}

// importsOf are the import paths of a Go file.
func importsOf(t *testing.T, path string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range f.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		out = append(out, p)
	}
	return out
}
