package main

import (
	"os"
	"slices"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandDeclaresItsTraits walks the whole tree, cobra's own
// commands included, and holds each trait to the commands that have it:
// declared once, on the command, read for every command under it.
func TestEveryCommandDeclaresItsTraits(t *testing.T) {
	root := newRoot(os.Getenv)
	want := map[string][]string{
		traitUnserved: {"hark", "hark demo", "hark serve", "hark sync", "hark login", "hark doctor", "hark help",
			"hark completion", "hark completion bash", "hark completion zsh", "hark completion fish", "hark completion powershell"},
		traitTolerant: {"hark doctor"},
		traitConfirm:  {"hark purge"},
		traitOwners: {"hark reindex", "hark purge", "hark check", "hark rules", "hark rules test", "hark rules apply", "hark rules undo",
			"hark handoff", "hark live", "hark live status", "hark live off", "hark team", "hark team add"},
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for trait, paths := range want {
			if got, w := has(c, trait), slices.Contains(paths, c.CommandPath()); got != w {
				t.Errorf("%s: %s is %v, want %v", c.CommandPath(), trait, got, w)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
