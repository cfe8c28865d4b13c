package config

import (
	"fmt"
	"time"
)

// DefaultContextDepth is how many levels up a thread hark reads the posts
// a mention answers that X did not send with it.
const DefaultContextDepth = 5

// DefaultPeopleRefresh is how long a person is kept before being read
// from X again.
const DefaultPeopleRefresh = 7 * 24 * time.Hour

// days reads a setting of whole days, 1 to 365: def when left out.
func days(v *int, def time.Duration, path string, raw []byte, key string) (time.Duration, error) {
	switch {
	case v == nil:
		return def, nil
	case *v < 1 || *v > 365:
		return 0, fmt.Errorf("%s%s: %s %d: use 1 to 365", path, lineOf(raw, key), key, *v)
	}
	return time.Duration(*v) * 24 * time.Hour, nil
}

// DefaultOwnBackfill is how far back the first read of the shop's own
// posts goes: a month of replies made from X's app.
const DefaultOwnBackfill = 30 * 24 * time.Hour

// readingSettings reads what hark reads besides the searches: how far
// back the shop's own posts go, how long a person is kept, how far up a
// thread the posts a mention answers are read.
func readingSettings(c *Config, f file, path string, raw []byte) error {
	var err error
	if c.PeopleRefresh, err = days(f.PeopleDays, DefaultPeopleRefresh, path, raw, "people_refresh_days"); err != nil {
		return err
	}
	if c.OwnBackfill, err = days(f.OwnBackfill, DefaultOwnBackfill, path, raw, "own_backfill_days"); err != nil {
		return err
	}
	switch d := f.Depth; {
	case d == nil:
		c.ContextDepth = DefaultContextDepth
	case *d < 0 || *d > 20:
		return fmt.Errorf("%s%s: context_depth %d: use 0 (none) to 20", path, lineOf(raw, "context_depth"), *d)
	default:
		c.ContextDepth = *d
	}
	return nil
}
