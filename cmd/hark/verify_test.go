package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
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

// TestSyncReadsTheDemosEditAndDeletedParent: hark sync --once, as
// configured by default, reads the demo world's edited post whole (its
// earlier text too) and stands a tombstone for the post priya deleted
// before her follow-up, in its conversation (the context depth and the
// versions reach the real command, not only the poller's tests).
func TestSyncReadsTheDemosEditAndDeletedParent(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	mustRun(t, env, "sync", "--once")
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var edited, followUp model.Post
	for _, p := range srv.Posts() {
		switch {
		case p.Latest == 0 && len(p.Edits) > 0:
			edited = p
		case strings.Contains(p.Text, "deleted it"):
			followUp = p
		}
	}
	if got, _, _ := st.Post(edited.ID); got.Text != edited.Text || len(got.Earlier) != 1 {
		t.Errorf("the edited post: %+v", got)
	}
	thread, _ := st.Thread(followUp.ConversationID)
	if len(thread) != 2 || thread[0].Kind != model.Deleted || thread[0].ID != followUp.InReplyToID {
		t.Errorf("priya's thread: %+v; want the tombstone, then her follow-up", thread)
	}
}
