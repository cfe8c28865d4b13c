// Package sock lets the hark that holds a database (the TUI, or 'hark
// sync') run the other hark commands for them: a command line goes over a
// unix socket beside the database, and its output and exit status come
// back as they would have been printed. The socket is the user's alone:
// its directory is 0700, the socket 0600, and the server checks the
// peer's user id where the system tells it. The caller trusts it no
// more than the server trusts the caller: before a command line leaves,
// the folder and the socket must be the user's and private, and the
// peer must run as the user (see Trust).
package sock

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// ErrNoServer is Call's answer when no hark serves the database: the
// caller runs the command itself. A socket left by a hark that was
// killed is removed on the way.
var ErrNoServer = errors.New("no hark serves this database")

// Path is where the socket of a database lives, named after the
// database's absolute path: in $XDG_RUNTIME_DIR/hark when it is set, else
// in $TMPDIR/hark-UID (as tmux keeps its sockets), a folder of the
// user's alone. Never beside the database, whose folder anyone may share.
func Path(dbPath string, getenv func(string) string) (string, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	name := hex.EncodeToString(sum[:8]) + ".sock"
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		return filepath.Join(dir, "hark", name), nil
	}
	tmp := getenv("TMPDIR")
	if tmp == "" {
		tmp = "/tmp"
	}
	return filepath.Join(tmp, "hark-"+strconv.Itoa(os.Getuid()), name), nil
}

// Request is a command line to run, as typed after "hark", and whether
// the caller's outputs are terminals (progress bars and headers are
// drawn only there, as they would be without a server).
type Request struct {
	Args   []string `json:"args"`
	OutTTY bool     `json:"out_tty,omitempty"`
	ErrTTY bool     `json:"err_tty,omitempty"`
	// Person is the person of the shop's team who runs it, when it came
	// over SSH (hark serve); never read from the socket, whose every
	// caller is the owner.
	Person string `json:"-"`
}

// frame is one message from the server: output as it comes, then the
// end. Output is bytes (base64 in JSON): a write may end inside a UTF-8
// character, which a JSON string would turn into U+FFFD.
type frame struct {
	Out  []byte `json:"out,omitempty"`
	Err  []byte `json:"err,omitempty"`
	Done bool   `json:"done,omitempty"`
	Code int    `json:"code,omitempty"`
	Fail string `json:"fail,omitempty"` // the error the command ended with
}

// Result is how a command ended: its exit status and its error, if any.
type Result struct {
	Code int
	Err  string
}

// Runner runs one command line, writing its output as it goes.
type Runner func(ctx context.Context, req Request, stdout, stderr io.Writer) Result

// Server serves one database's socket. Commands run side by side, each
// in its own goroutine: one whose caller reads slowly (hark export |
// less) holds nobody else up.
type Server struct {
	ln   net.Listener
	path string
	run  Runner
	wg   sync.WaitGroup
	// ctx ends at Close: the commands running end with the server.
	ctx    context.Context
	cancel context.CancelFunc
}

// Listen takes the socket at path (removing one a killed hark left) and
// serves it with run until Close. The socket's folder is made private;
// one that is another user's, or a link, is refused, never used.
func Listen(path string, run Runner) (*Server, error) {
	if err := privateDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, fmt.Errorf("another hark serves %s", path)
	}
	os.Remove(path) // stale: nobody answered
	ln, err := listenPrivate(path)
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, path: path, run: run}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Go(s.accept)
	return s, nil
}

// listenPrivate binds the socket under a passing name, makes it 0600,
// then moves it to path: a caller never finds it open to others, as it
// would be between a bind (made with the umask's mode) and a chmod.
func listenPrivate(path string) (net.Listener, error) {
	tmp := path + "." + strconv.Itoa(os.Getpid()) + ".new"
	os.Remove(tmp)
	ln, err := net.Listen("unix", tmp)
	if err != nil {
		return nil, err
	}
	ul := ln.(*net.UnixListener)
	ul.SetUnlinkOnClose(false) // it lives at path; Close removes that
	if err = os.Chmod(tmp, 0o600); err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		ln.Close()
		os.Remove(tmp)
		return nil, err
	}
	return ln, nil
}

