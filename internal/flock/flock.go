// Package flock keeps a thing to one process of the user at a time: a
// lock file only one process holds, let go when it ends, however it ends.
package flock

import (
	"context"
	"errors"
	"time"
)

// ErrHeld is another process holding the lock.
var ErrHeld = errors.New("another process holds the lock")

// retry is how often Lock tries again while another holds the lock.
const retry = 25 * time.Millisecond

// Lock takes the lock at path, waiting while another process holds it,
// until ctx ends.
func Lock(ctx context.Context, path string) (unlock func(), err error) {
	for {
		unlock, err := TryLock(path)
		if !errors.Is(err, ErrHeld) {
			return unlock, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(retry):
		}
	}
}
