package text

import (
	"encoding/json"
	"fmt"
	"slices"
)

// WeightRange gives the code points Start through End (inclusive) a weight.
type WeightRange struct {
	Start  int `json:"start"`
	End    int `json:"end"`
	Weight int `json:"weight"`
}

// Config is a twitter-text counting configuration, with the field names of
// twitter-text's JSON files (v2.json, v3.json).
type Config struct {
	Version                int           `json:"version"`
	MaxWeightedTweetLength int           `json:"maxWeightedTweetLength"`
	Scale                  int           `json:"scale"`
	DefaultWeight          int           `json:"defaultWeight"`
	TransformedURLLength   int           `json:"transformedURLLength"`
	EmojiParsingEnabled    bool          `json:"emojiParsingEnabled"`
	Ranges                 []WeightRange `json:"ranges"`
}

// MaxWeightedLength is X's limit of a post in weighted characters
// (v3's): the one place the outbox, the composer and the counter read it.
const MaxWeightedLength = 280

// v3 is the configuration X uses today; never modified.
var v3 = Config{
	Version:                3,
	MaxWeightedTweetLength: MaxWeightedLength,
	Scale:                  100,
	DefaultWeight:          200,
	TransformedURLLength:   23,
	EmojiParsingEnabled:    true,
	Ranges: []WeightRange{
		{Start: 0x0000, End: 0x10FF, Weight: 100},
		{Start: 0x2000, End: 0x200D, Weight: 100},
		{Start: 0x2010, End: 0x201F, Weight: 100},
		{Start: 0x2032, End: 0x2037, Weight: 100},
	},
}

// V3 returns twitter-text's v3 configuration: 280 weighted characters,
// emoji sequences weigh 2. Parse uses it.
func V3() Config {
	c := v3
	c.Ranges = slices.Clone(v3.Ranges)
	return c
}

// V2 returns twitter-text's v2 configuration: the weights of v3 without
// emoji parsing, so each code point of an emoji sequence counts on its own.
func V2() Config {
	c := V3()
	c.Version = 2
	c.EmojiParsingEnabled = false
	return c
}

// ParseConfig reads a configuration in twitter-text's JSON form.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return Config{}, fmt.Errorf("twitter-text config: %w", err)
	}
	if c.Scale <= 0 || c.MaxWeightedTweetLength <= 0 {
		return Config{}, fmt.Errorf("twitter-text config: scale and maxWeightedTweetLength must be positive")
	}
	return c, nil
}

// weight returns the scaled weight of one UTF-16 code unit.
func (c *Config) weight(unit uint16) int {
	for _, r := range c.Ranges {
		if int(unit) >= r.Start && int(unit) <= r.End {
			return r.Weight
		}
	}
	return c.DefaultWeight
}
