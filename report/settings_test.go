package report

import (
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
)

// TestServiceSettings: [service] is read as config.toml says it, and
// refused where it is written: the zone and the target by config, the
// hours and what waits by SettingsOf.
func TestServiceSettings(t *testing.T) {
	c, err := loadService(t, "[service]\ntarget = \"2h\"\nhours = \"mon-fri 09:00-17:30\"\ntimezone = \"Europe/London\"\nwaits_for = \"questions\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Target != 2*time.Hour || c.Hours.Loc.String() != "Europe/London" || c.WaitsFor != "questions" {
		t.Errorf("service: %+v", c)
	}
	for body, want := range map[string]string{
		"[service]\ntimezone = \"Mars/Olympus\"\n": ":2: [service] timezone \"Mars/Olympus\"",
		"[service]\n\nhours = \"mon-fry 9\"\n":     ":3: [service] hours",
		"[service]\ntarget = \"-1h\"\n":            ":2: [service] target -1h0m0s",
		"[service]\nwaits_for = \"some\"\n":        ":2: [service] waits_for \"some\"",
	} {
		if _, err := loadService(t, body); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
	}
}

// loadService reads body as config.toml, and the settings of its [service], as hark does.
func loadService(t *testing.T, body string) (Settings, error) {
	t.Helper()
	c, err := config.Parse("config.toml", []byte(body), func(string) string { return "" })
	if err != nil {
		return Settings{}, err
	}
	return SettingsOf(c.Service)
}
