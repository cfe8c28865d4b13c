package search

import (
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"

	// The tests read links as X does, and know Bluesky's name: the
	// adapters register their rules (in hark, the composition's import
	// of them does; see network.Register).
	_ "github.com/harkhq/hark/bluesky/text"
	_ "github.com/harkhq/hark/twitter/text"
)

// TestNetworkFieldFindsEachNetworksPosts: network:x finds X's posts
// (which name no network), network:bluesky Bluesky's; an unknown network
// is refused, naming those hark knows.
func TestNetworkFieldFindsEachNetworksPosts(t *testing.T) {
	onX := Doc{Post: model.Post{ID: 1, Text: "hello"}}
	onSky := Doc{Post: model.Post{ID: 2, Text: "hello", On: &model.Elsewhere{Network: "bluesky", Ref: "at://did:plc:a/app.bsky.feed.post/1"}}}
	for _, c := range []struct {
		query  string
		x, sky bool
	}{
		{"network:x", true, false},
		{"network:bluesky", false, true},
		{"network:Bluesky hello", false, true},
		{"hello -network:x", false, true},
	} {
		q, err := Parse(c.query)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if got := Match(q, onX, time.Now()); got != c.x {
			t.Errorf("%s on X's post: %v", c.query, got)
		}
		if got := Match(q, onSky, time.Now()); got != c.sky {
			t.Errorf("%s on Bluesky's post: %v", c.query, got)
		}
	}
	if _, err := Parse("network:mastodon"); err == nil || !strings.Contains(err.Error(), "bluesky, x") {
		t.Errorf("an unknown network: %v", err)
	}
}
