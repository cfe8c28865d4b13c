package config

import (
	"fmt"
	"time"

	"github.com/harkhq/hark/report"
)

// serviceFile is the [service] table: what the service report measures
// against.
type serviceFile struct {
	Target   *duration `toml:"target"`
	Hours    string    `toml:"hours"`
	Timezone string    `toml:"timezone"`
	WaitsFor string    `toml:"waits_for"`
}

// resolveService reads [service] into c: the first-response target
// (report.DefaultTarget when absent), the business hours and their zone
// (every hour, in the local zone, when absent).
func resolveService(c *Config, f file, path string, raw []byte) error {
	c.Service = report.Settings{Target: report.DefaultTarget}
	if t := f.Service.Target; t != nil {
		if t.Duration <= 0 || t.Duration > 30*24*time.Hour {
			return fmt.Errorf("%s: [service] target %v: use a duration from 1m to 720h", at(path, raw, "service", "target"), t.Duration)
		}
		c.Service.Target = t.Duration
	}
	loc := time.Local
	if z := f.Service.Timezone; z != "" {
		var err error
		if loc, err = time.LoadLocation(z); err != nil {
			return fmt.Errorf("%s: [service] timezone %q: not a time zone (like \"Europe/London\")", at(path, raw, "service", "timezone"), z)
		}
	}
	hours, err := report.ParseHours(f.Service.Hours, loc)
	if err != nil {
		return fmt.Errorf("%s: [service] hours: %v", at(path, raw, "service", "hours"), err)
	}
	c.Service.Hours = hours
	switch w := f.Service.WaitsFor; w {
	case "", report.WaitsForAll, report.WaitsForQuestions:
		c.Service.WaitsFor = w
	default:
		return fmt.Errorf("%s: [service] waits_for %q: use \"all\" (every post to the shop waits) or \"questions\" (only those the hints read as needing an answer)", at(path, raw, "service", "waits_for"), w)
	}
	return nil
}
