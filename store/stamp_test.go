package store

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// TestStampReadsWhatJSONReads: the fast stamp agrees with encoding/json,
// whatever the text holds (a key's look-alike, quotes, escapes).
func TestStampReadsWhatJSONReads(t *testing.T) {
	at := time.Date(2026, 3, 29, 1, 30, 0, 123456789, time.UTC)
	for _, text := range []string{
		"plain", `"kind":"reply" she wrote`, `{"id":7,"conversation_id":8}`, "back\\slash \"quoted\"", "",
	} {
		p := model.Post{ID: 1 << 60, ConversationID: 1<<60 - 5, AuthorID: 3, CreatedAt: at, Text: text, Kind: model.Heard, Sources: []string{"brand"}}
		raw, _ := json.Marshal(p)
		fast, ok := fastStamp(raw)
		var slow PostStamp
		if err := json.Unmarshal(raw, &slow); err != nil || !ok || fast != slow {
			t.Errorf("%q: fast %+v (%v), json %+v (%v)", text, fast, ok, slow, err)
		}
	}
	if _, ok := fastStamp([]byte(`{"id":1}`)); ok {
		t.Error("a stamp without its other fields was read")
	}
}
