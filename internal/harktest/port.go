package harktest

import (
	"net"
	"testing"
)

// FreePort is a loopback port no one listened on a moment ago (a
// sign-in's callback, which must be known before it listens).
func FreePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
