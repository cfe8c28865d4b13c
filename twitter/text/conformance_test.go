package text

import (
	"testing"
)

// parseExpectation is the expected result of parseTweet in validate.yml.
type parseExpectation struct {
	WeightedLength    int  `yaml:"weightedLength"`
	Valid             bool `yaml:"valid"`
	Permillage        int  `yaml:"permillage"`
	DisplayRangeStart int  `yaml:"displayRangeStart"`
	DisplayRangeEnd   int  `yaml:"displayRangeEnd"`
	ValidRangeStart   int  `yaml:"validRangeStart"`
	ValidRangeEnd     int  `yaml:"validRangeEnd"`
}

func (e parseExpectation) result() Result {
	return Result{
		WeightedLength:    e.WeightedLength,
		Valid:             e.Valid,
		Permillage:        e.Permillage,
		DisplayRangeStart: e.DisplayRangeStart,
		DisplayRangeEnd:   e.DisplayRangeEnd,
		ValidRangeStart:   e.ValidRangeStart,
		ValidRangeEnd:     e.ValidRangeEnd,
	}
}

// TestValidateConformance runs every parseTweet case of twitter-text's
// validate.yml: the two v3 groups with V3, the v2 group with V2.
func TestValidateConformance(t *testing.T) {
	configs := map[string]Config{
		"WeightedTweetsWithDiscountedEmojiCounterTest": V3(),
		"UnicodeDirectionalMarkerCounterTest":          V3(),
		"WeightedTweetsCounterTest":                    V2(),
	}
	names := make([]string, 0, len(configs))
	for name := range configs {
		names = append(names, name)
	}
	groups := readGroups(t, "validate.yml", names...)
	for group, cases := range groups {
		config := configs[group]
		t.Run(group, func(t *testing.T) {
			for _, c := range cases {
				var want parseExpectation
				if err := c.Expected.Decode(&want); err != nil {
					t.Fatalf("%s: %v", c.Description, err)
				}
				if got := config.Parse(c.Text); got != want.result() {
					t.Errorf("%s\n text %q\n got  %+v\n want %+v", c.Description, c.Text, got, want.result())
				}
			}
		})
	}
}

// TestV3MatchesReferenceConfig checks V3 against twitter-text's v3.json.
func TestV3MatchesReferenceConfig(t *testing.T) {
	ref, err := ParseConfig(readRefdata(t, "v3.json"))
	if err != nil {
		t.Fatal(err)
	}
	got := V3()
	if got.Version != ref.Version || got.MaxWeightedTweetLength != ref.MaxWeightedTweetLength ||
		got.Scale != ref.Scale || got.DefaultWeight != ref.DefaultWeight ||
		got.TransformedURLLength != ref.TransformedURLLength || got.EmojiParsingEnabled != ref.EmojiParsingEnabled {
		t.Errorf("V3() = %+v, v3.json = %+v", got, ref)
	}
	if len(got.Ranges) != len(ref.Ranges) {
		t.Fatalf("V3() has %d ranges, v3.json %d", len(got.Ranges), len(ref.Ranges))
	}
	for i := range ref.Ranges {
		if got.Ranges[i] != ref.Ranges[i] {
			t.Errorf("range %d: V3() %+v, v3.json %+v", i, got.Ranges[i], ref.Ranges[i])
		}
	}
}
