package twitter

import (
	"net/http"
	"sync"
	"time"
)

// serverClock keeps how far the local clock is from X's, from the Date
// header of X's last answer: OAuth 1.0a signatures carry a timestamp,
// and X refuses one far from its own time.
type serverClock struct {
	mu   sync.Mutex
	skew time.Duration
	seen bool
}

// record notes an answer's Date against the local time it came.
func (c *serverClock) record(h http.Header, local time.Time) {
	t, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.skew, c.seen = local.Sub(t), true
}

// ClockSkew is how far ahead of X's clock the local one is (behind when
// negative), to the second X's Date header has; false before X answered.
func (c *Client) ClockSkew() (time.Duration, bool) {
	c.clock.mu.Lock()
	defer c.clock.mu.Unlock()
	return c.clock.skew.Truncate(time.Second), c.clock.seen
}
