package main

import (
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
)

// TestVerifyDeletedSaysTheCostAsksAndRemoves: hark sync --verify-deleted
// says how many posts it will look up and what that costs, removes
// nothing without a y (no answer on a closed input), and with --yes
// removes the posts X says were deleted, and says so; --days without
// --verify-deleted, and a --days out of range, are one-line refusals.
func TestVerifyDeletedSaysTheCostAsksAndRemoves(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	posts := srv.Posts()
	gone := posts[len(posts)-1]
	find := func() string {
		out, _ := runHark(t, env, "search", "--format", "jsonl", "conv:"+model.FormatID(gone.ConversationID))
		return out
	}
	if !strings.Contains(find(), model.FormatID(gone.ID)) {
		t.Fatalf("the post to delete is not found before: %q", find())
	}
	srv.DeletePost(gone.ID)
	out, err := runHark(t, env, "sync", "--verify-deleted")
	if err == nil || !strings.Contains(out, "hark will look up the") || !strings.Contains(out, "(post reads)") || !strings.Contains(err.Error(), "nothing looked up") {
		t.Errorf("without --yes: %q, %v", out, err)
	}
	out, err = runHark(t, env, "sync", "--verify-deleted", "--yes", "--days", "30")
	if err != nil || !strings.Contains(out, "1 deleted by their authors, removed") || !strings.Contains(out, "spent today") {
		t.Errorf("with --yes: %q, %v", out, err)
	}
	if out := find(); strings.Contains(out, model.FormatID(gone.ID)) {
		t.Errorf("the deleted post is still found: %q", out)
	}
	for _, args := range [][]string{{"sync", "--days", "3"}, {"sync", "--verify-deleted", "--days", "0", "--yes"}} {
		if out, err := runHark(t, env, args...); err == nil || strings.Count(strings.TrimSpace(err.Error()), "\n") != 0 {
			t.Errorf("%v: %q, %v; want a one-line refusal", args, out, err)
		}
	}
}
