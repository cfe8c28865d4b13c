package sock

import (
	"io/fs"
	"net"
	"os"
	"syscall"
)

// sameUser reports whether the peer runs as this process's user (the
// socket's 0600 mode says so too; this holds where a mode is ignored).
// Both ends ask: the server of its caller, the caller of its server.
func sameUser(c net.Conn) bool {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return false
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return false
	}
	same := false
	_ = raw.Control(func(fd uintptr) {
		cred, err := syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
		same = err == nil && int(cred.Uid) == uid()
	})
	return same
}

// ours reports whether this process's user owns a file.
func ours(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == uid()
}

// uid is the user this process runs as; tests pretend to be another.
func uid() int {
	if v := pretendUID.Load(); v != 0 {
		return int(v - 1)
	}
	return os.Getuid()
}
