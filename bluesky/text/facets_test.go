package text

import (
	"reflect"
	"testing"
)

// TestFacetsAreAtUTF8ByteOffsets: links, mentions and tags are found
// where Bluesky's app finds them, their spans in UTF-8 bytes: CJK and
// emoji before a mention move it by their bytes, not their characters;
// trailing punctuation and an unopened ")" stay out.
func TestFacetsAreAtUTF8ByteOffsets(t *testing.T) {
	for _, c := range []struct {
		text string
		want []Facet
	}{
		{"日本語 @ann.bsky.social hi", []Facet{{Start: 10, End: 26, Kind: Mention, Value: "ann.bsky.social"}}},
		{"👍🏽 see https://shop.example/x.", []Facet{{Start: 13, End: 35, Kind: Link, Value: "https://shop.example/x"}}},
		{"(see https://shop.example/a)", []Facet{{Start: 5, End: 27, Kind: Link, Value: "https://shop.example/a"}}},
		{"wiki https://en.wikipedia.org/wiki/Pen_(disambiguation) ok", []Facet{{Start: 5, End: 55, Kind: Link, Value: "https://en.wikipedia.org/wiki/Pen_(disambiguation)"}}},
		{"www.paperandpine.example!", []Facet{{Start: 0, End: 24, Kind: Link, Value: "https://www.paperandpine.example"}}},
		{"thanks @Paper.Pine.example, and #Washi!", []Facet{
			{Start: 7, End: 26, Kind: Mention, Value: "paper.pine.example"},
			{Start: 32, End: 38, Kind: Tag, Value: "Washi"},
		}},
		{"🇯🇵 @ann.bsky.social @bob.bsky.social", []Facet{
			{Start: 9, End: 25, Kind: Mention, Value: "ann.bsky.social"},
			{Start: 26, End: 42, Kind: Mention, Value: "bob.bsky.social"},
		}},
		{"no handle: @ann, @ann., email a@b.example, #123, https://", nil},
	} {
		if got := Facets(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Facets(%q) = %+v, want %+v", c.text, got, c.want)
		}
		for _, f := range Facets(c.text) {
			if s := c.text[f.Start:f.End]; s == "" || (f.Kind == Mention && s[0] != '@') {
				t.Errorf("%q: the span %q is not the facet's", c.text, s)
			}
		}
	}
}
