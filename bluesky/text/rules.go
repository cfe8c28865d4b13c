// Package text is Bluesky's counting rule and rich text as hark needs
// them: a post is at most 300 graphemes (and 3,000 bytes), a chat message
// 1,000 graphemes (and 10,000 bytes), as the Lexicons app.bsky.feed.post
// and chat.bsky.convo.defs#messageInput say; links and mentions are
// facets over UTF-8 byte offsets (app.bsky.richtext.facet). Graphemes are
// Unicode's extended grapheme clusters (UAX #29), as Bluesky's app counts
// them, by rivo/uniseg.
package text

import (
	"strings"

	"github.com/rivo/uniseg"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Name is Bluesky's name in hark's records.
const Name = "bluesky"

// The Lexicons' limits.
const (
	MaxGraphemes   = 300
	MaxBytes       = 3000
	MaxDMGraphemes = 1000
	MaxDMBytes     = 10_000
)

// Rules are Bluesky's, as the network contract asks them.
type Rules struct{}

// Bluesky's rules are known to hark by importing this package.
func init() { network.Register(Name, Rules{}) }

// Count implements network.Rules: graphemes against 300, bytes against
// 3,000.
func (Rules) Count(s string) network.Count { return countUpTo(s, MaxGraphemes, MaxBytes) }

// CountDM implements network.Rules: graphemes against 1,000, bytes
// against 10,000.
func (Rules) CountDM(s string) network.Count { return countUpTo(s, MaxDMGraphemes, MaxDMBytes) }

// countUpTo counts s's graphemes against limit; ValidEnd is where the
// part within both limits ends. A text of white space alone is not a
// post.
func countUpTo(s string, limit, maxBytes int) network.Count {
	n, end := 0, len(s)
	state := -1
	for rest, at := s, 0; len(rest) > 0; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if n == limit || at+len(cluster) > maxBytes {
			if end == len(s) {
				end = at
			}
		}
		at += len(cluster)
		n++
	}
	valid := strings.TrimSpace(s) != "" && n <= limit && len(s) <= maxBytes
	return network.Count{Length: n, Limit: limit, Valid: valid, ValidEnd: end}
}

// Title implements network.Rules.
func (Rules) Title() string { return "Bluesky" }

// Mark implements network.Rules: the network's short mark.
func (Rules) Mark() string { return "bsky" }

// PostURL implements network.Rules: the app's page of the post, from its
// AT URI (at://DID/app.bsky.feed.post/RKEY); none for a DM.
func (Rules) PostURL(p model.Post) (string, bool) {
	if p.On == nil || p.Kind.IsDM() {
		return "", false
	}
	did, rkey, ok := PostParts(p.On.Ref)
	if !ok {
		return "", false
	}
	return "https://bsky.app/profile/" + did + "/post/" + rkey, true
}

// PostParts are a post's AT URI's repository (a DID) and record key.
func PostParts(uri string) (did, rkey string, ok bool) {
	rest, found := strings.CutPrefix(uri, "at://")
	if !found {
		return "", "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[1] != "app.bsky.feed.post" || parts[0] == "" || parts[2] == "" {
		return "", "", false
	}
	return parts[0], parts[2], true
}

// ProfileURL implements network.Rules.
func (Rules) ProfileURL(u model.User) string { return "https://bsky.app/profile/" + u.Username }

// Answerable implements network.Rules: any post but a DM (Bluesky's
// reply controls are checked by the network when the reply is made).
func (Rules) Answerable(p model.Post, _ model.User) bool { return !p.Kind.IsDM() }
