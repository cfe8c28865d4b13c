package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/harkhq/hark/store"
)

func TestSearchReindexPurgeAndExportQuery(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")

	out, err := runHark(t, env, "search", "basket")
	if err != nil || strings.Count(out, "\n") != 2 || !strings.Contains(out, "[basket]") {
		t.Fatalf("search: %q, %v", out, err)
	}
	out, err = runHark(t, env, "search", "--format", "jsonl", "from:maria_k", "is:question")
	var first found
	if err != nil || json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &first) != nil || first.Author != "maria_k" {
		t.Fatalf("jsonl search: %q, %v", out, err)
	}
	if _, err := runHark(t, env, "search", `"basket`); err == nil || !strings.Contains(err.Error(), "character 1") {
		t.Errorf("malformed query: %v", err)
	}

	stderr, err := runHark(t, env, "reindex")
	if err != nil || !strings.Contains(stderr, "[##############################] 34/34 posts") {
		t.Errorf("reindex: %q, %v", stderr, err)
	}
	if out, _ := runHark(t, env, "search", "basket"); strings.Count(out, "\n") != 2 {
		t.Errorf("after reindex: %q", out)
	}

	export, err := runHark(t, env, "export", "near", "Nashville")
	if err != nil || strings.Count(export, "\n") != 1 || !strings.Contains(export, "near Nashville") {
		t.Errorf("export QUERY: %q, %v", export, err)
	}

	// A query exports every post of the conversations it finds, oldest
	// first: the basket thread, found by one word of its first post.
	all, _ := runHark(t, env, "export")
	thread, err := runHark(t, env, "export", "sketchbooks")
	var want, got []exported
	for line := range strings.Lines(all) {
		var x exported
		if json.Unmarshal([]byte(line), &x) == nil && strings.Contains(thread, `"conversation_id":"`+x.ConversationID+`"`) {
			want = append(want, x)
		}
	}
	for line := range strings.Lines(thread) {
		var x exported
		json.Unmarshal([]byte(line), &x)
		got = append(got, x)
	}
	if err != nil || len(got) < 3 || len(got) != len(want) || got[0].ID != want[0].ID || got[len(got)-1].ID != want[len(want)-1].ID {
		t.Errorf("export sketchbooks: %d posts, the thread has %d (%v)", len(got), len(want), err)
	}

	if _, err := runHark(t, env, "purge", first.ID); err != nil {
		t.Fatal(err)
	}
	if out, _ := runHark(t, env, "search", "--format", "jsonl", "from:maria_k", "is:question"); strings.Contains(out, first.ID) {
		t.Errorf("the purged post is still found")
	}
	if _, err := runHark(t, env, "purge", first.ID); err == nil {
		t.Error("purging twice succeeded")
	}
}

func TestCheckSaysTheIndexIsWhole(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	out, err := runHark(t, env, "check")
	if err != nil || !strings.Contains(out, "the search index finds every post") {
		t.Errorf("check: %q, %v", out, err)
	}
}

func TestCheckNamesTheMissingPostsAndFails(t *testing.T) {
	var out bytes.Buffer
	err := reportCheck(&out, store.IndexReport{Posts: 10, Missing: 2, MissingIDs: []uint64{7, 9}, Damaged: 1, DamagedIDs: []uint64{4}})
	if err == nil || out.String() != "2 of 10 posts are missing from the search index, among them: 7 9 ('hark reindex' mends it)\n"+
		"1 of 10 posts are damaged and cannot be read, among them: 4 (search and export pass them over)\n" {
		t.Errorf("%q, %v", out.String(), err)
	}
}
