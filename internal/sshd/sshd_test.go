package sshd

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/harkhq/hark/internal/harktest"
)

// echo is an inbox that shows what was typed, and panics on "!": a
// session whose program fails.
type echo struct{ typed string }

func (e echo) Init() tea.Cmd { return nil }
func (e echo) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if k.String() == "!" {
			panic("a bug in one session")
		}
		e.typed += k.String()
	}
	return e, nil
}
func (e echo) View() tea.View { return tea.NewView("typed:" + e.typed + ".") }

// door serves echo inboxes to ann and bo, by their keys; an inbox for
// "crash" panics as it is made.
func door(t *testing.T) (addr string, ann, bo gossh.Signer, ended chan string) {
	ann, bo = harktest.Key(t), harktest.Key(t)
	keys := map[string]gossh.PublicKey{"ann": ann.PublicKey(), "bo": bo.PublicKey()}
	ended = make(chan string, 8)
	srv, err := New(Options{
		Addr:        "127.0.0.1:0",
		HostKeyPath: filepath.Join(t.TempDir(), "host_ed25519"),
		Log:         slog.New(slog.DiscardHandler),
		Who: func(key gossh.PublicKey, user string) (string, bool) {
			for name, k := range keys {
				if ssh.KeysEqual(k, key) {
					if user == "crash" {
						return "crash", true
					}
					return name, true
				}
			}
			return "", false
		},
		Inbox: func(_ ssh.Session, person string) (tea.Model, func()) {
			if person == "crash" {
				panic("the inbox could not be made")
			}
			return echo{}, func() { ended <- person }
		},
		Run: func(_ context.Context, person string, args []string, stdout, _ io.Writer, _ bool) int {
			fmt.Fprintf(stdout, "%s ran %s\n", person, strings.Join(args, " "))
			return 3
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Serve(ctx, srv, l); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return l.Addr().String(), ann, bo, ended
}

func dial(t *testing.T, addr, user string, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := harktest.Dial(addr, user, key)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAnUnknownKeyIsRefused: a key no one of the team holds does not
// sign in, whatever user name it comes with.
func TestAnUnknownKeyIsRefused(t *testing.T) {
	addr, _, _, _ := door(t)
	for _, user := range []string{"ann", "root", "bo"} {
		if c, err := harktest.Dial(addr, user, harktest.Key(t)); err == nil {
			c.Close()
			t.Errorf("a stranger's key signed in as %q", user)
		} else if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("refused with %v", err)
		}
	}
}

// TestACommandRunsAsItsPerson: a session with a command line runs it as
// the person the key signs in, "hark" or not in front, with its exit
// status.
func TestACommandRunsAsItsPerson(t *testing.T) {
	addr, ann, bo, _ := door(t)
	for _, tc := range []struct {
		key  gossh.Signer
		line string
		want string
	}{{ann, "hark ls inbox", "ann ran ls inbox\n"}, {bo, "ls", "bo ran ls\n"}} {
		sess, err := dial(t, addr, "whoever", tc.key).NewSession()
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		sess.Stdout = &out
		err = sess.Run(tc.line)
		var exit *gossh.ExitError
		if !asExit(err, &exit) || exit.ExitStatus() != 3 || out.String() != tc.want {
			t.Errorf("%q: %q, %v; want %q and status 3", tc.line, out.String(), err, tc.want)
		}
	}
}

func asExit(err error, e **gossh.ExitError) bool {
	x, ok := err.(*gossh.ExitError)
	*e = x
	return ok
}

// TestOneSessionsPanicLeavesTheOthersWorking: a program that panics in
// one session, and an inbox that panics as it is made in another, end
// those sessions; the server and a third session go on, and a new
// session opens.
func TestOneSessionsPanicLeavesTheOthersWorking(t *testing.T) {
	addr, ann, bo, ended := door(t)
	steady := harktest.OpenTerm(t, dial(t, addr, "bo", bo), 40, 5)
	steady.Type("ab")
	steady.WaitFor(5*time.Second, "typed:ab.")

	failing := harktest.OpenTerm(t, dial(t, addr, "ann", ann), 40, 5)
	failing.Type("x")
	failing.WaitFor(5*time.Second, "typed:x.")
	failing.Type("!")
	select {
	case who := <-ended:
		if who != "ann" {
			t.Fatalf("%s's session ended, not ann's", who)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the session that panicked did not end")
	}
	crash := harktest.OpenTerm(t, dial(t, addr, "crash", ann), 40, 5)
	crash.WaitFor(5*time.Second, "this session failed")

	steady.Type("c")
	steady.WaitFor(5*time.Second, "typed:abc.")
	again := harktest.OpenTerm(t, dial(t, addr, "ann", ann), 40, 5)
	again.Type("y")
	again.WaitFor(5*time.Second, "typed:y.")
}
