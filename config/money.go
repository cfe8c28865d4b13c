package config

import (
	"fmt"
	"math"
	"time"

	"github.com/harkhq/hark/spend"
)

// pricesFile is the [prices] table: dollars per resource, each optional
// (X changes them), and whether the account owns the developer app.
type pricesFile struct {
	AppOwner          *bool    `toml:"app_owner"`
	OwnedRead         *float64 `toml:"owned_read"`
	PostRead          *float64 `toml:"post_read"`
	UserRead          *float64 `toml:"user_read"`
	DMRead            *float64 `toml:"dm_read"`
	SummonedReply     *float64 `toml:"summoned_reply"`
	OtherPost         *float64 `toml:"other_post"`
	OtherPostWithLink *float64 `toml:"other_post_with_link"`
	DMSent            *float64 `toml:"dm_sent"`
	Delete            *float64 `toml:"delete"`
	PushedPost        *float64 `toml:"pushed_post"`
	PushedDM          *float64 `toml:"pushed_dm"`
}

// budgetFile is the [budget] table.
type budgetFile struct {
	Month *float64 `toml:"month"`
}

// dmsFile is the [dms] table.
type dmsFile struct {
	PollInterval *duration `toml:"poll_interval"`
}

// DefaultDMInterval is how often DMs are read: GET /2/dm_events has no
// since_id, so each read bills its first page again (once a UTC day per
// event), and X allows 15 reads in 15 minutes.
const DefaultDMInterval = 5 * time.Minute

// minDMInterval keeps DM reads inside X's 15 per 15 minutes.
const minDMInterval = time.Minute

// maxPrice bounds a price: a dollar figure past it is a typo.
const maxPrice = 10.0

// resolveMoney reads [prices], [budget] and [dms] into c, refusing a bad
// value on its line: the prices [prices] sets (the network's own table
// gives the others), the budget and the DM interval with their defaults.
func resolveMoney(c *Config, f file, path string, raw []byte) error {
	c.Prices = spend.Prices{Per: map[spend.Kind]spend.Micros{}}
	for _, p := range []struct {
		key   string
		value *float64
		kind  spend.Kind
	}{
		{"owned_read", f.Prices.OwnedRead, spend.OwnedRead},
		{"post_read", f.Prices.PostRead, spend.PostRead},
		{"user_read", f.Prices.UserRead, spend.UserRead},
		{"dm_read", f.Prices.DMRead, spend.DMRead},
		{"summoned_reply", f.Prices.SummonedReply, spend.SummonedReply},
		{"other_post", f.Prices.OtherPost, spend.OtherPost},
		{"other_post_with_link", f.Prices.OtherPostWithLink, spend.OtherPostWithLink},
		{"dm_sent", f.Prices.DMSent, spend.DMSent},
		{"delete", f.Prices.Delete, spend.Delete},
		{"pushed_post", f.Prices.PushedPost, spend.PushedPost},
		{"pushed_dm", f.Prices.PushedDM, spend.PushedDM},
	} {
		if p.value == nil {
			continue
		}
		if v := *p.value; v < 0 || v > maxPrice || math.IsNaN(v) {
			return fmt.Errorf("%s: [prices] %s = %v: a price in dollars per resource, 0 to %v", at(path, raw, "prices", p.key), p.key, v, maxPrice)
		}
		c.Prices.Per[p.kind] = spend.Dollars(*p.value)
	}
	c.NotAppOwner = f.Prices.AppOwner != nil && !*f.Prices.AppOwner
	if m := f.Budget.Month; m != nil {
		if *m < 0 || *m > 1e6 || math.IsNaN(*m) {
			return fmt.Errorf("%s: [budget] month = %v: dollars a month, 0 (none) to 1000000", at(path, raw, "budget", "month"), *m)
		}
		c.Budget = spend.Budget(spend.Dollars(*m))
	}
	c.DMInterval = DefaultDMInterval
	if d := f.DMs.PollInterval; d != nil {
		if d.Duration != 0 && (d.Duration < minDMInterval || d.Duration > 24*time.Hour) {
			return fmt.Errorf("%s: [dms] poll_interval %v: use \"0\" (no DM reading) or %v to 24h", at(path, raw, "dms", "poll_interval"), d.Duration, minDMInterval)
		}
		c.DMInterval = d.Duration
	}
	return nil
}
