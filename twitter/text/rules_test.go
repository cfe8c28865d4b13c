package text

import (
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// TestRulesCountAsXCountsAndSayWhereToCut: X's rule behind the network
// contract: the weighted length and the limit, and where the part X
// would take ends, as a byte offset into the text (CJK weighs two).
func TestRulesCountAsXCountsAndSayWhereToCut(t *testing.T) {
	for _, c := range []struct {
		text        string
		length, end int
		valid, over bool
	}{
		{"thanks!", 7, 7, true, false},
		{strings.Repeat("a", 300), 300, 280, false, true},
		{strings.Repeat("万", 150), 300, 140 * 3, false, true},
		{"", 0, 0, false, false},
	} {
		got := Rules{}.Count(c.text)
		if got.Length != c.length || got.Limit != 280 || got.Valid != c.valid || got.Over() != c.over || got.ValidEnd != c.end {
			t.Errorf("%.12q…: %+v (over %v)", c.text, got, got.Over())
		}
	}
}

// TestADMCountsAgainstItsOwnLimit: a DM is weighed as a post is, against
// 10,000, and says where the part X would take ends; a post's 280 does
// not apply to it.
func TestADMCountsAgainstItsOwnLimit(t *testing.T) {
	for _, c := range []struct {
		text        string
		length, end int
		valid, over bool
	}{
		{strings.Repeat("a", 300), 300, 300, true, false},
		{strings.Repeat("a", 10_000), 10_000, 10_000, true, false},
		{strings.Repeat("a", 10_001), 10_001, 10_000, false, true},
		{strings.Repeat("万", 5_001), 10_002, 5_000 * 3, false, true},
		{"", 0, 0, false, false},
	} {
		got := Rules{}.CountDM(c.text)
		if got.Length != c.length || got.Limit != MaxDMLength || got.Valid != c.valid || got.Over() != c.over || got.ValidEnd != c.end {
			t.Errorf("%.12q… (%d bytes): %+v (over %v)", c.text, len(c.text), got, got.Over())
		}
	}
}

// TestRulesFindLinksAsByteSpans: links with and without a scheme, after
// text that weighs two a character, as byte spans of the text.
func TestRulesFindLinksAsByteSpans(t *testing.T) {
	s := "万年筆 https://example.com/ink and shop.example.org!"
	got := Rules{}.Links(s)
	want := []string{"https://example.com/ink", "shop.example.org"}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i, span := range got {
		if s[span[0]:span[1]] != want[i] {
			t.Errorf("link %d: %q, want %q", i, s[span[0]:span[1]], want[i])
		}
	}
}

// TestEligible: X takes a public reply to a post that @mentions the
// account (as a whole handle, any case), or to the account's own.
func TestEligible(t *testing.T) {
	shop := model.User{ID: 1, Username: "PaperAndPine"}
	for text, want := range map[string]bool{
		"@paperandpine hi":                true,
		"hello @PaperAndPine!":            true,
		"@paperandpine_fan hi":            false,
		"I love paper and pine":           false,
		"@x @paperandpinex @paperandpine": true,
	} {
		if got := network.Answerable(model.Post{AuthorID: 2, Text: text}, shop); got != want {
			t.Errorf("Eligible(%q) = %v", text, got)
		}
	}
	if !network.Answerable(model.Post{AuthorID: 1, Text: "our own thread"}, shop) {
		t.Error("our own post is not eligible")
	}
}
