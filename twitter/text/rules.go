package text

import "github.com/harkhq/hark/network"

// Rules are X's counting rule as the network contract asks it:
// twitter-text v3, the limit MaxWeightedLength.
type Rules struct{}

// Count implements network.Rules.
func (Rules) Count(s string) network.Count {
	r := Parse(s)
	end := len(s)
	if !r.Valid && r.WeightedLength > MaxWeightedLength {
		end = ByteOffset(s, r.ValidRangeEnd+1)
	}
	return network.Count{Length: r.WeightedLength, Limit: MaxWeightedLength, Valid: r.Valid, ValidEnd: end}
}

// Links implements network.Rules: twitter-text's URLs, as byte spans.
func (Rules) Links(s string) [][2]int {
	urls := ExtractURLs(s)
	out := make([][2]int, len(urls))
	for i, u := range urls {
		out[i] = [2]int{ByteOffset(s, u.Start), ByteOffset(s, u.End)}
	}
	return out
}