// Close stops serving, ends the commands running (their context) and
// waits for them, and removes the socket.
func (s *Server) Close() error {
	err := s.ln.Close()
	os.Remove(s.path)
	s.cancel() // a command waiting for the holder's sender ends with it
	s.wg.Wait()
	return err
}

func (s *Server) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return // closed
		}
		s.wg.Go(func() { s.serve(c) })
	}
}

// serve runs one request; the command is cancelled if the caller leaves.
func (s *Server) serve(c net.Conn) {
	defer c.Close()
	if !sameUser(c) {
		return
	}
	r := bufio.NewReader(c)
	var req Request
	if err := json.NewDecoder(io.LimitReader(r, maxRequest)).Decode(&req); err != nil {
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	go func() { // the caller hung up (ctrl+c): stop the command
		_, _ = io.Copy(io.Discard, r)
		cancel()
	}()
	enc := &encoder{enc: json.NewEncoder(c)}
	res := s.run(ctx, req, enc.stream(true), enc.stream(false))
	enc.send(frame{Done: true, Code: res.Code, Fail: res.Err})
}

// maxRequest bounds a request: a command line, not a payload. Linux
// takes up to about 2 MB of arguments (ARG_MAX); 8 MB holds any line a
// shell can pass, its JSON escapes included.
const maxRequest = 8 << 20

// ErrTooLong refuses a command line longer than the server reads.
var ErrTooLong = fmt.Errorf("the command line is over %d MB: too long to hand to the hark holding the database", maxRequest>>20)

// encoder writes frames from the command's two outputs, one at a time.
type encoder struct {
	mu  sync.Mutex
	enc *json.Encoder
	err error
}

func (e *encoder) send(f frame) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err == nil {
		e.err = e.enc.Encode(f)
	}
	return e.err
}

// stream is a writer of one output; a failed write (the caller left)
// fails the command's next write, as a closed pipe would.
func (e *encoder) stream(out bool) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		f := frame{Err: p}
		if out {
			f = frame{Out: p}
		}
		if err := e.send(f); err != nil {
			return 0, err
		}
		return len(p), nil
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// Call runs a command line in the hark serving path, copying its output
// to stdout and stderr as it comes. ErrNoServer: nobody serves it. A
// socket, or its folder, that is not the user's alone is refused (see
// Trust) and nothing is sent there.
func Call(ctx context.Context, path string, req Request, stdout, stderr io.Writer) (Result, error) {
	line, err := json.Marshal(req)
	if err != nil {
		return Result{}, err
	}
	if len(line) >= maxRequest {
		return Result{}, ErrTooLong
	}
	switch err := Trust(path); {
	case errors.Is(err, fs.ErrNotExist):
		return Result{}, ErrNoServer
	case err != nil:
		return Result{}, err
	}
	var d net.Dialer
	dctx, cancel := context.WithTimeout(ctx, time.Second)
	c, err := d.DialContext(dctx, "unix", path)
	cancel()
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		os.Remove(path) // its hark was killed
		return Result{}, ErrNoServer
	case err != nil:
		return Result{}, ErrNoServer
	}
	if !sameUser(c) {
		c.Close()
		return Result{}, &UntrustedError{Path: path, Why: "the process serving it is not yours"}
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if _, err := c.Write(append(line, '\n')); err != nil {
		return Result{}, err
	}
	dec := json.NewDecoder(c)
	for {
		var f frame
		if err := dec.Decode(&f); err != nil {
			if ctx.Err() != nil {
				return Result{}, ctx.Err()
			}
			return Result{}, fmt.Errorf("the hark serving %s stopped answering: %w", path, err)
		}
		switch {
		case f.Done:
			return Result{Code: f.Code, Err: f.Fail}, nil
		case len(f.Out) > 0:
			stdout.Write(f.Out)
		case len(f.Err) > 0:
			stderr.Write(f.Err)
		}
	}
}
