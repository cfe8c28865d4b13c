package outbox

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/text"
)

func TestSplitNumbersPartsThatFit(t *testing.T) {
	if got := Split(text.Rules{}, "short and sweet"); len(got) != 1 || got[0] != "short and sweet" {
		t.Errorf("a short text was split: %q", got)
	}
	long := strings.Repeat("故人西辞黄鹤楼 ", 40) + strings.Repeat("word ", 60) + "https://example.com/a/very/long/path/that/counts/as/23"
	parts := Split(text.Rules{}, long)
	if len(parts) < 3 {
		t.Fatalf("%d parts", len(parts))
	}
	var words []string
	for i, p := range parts {
		if r := text.Parse(p); !r.Valid {
			t.Errorf("part %d does not fit: %d", i, r.WeightedLength)
		}
		suffix := " (" + itoa(i+1) + "/" + itoa(len(parts)) + ")"
		if !strings.HasSuffix(p, suffix) {
			t.Errorf("part %d lacks %q: %q", i, suffix, p)
		}
		words = append(words, strings.Fields(strings.TrimSuffix(p, suffix))...)
	}
	if strings.Join(words, " ") != strings.Join(strings.Fields(long), " ") {
		t.Error("the parts do not add up to the text")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestSplitEndsPartsAtSentences: where a sentence ends in a part's last
// stretch, the part ends there, not mid-sentence.
func TestSplitEndsPartsAtSentences(t *testing.T) {
	sentence := "We checked your order with the carrier and the parcel is on the van today. "
	parts := Split(text.Rules{}, strings.Repeat(sentence, 6))
	if len(parts) < 2 {
		t.Fatalf("%d parts", len(parts))
	}
	for i, p := range parts {
		body := p[:strings.LastIndex(p, " (")]
		if !strings.HasSuffix(body, "today.") {
			t.Errorf("part %d ends mid-sentence: %q", i+1, body)
		}
	}
}

func TestChecks(t *testing.T) {
	now := time.Date(2026, 11, 23, 15, 0, 0, 0, time.Local)
	const ann, bob = 7, 8
	reply := func(to uint64, text string, ago time.Duration) Said {
		return Said{To: to, Text: text, At: now.Add(-ago), Public: true}
	}
	dm := func(to uint64, text string, ago time.Duration) Said {
		return Said{To: to, Text: text, At: now.Add(-ago)}
	}
	busy := func(n int) []Said {
		var out []Said
		for range n {
			out = append(out, reply(bob, "x", 10*time.Minute))
		}
		return out
	}
	public := func(body string) Draft { return Draft{Body: body, To: ann, Public: true, Rules: text.Rules{}} }
	tests := []struct {
		name  string
		draft Draft
		said  []Said
		want  string
	}{
		{"answer", public("Yes, 12 Broadway, open 9-6!"), nil, ""},
		{"only a link", public("@ann https://shop.example.com/faq"), nil, "only a link"},
		{"a DM may be a link", Draft{Body: "https://shop.example.com/track/123", To: ann}, nil, ""},
		{"deflection", public("Please see our website for store hours"), nil, "website"},
		{"same text in public today", public("Thanks for reaching out!"), []Said{reply(bob, "thanks for reaching out!", 3*time.Hour)}, "same text already went out publicly"},
		{"same text to them by DM", public("Your order ships today"), []Said{dm(ann, "Your order ships today", time.Hour)}, "sent this person the same text"},
		{"same DM twice", Draft{Body: "Your order ships today", To: ann}, []Said{dm(ann, "Your order ships today", time.Hour)}, "sent this person the same text"},
		{"same DM to another is fine", Draft{Body: "Your order ships today", To: ann}, []Said{dm(bob, "Your order ships today", time.Hour)}, ""},
		{"same text yesterday is fine", public("Thanks!"), []Said{reply(ann, "Thanks!", 30*time.Hour)}, ""},
		{"busy hour", public("Sorry about that"), busy(10), "10 public replies"},
		{"nine is not busy", public("Sorry about that"), busy(9), ""},
		{"a DM in a busy hour is fine", Draft{Body: "Sorry about that", To: ann}, busy(10), ""},
	}
	for _, tt := range tests {
		got := strings.Join(Checks(tt.draft, tt.said, now, 10), " | ")
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestWarningsCountWhatIsQueued: replies still in the outbox count for
// the hour and for the same text, as what went out does.
func TestWarningsCountWhatIsQueued(t *testing.T) {
	st := harktest.Store(t)
	now := time.Now()
	ann := model.User{ID: 7, Username: "ann"}
	var posts []model.Post
	var items []store.Item
	for i := range 10 {
		p := model.Post{ID: uint64(100 + i), ConversationID: uint64(100 + i), AuthorID: ann.ID, Kind: model.Mention, Text: "@shop hi", CreatedAt: now.Add(-time.Hour)}
		posts = append(posts, p)
		items = append(items, Replies(p, []string{"Reply " + itoa(i)}, now, time.Minute)...)
	}
	if _, err := st.Put(store.Batch{Posts: posts, Users: []model.User{ann}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Enqueue(items...); err != nil {
		t.Fatal(err)
	}
	said, err := SaidLately(st, now)
	d := Draft{Body: "Reply 3", To: ann.ID, Public: true}
	got, repeats := Checks(d, said, now, 10), RepeatsPublic(d, said, now)
	if err != nil || !repeats {
		t.Fatalf("a queued public text said again: repeats %v, %v", repeats, err)
	}
	joined := strings.Join(got, " | ")
	if !strings.Contains(joined, "10 public replies") || !strings.Contains(joined, "sent this person the same text") {
		t.Errorf("warnings with 10 replies queued: %q", joined)
	}
}
