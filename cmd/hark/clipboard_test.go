package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInsideTmuxTheLinkGoesToTmuxsBuffer: with $TMUX set, the copier
// runs tmux load-buffer -w with the text on its input (tmux's default
// set-clipboard drops an application's OSC 52), and says so; an old
// tmux without -w gets the buffer alone; out of tmux there is none.
func TestInsideTmuxTheLinkGoesToTmuxsBuffer(t *testing.T) {
	bin := t.TempDir()
	got := filepath.Join(t.TempDir(), "got")
	old := filepath.Join(t.TempDir(), "old")
	fake := "#!/bin/sh\nif [ \"$2\" = -w ] && [ -e " + old + " ]; then echo 'unknown flag -w' >&2; exit 1; fi\n" +
		"echo \"$TMUX $*\" > " + got + "\ncat >> " + got + "\n"
	if err := os.WriteFile(filepath.Join(bin, "tmux"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	vars := map[string]string{}
	e := &env{getenv: func(k string) string { return vars[k] }}
	if e.tmuxCopier() != nil {
		t.Fatal("a copier out of tmux")
	}
	vars["TMUX"] = "/tmp/tmux-1/default,1,0"
	how, err := e.tmuxCopier()(context.Background(), "https://x.com/i/web/status/1")
	raw, _ := os.ReadFile(got)
	if err != nil || how != "into tmux's buffer and the clipboard" || string(raw) != "/tmp/tmux-1/default,1,0 load-buffer -w -\nhttps://x.com/i/web/status/1" {
		t.Errorf("copy: %q, %v; tmux got %q", how, err, raw)
	}
	os.WriteFile(old, nil, 0o600) // tmux before 3.2
	how, err = e.tmuxCopier()(context.Background(), "link")
	raw, _ = os.ReadFile(got)
	if err != nil || !strings.Contains(how, "prefix ]") || !strings.HasSuffix(string(raw), "load-buffer -\nlink") {
		t.Errorf("an old tmux: %q, %v; tmux got %q", how, err, raw)
	}
}
