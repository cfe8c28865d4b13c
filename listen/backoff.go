package listen

import "time"

// The bounds of the backoff after failures.
const (
	backoffBase = 2 * time.Second
	backoffMax  = 5 * time.Minute
)

// backoff doubles the pause after each failure in a row, up to
// backoffMax, and picks a random point in its upper half ("equal jitter")
// so that many clients do not retry in step.
type backoff struct {
	failures int
	rand     func() float64
}

func (b *backoff) next() time.Duration {
	b.failures++
	d := backoffMax
	if b.failures < 20 {
		d = min(backoffBase<<(b.failures-1), backoffMax)
	}
	return d/2 + time.Duration(b.rand()*float64(d/2))
}

func (b *backoff) reset() { b.failures = 0 }
