package text

import "testing"

// mixedPost is a reply of about 280 weighted characters: Latin, CJK,
// emoji (with a skin tone and a flag) and two URLs.
const mixedPost = "Thanks @maria_k! Your order #4471 ships today 📦✨ and the tracking link is " +
	"https://shop.example.com/orders/4471?ref=mention — returns are free at example.org/returns. " +
	"東京の店舗でも受け取れます。ありがとう！ 👍🏽🇯🇵 Reply here if anything is off, we answer within the hour."

func TestMixedPostIsNearTheLimit(t *testing.T) {
	r := Parse(mixedPost)
	if r.WeightedLength < 250 || r.WeightedLength > 280 || len(ExtractURLs(mixedPost)) != 2 {
		t.Fatalf("benchmark text: %+v, %d URLs", r, len(ExtractURLs(mixedPost)))
	}
}

// BenchmarkParse measures the work done on every keystroke in the composer.
func BenchmarkParse(b *testing.B) {
	Parse(mixedPost) // build the lookup tables outside the timing
	b.ReportAllocs()
	for b.Loop() {
		Parse(mixedPost)
	}
}

func BenchmarkExtractURLs(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ExtractURLs(mixedPost)
	}
}
