package store

import (
	"bytes"
	"encoding/json"
	"strings"
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

// TestStampReadsTheNetwork: a post of another network's stamp says its
// network, by the fast path and the slow, a text that names one not
// taken for it; X's says none.
func TestStampReadsTheNetwork(t *testing.T) {
	for _, c := range []struct {
		on   *model.Elsewhere
		want string
	}{
		{nil, ""},
		{&model.Elsewhere{Network: "bluesky", Ref: "at://did:plc:a/app.bsky.feed.post/1"}, "bluesky"},
	} {
		p := model.Post{ID: 9, ConversationID: 9, CreatedAt: time.Unix(9, 0).UTC(), Text: `"on":{"network":"tiny"} said`, Kind: model.Mention, On: c.on}
		raw, _ := json.Marshal(p)
		fast, ok := fastStamp(raw)
		spaced := bytes.Replace(raw, []byte(`"kind":"`), []byte(`"kind" : "`), 1) // JSON the fast path does not read
		if _, fastOK := fastStamp(spaced); fastOK {
			t.Fatal("the fast path read spaced JSON: the slow path goes untested")
		}
		slow, _ := decodeStamp(spaced)
		if !ok || fast.Network != c.want || slow.Network != c.want || slow.Kind != model.Mention {
			t.Errorf("%+v: fast %q (%v), slow %q", c.on, fast.Network, ok, slow.Network)
		}
	}
}

// TestMarkReadsWhatJSONReads: a conversation's mark agrees with its full
// decode, with tags or none, done or not.
func TestMarkReadsWhatJSONReads(t *testing.T) {
	done := time.Date(2026, 3, 29, 1, 30, 0, 5, time.UTC)
	for _, c := range []Conversation{
		{ID: 1, Status: StatusOpen},
		{ID: 2, Status: StatusDone, Tags: []string{"refund", "vip-2"}, DoneAt: done},
		{ID: 3, Status: StatusWaiting, Tags: []string{"a_b"}, SnoozeUntil: done},
	} {
		raw, _ := json.Marshal(c)
		m, err := decodeMark(raw)
		if err != nil || m.Status != c.Status || !m.DoneAt.Equal(c.DoneAt) || strings.Join(m.Tags, ",") != strings.Join(c.Tags, ",") {
			t.Errorf("%+v: mark %+v, %v", c, m, err)
		}
	}
}

// TestConversationMarksFindEachOne: the walker finds every stored one of
// ids given in any order, near or far apart, and none that is missing.
func TestConversationMarksFindEachOne(t *testing.T) {
	s := openTemp(t)
	var posts []model.Post
	for i := range 40 {
		id := uint64(1000 + i*7)
		posts = append(posts, model.Post{ID: id, AuthorID: 2, Kind: model.Mention, Text: "hi", CreatedAt: time.Unix(int64(id), 0)})
	}
	if _, err := s.Put(Batch{Posts: posts}); err != nil {
		t.Fatal(err)
	}
	ids := []uint64{1273, 1000, 5, 1007, 1008, 1140, 1001, 99999, 1014}
	marks, err := s.ConversationMarks(ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		_, got := marks[id]
		if want := id >= 1000 && id <= 1273 && (id-1000)%7 == 0; got != want {
			t.Errorf("%d: found %v, want %v", id, got, want)
		}
	}
}
