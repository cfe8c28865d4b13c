package hooks

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/harkhq/hark/store"
)

// TestPreSendReadsItsOwnVersionedRecord: pre-send gets version 1 of its
// own record, with the network's ids as strings whole (past 2^53 a
// double loses them), the kind spelled out, and none of the outbox's
// own bookkeeping (state, attempts, claims).
func TestPreSendReadsItsOwnVersionedRecord(t *testing.T) {
	out := filepath.Join(t.TempDir(), "stdin.json")
	d := hook(t, PreSend, "cat > "+out+"\n")
	it := store.Item{ID: 7, ConversationID: 1869000000000000001, InReplyTo: 1869000000000000003, Account: 99, Text: "Friday!",
		State: store.Sending, Attempts: 2, CreatedAt: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)}
	if err := d.CheckSend(context.Background(), it, "x"); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"version": 1.0, "id": 7.0, "kind": "reply", "conversation_id": "1869000000000000001",
		"in_reply_to": "1869000000000000003", "account": "99", "text": "Friday!", "created_at": "2026-12-06T10:00:00Z", "network": "x"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	for _, k := range []string{"state", "attempts", "claimed_by", "not_before", "recipient", "dm"} {
		if _, ok := got[k]; ok {
			t.Errorf("pre-send reads %q, the outbox's own", k)
		}
	}
}
