package sock

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func echo(ctx context.Context, req Request, stdout, stderr io.Writer) Result {
	args := req.Args
	fmt.Fprintln(stdout, "out:", args, req.OutTTY)
	fmt.Fprintln(stderr, "err:", len(args))
	if len(args) > 0 && args[0] == "fail" {
		return Result{Code: 75, Err: "it failed"}
	}
	return Result{}
}

func TestCallRunsInTheServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db.sock")
	s, err := Listen(path, echo)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out, errOut bytes.Buffer
	res, err := Call(context.Background(), path, Request{Args: []string{"tag", "--", "-x"}, OutTTY: true}, &out, &errOut)
	if err != nil || res != (Result{}) || out.String() != "out: [tag -- -x] true\n" || errOut.String() != "err: 3\n" {
		t.Errorf("call: %+v %v, %q %q", res, err, out.String(), errOut.String())
	}
	res, _ = Call(context.Background(), path, Request{Args: []string{"fail"}}, io.Discard, io.Discard)
	if res != (Result{Code: 75, Err: "it failed"}) {
		t.Errorf("a failing command: %+v", res)
	}
}

// TestSocketIsTheUsersAlone: the socket is 0600 in a 0700 directory.
func TestSocketIsTheUsersAlone(t *testing.T) {
	dir := t.TempDir()
	path, err := Path(filepath.Join(dir, "hark.db"), func(k string) string {
		if k == "XDG_RUNTIME_DIR" {
			return dir
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Listen(path, echo)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: %v, %v; want %v", p, fi.Mode().Perm(), err, want)
		}
	}
}

// TestStaleSocketIsRemoved: a socket whose hark was killed answers
// nobody; Call says so and removes it, and a new server takes its place.
func TestStaleSocketIsRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close() // the file stays, as after a SIGKILL
	if _, err := os.Stat(path); err != nil {
		t.Fatal("no stale socket to test with")
	}
	if _, err := Call(context.Background(), path, Request{}, io.Discard, io.Discard); !errors.Is(err, ErrNoServer) {
		t.Errorf("a stale socket: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the stale socket was left")
	}
	if _, err := Call(context.Background(), path, Request{}, io.Discard, io.Discard); !errors.Is(err, ErrNoServer) {
		t.Errorf("no socket: %v", err)
	}
	ln, _ = net.Listen("unix", path)
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	s, err := Listen(path, echo)
	if err != nil {
		t.Fatalf("a server over a stale socket: %v", err)
	}
	s.Close()
}

// TestLeavingCancelsTheCommand: when the caller goes (ctrl+c), the
// command's context ends.
func TestLeavingCancelsTheCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db.sock")
	ended := make(chan struct{})
	s, err := Listen(path, func(ctx context.Context, _ Request, stdout, _ io.Writer) Result {
		fmt.Fprintln(stdout, "started")
		<-ctx.Done()
		close(ended)
		return Result{}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	started := writerFunc(func(p []byte) (int, error) { cancel(); return len(p), nil })
	if _, err := Call(ctx, path, Request{}, started, io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("call: %v", err)
	}
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Error("the command ran on after its caller left")
	}
}
