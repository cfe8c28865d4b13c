package when

import (
	"testing"
	"time"
)

func TestShortDurations(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "—", 45 * time.Second: "45s", 12 * time.Minute: "12m", time.Hour: "1h",
		3*time.Hour + 5*time.Minute: "3h5m", 48 * time.Hour: "2d", 50 * time.Hour: "2d2h"} {
		if got := Short(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
