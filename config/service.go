package config

import (
	"fmt"
	"time"
)

// serviceFile is the [service] table: what the service report measures
// against.
type serviceFile struct {
	Target   *duration `toml:"target"`
	Hours    string    `toml:"hours"`
	Timezone string    `toml:"timezone"`
	WaitsFor string    `toml:"waits_for"`
}

// Service is [service] as written, checked here for what needs nothing
// but config (the target's range, the zone); the report reads its hours
// and what waits (report.SettingsOf), refusing them where written.
type Service struct {
	// Target is the first-response target; 0 when absent (the report's
	// default).
	Target time.Duration
	// Hours are the business hours as written, in Loc (the local zone
	// when no timezone is set); "" for every hour.
	Hours string
	Loc   *time.Location
	// WaitsFor is which posts wait for an answer, as written.
	WaitsFor string
	// HoursAt and WaitsForAt are where those are written (FILE:LINE).
	HoursAt, WaitsForAt string
}

// resolveService reads [service] into c.
func resolveService(c *Config, f file, path string, raw []byte) error {
	c.Service = Service{Hours: f.Service.Hours, WaitsFor: f.Service.WaitsFor, Loc: time.Local,
		HoursAt: at(path, raw, "service", "hours"), WaitsForAt: at(path, raw, "service", "waits_for")}
	if t := f.Service.Target; t != nil {
		if t.Duration <= 0 || t.Duration > 30*24*time.Hour {
			return fmt.Errorf("%s: [service] target %v: use a duration from 1m to 720h", at(path, raw, "service", "target"), t.Duration)
		}
		c.Service.Target = t.Duration
	}
	if z := f.Service.Timezone; z != "" {
		loc, err := time.LoadLocation(z)
		if err != nil {
			return fmt.Errorf("%s: [service] timezone %q: not a time zone (like \"Europe/London\")", at(path, raw, "service", "timezone"), z)
		}
		c.Service.Loc = loc
	}
	return nil
}
