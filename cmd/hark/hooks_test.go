package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
)

// writeHook writes an executable hook script.
func writeHook(t *testing.T, env map[string]string, name, script string) {
	t.Helper()
	dir := filepath.Join(env["XDG_CONFIG_HOME"], "hark", "hooks")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
}

// hookLines reads the posts post-new was given, by id.
func hookLines(t *testing.T, path string) []string {
	t.Helper()
	raw, _ := os.ReadFile(path)
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if line == "" {
			continue
		}
		var p struct {
			ID      string `json:"id"`
			Author  string `json:"author"`
			Network string `json:"network"`
		}
		if err := json.Unmarshal([]byte(line), &p); err != nil || p.Author == "" || p.Network != "x" {
			t.Fatalf("a line post-new got: %q (%v)", line, err)
		}
		ids = append(ids, p.ID)
	}
	return ids
}

// TestPostNewGetsEachNewPostOnce: post-new gets every post stored from X
// once, across runs of hark; a failing hook does not stop the sync, and
// its posts wait for it and go when it works again.
func TestPostNewGetsEachNewPostOnce(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	got := filepath.Join(t.TempDir(), "got.jsonl")
	writeHook(t, env, "post-new", "cat >> "+got)
	mustRun(t, env, "sync", "--once")
	first := hookLines(t, got)
	if len(first) != 40 {
		t.Fatalf("post-new got %d posts, want the 40 stored (36 posts, the shop's reply from X's app among them, 4 DMs; not the stand-in for priya's deleted post)", len(first))
	}
	mustRun(t, env, "sync", "--once")
	if n := len(hookLines(t, got)); n != 40 {
		t.Errorf("a second sync handed %d more", n-40)
	}
	writeHook(t, env, "post-new", "echo 'the phone is off' >&2; exit 1")
	srv.AddPost(model.Post{AuthorID: 2000000003, Text: "@paperandpine is the shop open on Sunday?"})
	out, err := runHark(t, env, "sync", "--once")
	if err != nil || !strings.Contains(out, "post-new hook: the phone is off (its posts wait for it)") || !strings.HasPrefix(out, "warning") && !strings.Contains(out, "1 new post") {
		t.Errorf("a failing hook: %q, %v", out, err)
	}
	writeHook(t, env, "post-new", "cat >> "+got)
	mustRun(t, env, "sync", "--once")
	all := hookLines(t, got)
	seen := map[string]bool{}
	for _, id := range all {
		if seen[id] {
			t.Errorf("post %s handed twice", id)
		}
		seen[id] = true
	}
	if len(all) != 41 {
		t.Errorf("post-new got %d posts in all, want 41", len(all))
	}
}

// TestPreSendRefusesAReply: pre-send's non-zero exit refuses the item
// with its words; its zero exit lets the next one go.
func TestPreSendRefusesAReply(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	mustRun(t, env, "sync", "--once")
	writeHook(t, env, "pre-send", `if grep -q refund; then echo "no refunds in public: take it to DM" >&2; exit 3; fi`)
	posts := len(srv.Posts())
	nina := convOf(t, srv, "nashville_nina", "congrats on 5 years")
	_, err := runHark(t, env, "send", nina, "Your refund is on its way!")
	if err == nil || !strings.Contains(err.Error(), "no refunds in public: take it to DM") || len(srv.Posts()) != posts {
		t.Errorf("a refused reply: %v (%d posts made)", err, len(srv.Posts())-posts)
	}
	if out, err := runHark(t, env, "send", nina, "Thank you so much, Nina!"); err != nil || !strings.HasPrefix(out, "sent ") {
		t.Errorf("an allowed reply: %q, %v", out, err)
	}
}
