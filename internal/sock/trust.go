package sock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
)

// pretendUID is, plus one, the user a test has this process take itself
// for; 0 for none.
var pretendUID atomic.Int64

// UntrustedError refuses a socket, or its folder, that is not the
// user's alone: another user could read the command lines sent there,
// or answer them.
type UntrustedError struct {
	Path string
	Why  string
}

func (e *UntrustedError) Error() string {
	return fmt.Sprintf("not using %s: %s (remove it, or set XDG_RUNTIME_DIR to a folder of yours)", e.Path, e.Why)
}

// Trust checks a socket before anything is sent to it: its folder is a
// real folder (not a link), the user's, with no access for anyone else;
// the socket is a socket, the user's, with no access for anyone else.
// A socket that does not exist is fs.ErrNotExist.
func Trust(path string) error {
	if err := trustDir(filepath.Dir(path)); err != nil {
		return err
	}
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	switch {
	case fi.Mode().Type() != fs.ModeSocket:
		return &UntrustedError{Path: path, Why: "it is not a socket"}
	case !ours(fi):
		return &UntrustedError{Path: path, Why: "another user owns it"}
	case fi.Mode().Perm()&0o022 != 0: // connecting takes write permission
		return &UntrustedError{Path: path, Why: fmt.Sprintf("others may use it (mode %v)", fi.Mode().Perm())}
	}
	return nil
}

// trustDir checks the socket's folder as Trust does.
func trustDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return &UntrustedError{Path: dir, Why: "the folder is a link"}
	case !fi.IsDir():
		return &UntrustedError{Path: dir, Why: "it is not a folder"}
	case !ours(fi):
		return &UntrustedError{Path: dir, Why: "another user owns the folder"}
	case fi.Mode().Perm()&0o077 != 0:
		return &UntrustedError{Path: dir, Why: fmt.Sprintf("others may use the folder (mode %v)", fi.Mode().Perm())}
	}
	return nil
}

// privateDir makes the socket's folder, or takes the one there if it is
// the user's own (its mode made 0700); another's, or a link, is refused.
func privateDir(dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if fi.IsDir() && fi.Mode()&fs.ModeSymlink == 0 && ours(fi) && fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return err
		}
	}
	return trustDir(dir)
}
