package harktest

import (
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// Key makes a new SSH key pair, as a person of the team holds.
func Key(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Dial signs in to an SSH server at addr as user with key.
func Dial(addr, user string, key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // a test's own server on 127.0.0.1
		Timeout:         5 * time.Second,
	})
}

// Term is a person's terminal on an SSH session with a pty: what the
// server draws lands on a virtual screen (charmbracelet/x/vt), whose
// answers to the program's queries go back as a terminal's do, and keys
// go in as typed.
type Term struct {
	t      testing.TB
	Client *gossh.Client
	sess   *gossh.Session
	screen *vt.Emulator
	// smu guards the screen: what the server draws and what a test reads
	// (vt's SafeEmulator leaves String unguarded).
	smu sync.Mutex
	mu  sync.Mutex // one writer of the session's input at a time
	in  io.WriteCloser
	// drawn is signalled after each write the server makes (Press).
	drawn chan struct{}
}

// Write draws what the server sent on the screen.
func (tm *Term) Write(p []byte) (int, error) {
	tm.smu.Lock()
	n, err := tm.screen.Write(p)
	tm.smu.Unlock()
	select {
	case tm.drawn <- struct{}{}:
	default:
	}
	return n, err
}

// Press types a key and waits until the screen changes for it: the time
// a person waits between the key and what it does showing (the server's
// Update and View, its renderer's frame, the connection both ways).
// Writes that leave the screen as it was (a frame redrawn the same) are
// not the answer; false after 10 s without a change.
func (tm *Term) Press(key string) (time.Duration, bool) {
	before := tm.styled()
	for len(tm.drawn) > 0 { // a draw from before the key is not its answer
		<-tm.drawn
	}
	start := time.Now()
	tm.Type(key)
	deadline := time.After(10 * time.Second)
	for {
		select {
		case <-tm.drawn:
			if tm.styled() != before { // a cursor's move changes only styles
				return time.Since(start), true
			}
		case <-deadline:
			return 0, false
		}
	}
}

// OpenTerm opens a session with a w×h terminal on client and starts its
// shell (hark serve's inbox).
func OpenTerm(t testing.TB, client *gossh.Client, w, h int) *Term {
	t.Helper()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	tm := &Term{t: t, Client: client, sess: sess, screen: vt.NewEmulator(w, h), in: in, drawn: make(chan struct{}, 1)}
	sess.Stdout = tm
	sess.Stderr = tm
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go tm.answer()
	t.Cleanup(func() { tm.Close() })
	return tm
}

// answer sends the screen's replies (a cursor position, colours asked
// for) back to the program, as a terminal does.
func (tm *Term) answer() {
	buf := make([]byte, 256)
	for {
		n, err := tm.screen.Read(buf)
		if err != nil {
			return
		}
		tm.mu.Lock()
		_, err = tm.in.Write(buf[:n])
		tm.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// Type sends keys as typed: text, or control bytes ("\r" enter, "\x13"
// ctrl+s, "\x1b" esc).
func (tm *Term) Type(keys string) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	if _, err := tm.in.Write([]byte(keys)); err != nil {
		tm.t.Errorf("typing %q: %v", keys, err)
	}
}

// styled is the screen with its styles.
func (tm *Term) styled() string {
	tm.smu.Lock()
	defer tm.smu.Unlock()
	return tm.screen.Render()
}

// Screen is what the terminal shows now, line by line.
func (tm *Term) Screen() string {
	tm.smu.Lock()
	defer tm.smu.Unlock()
	return tm.screen.String()
}

// WaitFor waits until the screen shows each of want, and fails the test
// with the screen after d.
func (tm *Term) WaitFor(d time.Duration, want ...string) {
	tm.t.Helper()
	if !tm.ShowsWithin(d, want...) {
		tm.t.Fatalf("after %s the screen does not show %q:\n%s", d, want, tm.Screen())
	}
}

// ShowsWithin reports whether the screen shows each of want within d.
func (tm *Term) ShowsWithin(d time.Duration, want ...string) bool {
	end := time.Now().Add(d)
	for {
		s := tm.Screen()
		all := true
		for _, w := range want {
			all = all && strings.Contains(s, w)
		}
		if all {
			return true
		}
		if time.Now().After(end) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Close ends the session and the connection, without a word to the
// program (a closed laptop, a killed ssh).
func (tm *Term) Close() {
	tm.sess.Close()
	tm.Client.Close()
	if pw, ok := tm.screen.InputPipe().(*io.PipeWriter); ok { // ends answer; vt's own Close races its Read
		pw.Close()
	}
}
