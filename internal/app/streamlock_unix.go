//go:build unix

package app

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// lockStream takes the lock of an app's push connection, a file only one
// process may hold (flock): X allows an app two connections, and hark
// holds one across every hark process of the user. unlock lets it go; a
// process that dies lets it go too. errStreamHeld says another holds it.
func lockStream(path string) (unlock func(), err error) {
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
			return nil, errStreamHeld
		}
		return nil, err
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
