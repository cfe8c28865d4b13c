//go:build !linux

package sock

import (
	"io/fs"
	"net"
)

// sameUser trusts the socket's 0600 mode where the peer's id is not told.
func sameUser(net.Conn) bool { return true }

// ours trusts the folder's mode where the owner is not told here.
func ours(fs.FileInfo) bool { return true }
