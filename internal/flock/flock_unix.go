//go:build unix

package flock

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// TryLock takes the lock file at path, which only one process may hold
// (flock), making it (0600, in a 0700 folder) when it is not there.
// unlock lets it go; a process that dies lets it go too. ErrHeld says
// another holds it.
func TryLock(path string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrHeld
		}
		return nil, err
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
