package text

import (
	"strings"
	"testing"
)

// TestParseEdges covers what the conformance files leave out: the 280
// boundary with CJK, emoji and URLs, emoji sequences, normalisation, white
// space and invalid UTF-8.
func TestParseEdges(t *testing.T) {
	cjk, grin := "故", "😀"
	url := "https://shop.example.com/orders/4471?ref=mention"
	tests := []struct {
		name       string
		text       string
		weight     int
		valid      bool
		validEnd   int
		displayEnd int
	}{
		{"140 CJK fill the limit", strings.Repeat(cjk, 140), 280, true, 139, 139},
		{"141st CJK overflows", strings.Repeat(cjk, 141), 282, false, 139, 140},
		{"279 Latin and a CJK overflow by one", strings.Repeat("a", 279) + cjk, 281, false, 278, 279},
		{"278 Latin and a CJK fit", strings.Repeat("a", 278) + cjk, 280, true, 278, 278},
		{"140 emoji fill the limit", strings.Repeat(grin, 140), 280, true, 279, 279},
		{"141st emoji overflows", strings.Repeat(grin, 141), 282, false, 279, 281},
		{"URL that ends exactly at 280", strings.Repeat("x", 256) + " " + url, 280, true, 256 + len(url), 256 + len(url)},
		{"URL straddling the limit counts whole", strings.Repeat("x", 270) + " " + url, 294, false, 270, 270 + len(url)},
		{"URL then CJK past the limit", url + " " + strings.Repeat(cjk, 128), 280, true, len(url) + 128, len(url) + 128},
		{"empty", "", 0, false, 0, 0},
		{"only spaces", "  \t\n ", 5, false, 4, 4},
		{"ideographic space only", "\u3000", 2, false, 0, 0},
		{"space around a word", " ok ", 4, true, 3, 3},
		{"decomposed é counts once", "e\u0301", 1, true, 1, 1},
		{"invalid UTF-8 counts as U+FFFD", "ok\xff\xfe", 6, true, 3, 3},
		{"truncated UTF-8 sequence", "\xe6\x95", 4, true, 1, 1},
		{"BOM in the middle invalidates", "ab\ufeffcd", 6, false, 1, 4},
		{"flag is one emoji", "🇺🇸", 2, true, 3, 3},
		{"regional indicators that are no flag count apart", "🇦🇦", 4, true, 3, 3},
		{"keycap with selector", "#️⃣", 2, true, 2, 2},
		{"digit and selector but no keycap", "1\ufe0f", 3, true, 1, 1},
		{"copyright is text without selector", "©", 1, true, 0, 0},
		{"copyright with selector is emoji", "©\ufe0f", 2, true, 1, 1},
		{"skin tone modifier sequence", "👍🏽", 2, true, 3, 3},
		{"unknown ZWJ sequence falls apart", "🐶\u200d🐱", 5, true, 4, 4},
		{"England tag sequence", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 2, true, 13, 13},
		{"ZWJ profession", "👩🏽\u200d💻", 2, true, 6, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.text)
			if got.WeightedLength != tt.weight || got.Valid != tt.valid || got.ValidRangeEnd != tt.validEnd || got.DisplayRangeEnd != tt.displayEnd {
				t.Errorf("Parse(%q) = %+v; want weight %d valid %v validEnd %d displayEnd %d",
					tt.text, got, tt.weight, tt.valid, tt.validEnd, tt.displayEnd)
			}
			if got.Permillage != got.WeightedLength*1000/280 {
				t.Errorf("permillage %d for weight %d", got.Permillage, got.WeightedLength)
			}
		})
	}
}

// TestEmojiSpans checks where emoji entities start and end, which the
// weights alone do not show.
func TestEmojiSpans(t *testing.T) {
	tests := []struct {
		text string
		want []span
	}{
		{"a😀b", []span{{1, 2}}},
		{"😀\ufe0f", []span{{0, 2}, {2, 1}}},
		{"☺\ufe0f!", []span{{0, 2}}},
		{"☺", nil},
		{"1⃣ #", []span{{0, 2}}},
		{"👨\u200d👩\u200d👧\u200d👦x", []span{{0, 11}}},
		{"🐶\u200d🐱", []span{{0, 2}, {3, 2}}},
		{"plain text", nil},
	}
	for _, tt := range tests {
		ix := newIndexed(tt.text)
		got := emojiSpans(&ix)
		if len(got) != len(tt.want) {
			t.Errorf("emojiSpans(%q) = %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("emojiSpans(%q) = %v, want %v", tt.text, got, tt.want)
			}
		}
	}
}

// TestV2CountsEmojiByCodePoint shows the weights table is a parameter.
func TestV2CountsEmojiByCodePoint(t *testing.T) {
	family := "👨\u200d👩\u200d👧\u200d👦" // four emoji (2 each) and three joiners (1 each)
	if got := V2().Parse(family).WeightedLength; got != 11 {
		t.Errorf("V2 weight of a family = %d, want 11", got)
	}
	if got := Parse(family).WeightedLength; got != 2 {
		t.Errorf("V3 weight of a family = %d, want 2", got)
	}
	light := V3()
	light.Ranges = append(light.Ranges, WeightRange{Start: 0x4E00, End: 0x9FFF, Weight: 100})
	if got := light.Parse("故人").WeightedLength; got != 2 {
		t.Errorf("custom range weight = %d, want 2", got)
	}
}

func TestByteOffset(t *testing.T) {
	s := "a😀故\xffz"
	tests := []struct{ i, want int }{
		{-1, 0}, {0, 0}, {1, 1}, {2, 5}, {3, 5}, {4, 8}, {5, 9}, {6, 10}, {99, 10},
	}
	for _, tt := range tests {
		if got := ByteOffset(s, tt.i); got != tt.want {
			t.Errorf("ByteOffset(%q, %d) = %d, want %d", s, tt.i, got, tt.want)
		}
	}
}

// TestValidPrefixCutsOverflow shows how a composer finds the part past the
// limit: cut the text after ValidRangeEnd.
func TestValidPrefixCutsOverflow(t *testing.T) {
	s := strings.Repeat("故", 140) + "overflow"
	r := Parse(s)
	cut := ByteOffset(s, r.ValidRangeEnd+1)
	if s[cut:] != "overflow" {
		t.Errorf("overflow part = %q", s[cut:])
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, bad := range []string{`{`, `{"scale":0,"maxWeightedTweetLength":280}`, `{"scale":100}`} {
		if _, err := ParseConfig([]byte(bad)); err == nil {
			t.Errorf("ParseConfig(%s) gave no error", bad)
		}
	}
}

func TestPunycodeLength(t *testing.T) {
	// Lengths of the RFC 3492 sample encodings.
	tests := []struct{ label, encoded string }{
		{"bücher", "bcher-kva"},
		{"ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"},
		{"他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"},
		{"3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"},
		{"MajiでKoiする5秒前", "MajiKoi5-783gue6qz075azm5e"},
	}
	for _, tt := range tests {
		if got := punycodeLength([]rune(tt.label)); got != len(tt.encoded) {
			t.Errorf("punycodeLength(%q) = %d, want %d (%s)", tt.label, got, len(tt.encoded), tt.encoded)
		}
	}
	if got := asciiLabelLength([]rune("日本。example")); got != len("xn--wgv71a.example") {
		t.Errorf("asciiLabelLength splits at 。: got %d", got)
	}
}
