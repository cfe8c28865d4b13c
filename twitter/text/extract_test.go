package text

import (
	"slices"
	"testing"
)

// urlWithIndices is an expected URL in extract.yml.
type urlWithIndices struct {
	URL     string `yaml:"url"`
	Indices [2]int `yaml:"indices"`
}

// TestExtractConformance runs twitter-text's URL extraction cases.
func TestExtractConformance(t *testing.T) {
	groups := readGroups(t, "extract.yml", "urls", "tco_urls_with_params", "urls_with_indices", "urls_with_directional_markers")
	for _, group := range []string{"urls", "tco_urls_with_params"} {
		t.Run(group, func(t *testing.T) { checkURLTexts(t, groups[group]) })
	}
	for _, group := range []string{"urls_with_indices", "urls_with_directional_markers"} {
		t.Run(group, func(t *testing.T) {
			for _, c := range groups[group] {
				var want []urlWithIndices
				if err := c.Expected.Decode(&want); err != nil {
					t.Fatalf("%s: %v", c.Description, err)
				}
				var got []urlWithIndices
				for _, u := range ExtractURLs(c.Text) {
					got = append(got, urlWithIndices{URL: u.Text, Indices: [2]int{u.Start, u.End}})
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s\n text %q\n got  %+v\n want %+v", c.Description, c.Text, got, want)
				}
			}
		})
	}
}

// TestTLDConformance runs the URL case of every TLD in tlds.yml, and so
// also checks that the generated TLD lists are complete.
func TestTLDConformance(t *testing.T) {
	groups := readGroups(t, "tlds.yml", "country", "generic")
	for name, cases := range groups {
		t.Run(name, func(t *testing.T) { checkURLTexts(t, cases) })
	}
	if n := len(groups["country"]) + len(groups["generic"]); n != len(countryTLDs)+len(genericTLDs) {
		t.Errorf("tlds.yml has %d TLDs, tlds_gen.go %d: run go generate ./twitter/text", n, len(countryTLDs)+len(genericTLDs))
	}
}

// checkURLTexts runs cases whose expectation is the list of URL texts.
func checkURLTexts(t *testing.T, cases []conformanceCase) {
	t.Helper()
	for _, c := range cases {
		var want []string
		if err := c.Expected.Decode(&want); err != nil {
			t.Fatalf("%s: %v", c.Description, err)
		}
		var got []string
		for _, u := range ExtractURLs(c.Text) {
			got = append(got, u.Text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s\n text %q\n got  %q\n want %q", c.Description, c.Text, got, want)
		}
	}
}
