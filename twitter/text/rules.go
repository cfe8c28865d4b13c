package text

import (
	"fmt"
	"strings"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

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

// MaxDMLength is the most a DM holds: 10,000 characters, X's developer
// documentation says. The notes and X's OpenAPI document give no limit
// and no rule, so hark counts a DM as twitter-text weighs a post (a CJK
// character or an emoji weighs two, never less than a code point): it
// may refuse a DM X would take near the limit, never send one X refuses.
const MaxDMLength = 10_000

// dm is v3 with a DM's limit.
var dm = func() Config {
	c := V3()
	c.MaxWeightedTweetLength = MaxDMLength
	return c
}()

// CountDM implements network.Rules: twitter-text's weight, against
// MaxDMLength.
func (Rules) CountDM(s string) network.Count {
	r := dm.Parse(s)
	end := len(s)
	if !r.Valid && r.WeightedLength > MaxDMLength {
		end = ByteOffset(s, r.ValidRangeEnd+1)
	}
	return network.Count{Length: r.WeightedLength, Limit: MaxDMLength, Valid: r.Valid, ValidEnd: end}
}

// Links implements network.Rules: twitter-text's URLs, as byte spans.
// Every one has a dot (a domain's), so a text without is answered at
// once: most posts, in a reindex.
func (Rules) Links(s string) [][2]int {
	if !strings.Contains(s, ".") {
		return nil
	}
	urls := ExtractURLs(s)
	out := make([][2]int, len(urls))
	for i, u := range urls {
		out[i] = [2]int{ByteOffset(s, u.Start), ByteOffset(s, u.End)}
	}
	return out
}

// X's rules are registered as the network X's: the core reads them by
// the name its records carry (see network.Register).
func init() { network.Register(network.X, Rules{}) }

// Title implements network.Rules.
func (Rules) Title() string { return "X" }

// Mark implements network.Rules: the network's short mark.
func (Rules) Mark() string { return "X" }

// PostURL implements network.Rules: X's address of a post, which opens
// it whoever wrote it; a DM has none.
func (Rules) PostURL(p model.Post) (string, bool) {
	if p.ID == 0 || p.Kind.IsDM() {
		return "", false
	}
	return fmt.Sprintf("https://x.com/i/web/status/%d", p.ID), true
}

// ProfileURL implements network.Rules.
func (Rules) ProfileURL(u model.User) string { return "https://x.com/" + u.Username }

// Answerable implements network.Rules: X takes a public reply, since
// February 2026, only to a post whose author @mentioned the account (or
// to the account's own posts); a DM has no public post to answer.
func (Rules) Answerable(p model.Post, account model.User) bool {
	if p.Kind.IsDM() {
		return false
	}
	if p.AuthorID == account.ID {
		return true
	}
	handle := "@" + strings.ToLower(account.Username)
	lower := strings.ToLower(p.Text)
	for i := strings.Index(lower, handle); i >= 0; {
		end := i + len(handle)
		if end == len(lower) || !isHandleByte(lower[end]) {
			return true
		}
		next := strings.Index(lower[end:], handle)
		if next < 0 {
			break
		}
		i = end + next
	}
	return false
}

func isHandleByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}
