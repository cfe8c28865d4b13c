package config

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Live is [live]: what X's activity stream pushes, in seconds, instead
// of waiting for a poll, and how often the pushed sources are still
// polled as the net under it.
type Live struct {
	// DMs, Mentions and OwnPosts say which sources are pushed. A pushed
	// mention costs $0.005 where a polled one costs $0.001 (an owned
	// read): mentions are opt-in. DMs cost what a polled DM costs, and are
	// never billed again the way re-reading X's DM pages is; own posts
	// bring the replies typed in X's app in seconds. DMs and own posts
	// are on when the table leaves them out and the account has signed
	// in for live (hark login --live).
	DMs, Mentions, OwnPosts bool
	// SafetyPoll is how often a pushed source is polled while the push
	// is healthy (safety_poll, 5 minutes to 24 hours).
	SafetyPoll time.Duration
}

// On reports whether anything is pushed.
func (l Live) On() bool { return l.DMs || l.Mentions || l.OwnPosts }

// DefaultSafetyPoll is [live] safety_poll's default.
const DefaultSafetyPoll = 15 * time.Minute

// liveFile is the [live] table.
type liveFile struct {
	DMs        *bool     `toml:"dms"`
	Mentions   *bool     `toml:"mentions"`
	OwnPosts   *bool     `toml:"own_posts"`
	SafetyPoll *duration `toml:"safety_poll"`
}

// LiveTokensPath is where an account's live sign-in (hark login --live)
// is kept: beside the config file, readable by its owner alone; name is
// the account's ("" for the unnamed one).
func LiveTokensPath(configPath, name string) string {
	file := "live.json"
	if name != "" {
		file = "live-" + name + ".json"
	}
	return filepath.Join(filepath.Dir(configPath), file)
}

// SessionPath is where a network's session for an account is kept (a
// Bluesky account's tokens): beside the config file, readable by its
// owner alone; name is the account's.
func SessionPath(configPath, network, name string) string {
	return filepath.Join(filepath.Dir(configPath), network+"-"+name+".json")
}

// resolveLive reads [live]. What the table leaves out is pushed when it
// costs no more than polling (DMs) or brings what polling is slow to
// (replies typed in X's app), once the first account has signed in for
// live; mentions only when asked.
func resolveLive(c *Config, f file, path string, raw []byte) error {
	signedIn := false
	if len(c.Accounts) > 0 {
		_, err := os.Stat(LiveTokensPath(path, c.Accounts[0].Name))
		signedIn = err == nil
	}
	flag := func(b *bool, def bool) bool {
		if b == nil {
			return def
		}
		return *b
	}
	c.Live = Live{DMs: flag(f.Live.DMs, signedIn), Mentions: flag(f.Live.Mentions, false), OwnPosts: flag(f.Live.OwnPosts, signedIn), SafetyPoll: DefaultSafetyPoll}
	if d := f.Live.SafetyPoll; d != nil {
		if d.Duration < 5*time.Minute || d.Duration > 24*time.Hour {
			return fmt.Errorf("%s: [live] safety_poll %v: use 5m to 24h", at(path, raw, "live", "safety_poll"), d.Duration)
		}
		c.Live.SafetyPoll = d.Duration
	}
	return nil
}
