package outbox

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter/text"
)

func TestSplitNumbersPartsThatFit(t *testing.T) {
	if got := Split("short and sweet"); len(got) != 1 || got[0] != "short and sweet" {
		t.Errorf("a short text was split: %q", got)
	}
	long := strings.Repeat("故人西辞黄鹤楼 ", 40) + strings.Repeat("word ", 60) + "https://example.com/a/very/long/path/that/counts/as/23"
	parts := Split(long)
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

func TestChecks(t *testing.T) {
	now := time.Date(2026, 11, 23, 15, 0, 0, 0, time.Local)
	reply := func(text string, ago time.Duration) model.Post {
		return model.Post{Kind: model.Reply, Text: text, CreatedAt: now.Add(-ago)}
	}
	tests := []struct {
		name   string
		body   string
		recent []model.Post
		want   string
	}{
		{"answer", "Yes, 12 Broadway, open 9-6!", nil, ""},
		{"only a link", "@ann https://shop.example.com/faq", nil, "only a link"},
		{"deflection", "Please see our website for store hours", nil, "website"},
		{"same text today", "Thanks for reaching out!", []model.Post{reply("thanks for reaching out!", 3*time.Hour)}, "same text"},
		{"same text yesterday is fine", "Thanks!", []model.Post{reply("Thanks!", 30*time.Hour)}, ""},
		{"busy hour", "Sorry about that", func() []model.Post {
			var ps []model.Post
			for range 10 {
				ps = append(ps, reply("x", 10*time.Minute))
			}
			return ps
		}(), "10 public replies"},
	}
	for _, tt := range tests {
		got := strings.Join(Checks(tt.body, tt.recent, now, DefaultHourlyLimit), " | ")
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEligible(t *testing.T) {
	shop := model.User{ID: 1, Username: "PaperAndPine"}
	for text, want := range map[string]bool{
		"@paperandpine hi":                true,
		"hello @PaperAndPine!":            true,
		"@paperandpine_fan hi":            false,
		"I love paper and pine":           false,
		"@x @paperandpinex @paperandpine": true,
	} {
		if got := Eligible(model.Post{AuthorID: 2, Text: text}, shop); got != want {
			t.Errorf("Eligible(%q) = %v", text, got)
		}
	}
	if !Eligible(model.Post{AuthorID: 1, Text: "our own thread"}, shop) {
		t.Error("our own post is not eligible")
	}
}
