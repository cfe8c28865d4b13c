package text

import (
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse and ExtractURLs never panic and that their
// ranges stay inside the text.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", " ", "Hi http://test.co", "故人西辞黄鹤楼", "👨\u200d👩\u200d👧\u200d👦", "1⃣",
		"ABC\u202A\uFFFFABC\uFFFE", "e\u0301\u0958", "http://xn--ls8h.XN--ls8h.la/",
		"http://t.co/abc?x=1 (http://a.b.cd/x_(y)z)", "\xff\xfe\xe6", "a.com.b.co.uk:80/p?q#f",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		length := stringLen16(s)
		for _, c := range []Config{V3(), V2()} {
			r := c.Parse(s)
			if r.ValidRangeEnd > r.DisplayRangeEnd {
				t.Fatalf("ValidRangeEnd %d > DisplayRangeEnd %d for %q", r.ValidRangeEnd, r.DisplayRangeEnd, s)
			}
			if r.DisplayRangeEnd != max(length-1, 0) || r.WeightedLength < 0 {
				t.Fatalf("bad result %+v for %q (length %d)", r, s, length)
			}
			if r.Valid && r.WeightedLength > c.MaxWeightedTweetLength {
				t.Fatalf("valid past the limit: %+v", r)
			}
		}
		prev := 0
		for _, u := range ExtractURLs(s) {
			if u.Start < prev || u.End <= u.Start || u.End > length || !utf8.ValidString(u.Text) && utf8.ValidString(s) {
				t.Fatalf("bad URL %+v in %q (length %d)", u, s, length)
			}
			prev = u.End
		}
	})
}
