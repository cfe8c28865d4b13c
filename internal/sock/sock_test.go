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
	"strings"
	"sync/atomic"
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

// privateTemp is a folder of the test's, 0700 as hark makes its own.
func privateTemp(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCallRunsInTheServer(t *testing.T) {
	path := filepath.Join(privateTemp(t), "hark.db.sock")
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
	path := filepath.Join(privateTemp(t), "hark.db.sock")
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
	path := filepath.Join(privateTemp(t), "hark.db.sock")
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

// counting is a server's runner that counts the commands it ran.
func counting(n *atomic.Int32) Runner {
	return func(ctx context.Context, req Request, stdout, stderr io.Writer) Result {
		n.Add(1)
		return echo(ctx, req, stdout, stderr)
	}
}

// pretend makes this process take itself for another user until the
// returned function is called.
func pretend(id int) (restore func()) {
	pretendUID.Store(int64(id) + 1)
	return func() { pretendUID.Store(0) }
}

// TestCallTrustsOnlyTheUsersOwnSocket: a socket or folder another user
// owns, a folder that is a link, one others may enter, and a socket
// served by another user's process are refused with a line naming the
// path, and no command reaches them.
func TestCallTrustsOnlyTheUsersOwnSocket(t *testing.T) {
	var ran atomic.Int32
	dir := privateTemp(t)
	path := filepath.Join(dir, "hark.db.sock")
	s, err := Listen(path, counting(&ran))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	refused := func(name, path, why string) {
		t.Helper()
		_, err := Call(context.Background(), path, Request{Args: []string{"tag"}}, io.Discard, io.Discard)
		var u *UntrustedError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), filepath.Dir(path)) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line naming %s: %s", name, err, path, why)
		}
	}

	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	refused("a linked folder", filepath.Join(link, "hark.db.sock"), "the folder is a link")

	os.Chmod(dir, 0o755)
	refused("a folder others may enter", path, "others may use the folder")
	os.Chmod(dir, 0o700)

	func() {
		defer pretend(os.Getuid() + 4242)()
		refused("another user's folder and socket", path, "another user owns the folder")
	}()

	if os.Getuid() == 0 { // root can give them away: a socket of another's, served by root
		other := 4242
		if err := os.Chown(dir, other, other); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(path, other, other); err != nil {
			t.Fatal(err)
		}
		func() {
			defer pretend(other)()
			refused("a peer of another uid", path, "the process serving it is not yours")
		}()
		os.Chown(dir, 0, 0)
		os.Chown(path, 0, 0)
	} else {
		t.Log("not root: the peer of another uid is not tried (it needs chown)")
	}
	if n := ran.Load(); n != 0 {
		t.Errorf("%d commands ran in an untrusted server", n)
	}
	if _, err := Call(context.Background(), path, Request{Args: []string{"tag"}}, io.Discard, io.Discard); err != nil || ran.Load() != 1 {
		t.Errorf("the user's own socket: %v, ran %d", err, ran.Load())
	}
}

// TestListenRefusesAnotherUsersFolder: a socket folder someone else made
// (as in a shared /tmp) is refused, never used.
func TestListenRefusesAnotherUsersFolder(t *testing.T) {
	dir := privateTemp(t)
	defer pretend(os.Getuid() + 4242)()
	if s, err := Listen(filepath.Join(dir, "hark.db.sock"), echo); err == nil || !strings.Contains(err.Error(), "another user owns the folder") {
		if s != nil {
			s.Close()
		}
		t.Errorf("listen in another's folder: %v", err)
	}
}

// TestASlowReaderHoldsNobodyUp: a caller that stops reading (hark export
// | less) leaves the server free for the next command.
func TestASlowReaderHoldsNobodyUp(t *testing.T) {
	path := filepath.Join(privateTemp(t), "hark.db.sock")
	s, err := Listen(path, func(ctx context.Context, req Request, stdout, stderr io.Writer) Result {
		if req.Args[0] == "flood" {
			chunk := strings.Repeat("x", 64<<10)
			for ctx.Err() == nil {
				if _, err := io.WriteString(stdout, chunk); err != nil {
					break
				}
			}
			return Result{}
		}
		return echo(ctx, req, stdout, stderr)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintln(c, `{"args":["flood"]}`) // and never reads
	time.Sleep(100 * time.Millisecond)
	done := make(chan error, 1)
	go func() {
		_, err := Call(context.Background(), path, Request{Args: []string{"ls"}}, io.Discard, io.Discard)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(5 * time.Second):
		t.Error("a command waited for a caller that does not read")
	}
}

// TestLongCommandLines: a command line of 2 MB (more than a shell can
// pass) goes whole; one past what the server reads is refused in one
// line, and nothing runs.
func TestLongCommandLines(t *testing.T) {
	var ran atomic.Int32
	path := filepath.Join(privateTemp(t), "hark.db.sock")
	s, err := Listen(path, func(ctx context.Context, req Request, stdout, _ io.Writer) Result {
		ran.Add(1)
		fmt.Fprint(stdout, len(req.Args), len(strings.Join(req.Args, "")))
		return Result{}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	args := make([]string, 20000)
	for i := range args {
		args[i] = "+" + strings.Repeat("t", 99)
	}
	var out bytes.Buffer
	if _, err := Call(context.Background(), path, Request{Args: args}, &out, io.Discard); err != nil || out.String() != "20000 2000000" {
		t.Errorf("2 MB of arguments: %q, %v", out.String(), err)
	}
	huge := []string{strings.Repeat("x", maxRequest)}
	if _, err := Call(context.Background(), path, Request{Args: huge}, io.Discard, io.Discard); !errors.Is(err, ErrTooLong) {
		t.Errorf("past the limit: %v", err)
	}
	if ran.Load() != 1 {
		t.Errorf("%d commands ran, want 1", ran.Load())
	}
}

// TestCloseEndsTheCommandsRunning: a command waiting on something of the
// holder's (its sender) ends when the holder stops serving, and Close
// does not wait for it forever.
func TestCloseEndsTheCommandsRunning(t *testing.T) {
	path := filepath.Join(privateTemp(t), "hark.db.sock")
	started := make(chan struct{})
	s, err := Listen(path, func(ctx context.Context, _ Request, stdout, _ io.Writer) Result {
		close(started)
		<-ctx.Done()
		return Result{Code: 75, Err: "stopped"}
	})
	if err != nil {
		t.Fatal(err)
	}
	go Call(context.Background(), path, Request{Args: []string{"send"}}, io.Discard, io.Discard)
	<-started
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waits for a command that waits for the holder")
	}
}

// TestOutputSplitInsideACharacterArrivesWhole: a write that ends inside
// a UTF-8 character (an emoji cut by a buffer's edge) reaches the caller
// byte for byte, not as U+FFFD.
func TestOutputSplitInsideACharacterArrivesWhole(t *testing.T) {
	path := filepath.Join(privateTemp(t), "hark.db.sock")
	want := "paper 📄 done\n"
	s, err := Listen(path, func(_ context.Context, _ Request, stdout, _ io.Writer) Result {
		cut := strings.Index(want, "📄") + 2
		io.WriteString(stdout, want[:cut])
		io.WriteString(stdout, want[cut:])
		return Result{}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out bytes.Buffer
	if _, err := Call(context.Background(), path, Request{}, &out, io.Discard); err != nil || out.String() != want {
		t.Errorf("got %q, %v; want %q", out.String(), err, want)
	}
}
