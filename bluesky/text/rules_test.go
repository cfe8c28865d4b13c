package text

import (
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
)

// TestCountIsBlueskysRule: fifty texts counted as Bluesky counts a post
// (extended grapheme clusters against 300, bytes against 3,000): emoji
// sequences, flags, skin tones, CJK, Hangul, combining marks, links,
// and the limits' edges. The want column was worked by hand from UAX #29.
func TestCountIsBlueskysRule(t *testing.T) {
	family := "👨\u200d👩\u200d👧\u200d👦" // 25 bytes, one grapheme
	cases := []struct {
		name  string
		text  string
		want  int
		valid bool
	}{
		{"empty", "", 0, false},
		{"space", " ", 1, false},
		{"white space only", " \n\t ", 4, false},
		{"ascii", "hello", 5, true},
		{"sentence", "Is the sage washi tape back in stock?", 37, true},
		{"precomposed é", "caf\u00e9", 4, true},
		{"e and a combining acute", "cafe\u0301", 4, true},
		{"two combining marks", "e\u0301\u0302", 1, true},
		{"combining marks on each letter", "a\u0308o\u0308u\u0308", 3, true},
		{"thumbs up", "👍", 1, true},
		{"thumbs up, skin tone", "👍🏽", 1, true},
		{"family of four (ZWJ)", family, 1, true},
		{"two families", family + family, 2, true},
		{"rainbow flag", "🏳️\u200d🌈", 1, true},
		{"flag of Japan", "🇯🇵", 1, true},
		{"two flags", "🇯🇵🇺🇸", 2, true},
		{"three regional indicators", "🇯🇵🇺", 2, true},
		{"red heart and VS16", "❤️", 1, true},
		{"keycap one", "1️⃣", 1, true},
		{"woman technologist, tone", "👩🏾\u200d💻", 1, true},
		{"emoji between words", "thanks 🙏 so much", 16, true},
		{"Japanese", "日本語", 3, true},
		{"Chinese sentence", "请问什么时候发货？", 9, true},
		{"Korean, precomposed", "한국어", 3, true},
		{"Korean, conjoining jamo", "\u1100\u1161\u11a8", 1, true},
		{"Thai with a tone mark", "ก\u0e48", 1, true},
		{"Arabic", "شكرا", 4, true},
		{"Hebrew with points", "שָׁלוֹם", 4, true},
		{"CRLF is one", "a\r\nb", 3, true},
		{"LF", "a\nb", 3, true},
		{"link with its scheme", "https://paperandpine.example/washi-tape", 39, true},
		{"link counts whole", "see https://example.com/" + strings.Repeat("x", 100), 4 + 20 + 100, true},
		{"mention", "@paperandpine.bsky.social hi", 28, true},
		{"CJK before a mention", "日本語 @ann.bsky.social", 20, true},
		{"emoji before a link", "👍🏽 https://a.example", 19, true},
		{"tag", "#stationery love", 16, true},
		{"zero width joiner alone", "\u200d", 1, true},
		{"variation selector alone", "\ufe0f", 1, true},
		{"300 letters", strings.Repeat("a", 300), 300, true},
		{"301 letters", strings.Repeat("a", 301), 301, false},
		{"300 toned thumbs (2,400 bytes)", strings.Repeat("👍🏽", 300), 300, true},
		{"301 toned thumbs", strings.Repeat("👍🏽", 301), 301, false},
		{"299 letters and a family", strings.Repeat("a", 299) + family, 300, true},
		{"300 letters and a family", strings.Repeat("a", 300) + family, 301, false},
		{"120 families: 3,000 bytes", strings.Repeat(family, 120), 120, true},
		{"121 families: 3,025 bytes, past the bytes", strings.Repeat(family, 121), 121, false},
		{"300 CJK (900 bytes)", strings.Repeat("語", 300), 300, true},
		{"300 Hangul syllables", strings.Repeat("한", 300), 300, true},
		{"150 e-acutes decomposed", strings.Repeat("e\u0301", 150), 150, true},
		{"301 e-acutes decomposed", strings.Repeat("e\u0301", 301), 301, false},
	}
	if len(cases) != 50 {
		t.Fatalf("%d cases, want 50", len(cases))
	}
	for _, c := range cases {
		got := Rules{}.Count(c.text)
		if got.Length != c.want || got.Valid != c.valid || got.Limit != MaxGraphemes {
			t.Errorf("%s: %+v, want %d graphemes, valid %v", c.name, got, c.want, c.valid)
		}
	}
}

// TestValidEndIsWhereToCut: past the limit, ValidEnd is where the part
// Bluesky takes ends, on a grapheme's edge; past the bytes, before the
// grapheme that crosses 3,000.
func TestValidEndIsWhereToCut(t *testing.T) {
	family := "👨\u200d👩\u200d👧\u200d👦"
	for _, c := range []struct {
		text string
		end  int
	}{
		{strings.Repeat("a", 301), 300},
		{strings.Repeat("👍🏽", 301), 300 * 8},
		{strings.Repeat("a", 299) + "e\u0301" + "z", 299 + 3},
		{strings.Repeat(family, 121), 3000},
		{"short", 5},
	} {
		if got := (Rules{}).Count(c.text).ValidEnd; got != c.end {
			t.Errorf("ValidEnd of %d bytes: %d, want %d", len(c.text), got, c.end)
		}
	}
}

// TestADMCountsToAThousand: a chat message is 1,000 graphemes.
func TestADMCountsToAThousand(t *testing.T) {
	if c := (Rules{}).CountDM(strings.Repeat("🙏", 1000)); !c.Valid || c.Limit != MaxDMGraphemes {
		t.Errorf("1,000 emoji: %+v", c)
	}
	if c := (Rules{}).CountDM(strings.Repeat("a", 1001)); c.Valid || c.ValidEnd != 1000 {
		t.Errorf("1,001 letters: %+v", c)
	}
}

// TestPostURLFromTheATURI: the app's page of a post, from its AT URI.
func TestPostURLFromTheATURI(t *testing.T) {
	p := model.Post{Kind: model.Mention, On: &model.Elsewhere{Network: Name, Ref: "at://did:plc:abc123/app.bsky.feed.post/3kq2yjcxl2s2a"}}
	if u, ok := (Rules{}).PostURL(p); !ok || u != "https://bsky.app/profile/did:plc:abc123/post/3kq2yjcxl2s2a" {
		t.Errorf("PostURL: %q %v", u, ok)
	}
	p.On.Ref = "at://did:plc:abc123/app.bsky.feed.like/3kq"
	if _, ok := (Rules{}).PostURL(p); ok {
		t.Error("a like's URI made a post URL")
	}
}
