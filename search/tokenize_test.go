package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/harkhq/hark/model"
	"github.com/rivo/uniseg"
)

func terms(s string) []string {
	var out []string
	for _, t := range Tokenize(s) {
		out = append(out, t.Term)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := map[string][]string{
		"Where is my ORDER?":                          {"where", "is", "my", "order"},
		"Café crème brûlée":                           {"cafe", "creme", "brulee"},
		"@PaperAndPine loves #FountainPens and $AAPL": {"@paperandpine", "loves", "#fountainpens", "and", "$aapl"},
		"mail me at ann@example.com":                  {"mail", "me", "at", "ann", "example.com"},
		"see https://www.Example.com/a/b?c=d now":     {"see", "example.com", "now"},
		"at shop.example.co.uk/x":                     {"at", "shop.example.co.uk", "example.co.uk", "co.uk"},
		"故人西辞黄鹤楼":                                     {"故人", "人西", "西辞", "辞黄", "黄鹤", "鹤楼"},
		"これは日本語":                                      {"これ", "れは", "は日", "日本", "本語"},
		"I ❤️ pens 👍🏽":                                {"i", "❤", "pens", "👍🏽"},
		"@my_shop_name hi":                            {"@my_shop_name", "hi"},
		"costs $5":                                    {"costs", "5"},
		"don't":                                       {"don't"},
	}
	for in, want := range tests {
		if got := terms(in); !slices.Equal(got, want) {
			t.Errorf("Tokenize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokenOffsetsPointAtTheText(t *testing.T) {
	s := "Hi @Ann, the café at example.com/x"
	for _, tok := range Tokenize(s) {
		if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End {
			t.Fatalf("bad span %+v", tok)
		}
	}
	if got := Tokenize(s)[1]; s[got.Start:got.End] != "@Ann" {
		t.Errorf("span of @Ann = %q", s[got.Start:got.End])
	}
}

// BenchmarkIndexTerms is the index's work per stored post (the tokenizer
// and the field terms): the CPU side of ingest.
func BenchmarkIndexTerms(b *testing.B) {
	docs := []Doc{
		{Post: model.Post{Text: "@paperandpine my basket vanished?? I had 3 sketchbooks and the brass compass in it and now the cart says empty 😩"}, Author: "maria_k", ReplyTo: "paperandpine"},
		{Post: model.Post{Text: "@paperandpine order #4471 was due Tuesday. Tracking hasn't moved since Friday: https://track.example.com/4471"}, Author: "officemgr_sam"},
		{Post: model.Post{Text: "@paperandpine 万年筆のインク、届きました！色がとてもきれいです 🖋️ ありがとうございました"}, Author: "kenji_t", Tags: []string{"praise"}},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		IndexTerms(docs[i%len(docs)])
	}
}

// The ASCII shortcut splits exactly as uniseg does, at every position of
// strings made of the characters UAX #29 treats specially.
func TestFirstWordAgreesWithUniseg(t *testing.T) {
	const alphabet = "aZ09 .:',;_@#$!?\t\r\n\"-/é\u0301日👍\u200d"
	chars := []rune(alphabet)
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"Hi @paperandpine, order #1234 arrived!", "3,000.50 x.y a_b  end", "it's 9:30 A.M."}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteRune(chars[rng.IntN(len(chars))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		for i := 0; i < len(s); i++ {
			word, rest := firstWord(s[i:])
			want, wantRest, _ := uniseg.FirstWordInString(s[i:], -1)
			if word != want || rest != wantRest {
				t.Fatalf("firstWord(%q) = %q, uniseg %q", s[i:], word, want)
			}
		}
	}
}
