package hooks

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// TestASlowHookBlocksNothing: while post-new takes its time, posts go on
// being stored at once; the hook gets them afterwards.
func TestASlowHookBlocksNothing(t *testing.T) {
	dir := t.TempDir()
	got := filepath.Join(dir, "got")
	os.WriteFile(filepath.Join(dir, PostNew), []byte("#!/bin/sh\nsleep 2\ncat >> "+got+"\n"), 0o700)
	st, err := store.OpenWith(filepath.Join(t.TempDir(), "hark.db"), store.Options{QueueNew: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go (&Feeder{Dir: Dir(dir), Store: st, Every: 10 * time.Millisecond}).Run(ctx)
	at := time.Now()
	start := time.Now()
	for i := range 20 {
		p := model.Post{ID: model.SnowflakeID(at, uint64(i)), AuthorID: 7, Kind: model.Mention, Text: "hi", CreatedAt: at}
		if _, err := st.Put(store.Batch{Posts: []model.Post{p}, Users: []model.User{{ID: 7, Username: "ann"}}}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond) // posts arrive while the hook runs
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("storing 20 posts took %v beside a slow hook", d)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if left, _ := st.NewQueued(100); len(left) == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Error("the hook never got every post")
}
