// Package sshd is hark serve's SSH server: who may sign in (a key of the
// team's, checked again after authentication as soft-serve does), an
// inbox of their own for each session with a terminal, and a command line
// run for a session without one ("ssh -p 2323 host hark ls"), as the
// local socket runs it. What an inbox or a command is, the caller says
// (internal/app composes them); this package owns only the door.
package sshd

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// Options say what the server serves.
type Options struct {
	// Addr is where it listens (host:port).
	Addr string
	// HostKeyPath is the server's private key, made there when missing.
	HostKeyPath string
	// Who names the person a public key signs in (the SSH user name
	// given beside); false refuses the key.
	Who func(key gossh.PublicKey, user string) (string, bool)
	// Inbox makes a person's inbox for a session with a terminal, and
	// what to do when it ends (let go of what the session held).
	Inbox func(sess ssh.Session, person string) (tea.Model, func())
	// Run runs a command line for a person and returns its exit status;
	// tty says the session has a terminal.
	Run func(ctx context.Context, person string, args []string, stdout, stderr io.Writer, tty bool) int
	Log *slog.Logger
}

// fpExt is where the public key handler leaves the fingerprint of the
// key it accepted, for the session to check against its own key.
const fpExt = "hark-pubkey-fp"

// personKey is the context key of the person a session signed in as.
type personKey struct{}

// idleTimeout ends a connection silent that long (a laptop closed
// without a word): its session's claims and board go with it.
const idleTimeout = 30 * time.Minute

// New makes the server; Serve it on a listener, Shutdown it to stop.
func New(o Options) (*ssh.Server, error) {
	return wish.NewServer(
		wish.WithAddress(o.Addr),
		wish.WithHostKeyPath(o.HostKeyPath),
		wish.WithIdleTimeout(idleTimeout),
		wish.WithPublicKeyAuth(func(ctx ssh.Context, key ssh.PublicKey) bool {
			person, ok := o.Who(key, ctx.User())
			if !ok {
				o.Log.Info("ssh key refused", "user", ctx.User(), "key", gossh.FingerprintSHA256(key), "from", ctx.RemoteAddr().String())
				return false
			}
			ctx.SetValue(personKey{}, person)
			if ctx.Permissions().Extensions == nil {
				ctx.Permissions().Extensions = map[string]string{}
			}
			ctx.Permissions().Extensions[fpExt] = gossh.FingerprintSHA256(key)
			return true
		}),
		wish.WithMiddleware(
			o.commands, // innermost: a command line, else the inbox
			o.checkKey, // outermost: nothing runs for a session whose key is not the one accepted
			guard(o.Log),
		),
	)
}

// checkKey ends a session whose public key is not the one the key
// handler accepted: a client may offer several keys, and the handler is
// asked of each (the x/crypto advisory of December 2024).
func (o Options) checkKey(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		want := s.Context().Permissions().Extensions[fpExt]
		key := s.PublicKey()
		if key == nil || want == "" || gossh.FingerprintSHA256(key) != want {
			wish.Fatalln(s, "hark: permission denied")
			return
		}
		person, ok := o.Who(key, s.User())
		if !ok || person != personOf(s) {
			wish.Fatalln(s, "hark: permission denied")
			return
		}
		next(s)
	}
}

// personOf is who the session signed in as.
func personOf(s ssh.Session) string {
	p, _ := s.Context().Value(personKey{}).(string)
	return p
}

// commands runs a session's command line ("hark ls", or "ls"), or
// the person's inbox for a session without one.
func (o Options) commands(ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		args := s.Command()
		if len(args) == 0 {
			if _, _, ok := s.Pty(); !ok {
				wish.Fatalln(s, "hark: no terminal: ssh -t for the inbox, or name a command (ssh … hark ls)")
				return
			}
			o.runInbox(s)
			return
		}
		if args[0] == "hark" {
			args = args[1:]
		}
		_, _, tty := s.Pty()
		code := o.Run(s.Context(), personOf(s), args, s, s.Stderr(), tty)
		_ = s.Exit(code)
	}
}

// runInbox runs the person's inbox on the session's terminal until they
// quit, the program fails or the connection ends; what the session held
// is let go either way. (wish's bubbletea middleware, less its charm
// log: the window's changes reach the program as it does.)
func (o Options) runInbox(s ssh.Session) {
	m, done := o.Inbox(s, personOf(s))
	defer done()
	ctx, cancel := context.WithCancel(s.Context())
	defer cancel()
	p := tea.NewProgram(m, append(bm.MakeOptions(s), tea.WithContext(ctx))...)
	_, windows, _ := s.Pty()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case w := <-windows:
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		o.Log.Error("inbox ended", "person", personOf(s), "err", err)
		wish.Fatalln(s, "hark: this session failed (the others go on); connect again")
		return
	}
	p.Kill()
}

// guard keeps a panic in one session from ending the others (and the
// server): the session ends, with a line to its person, and it is logged.
func guard(log *slog.Logger) wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(s ssh.Session) {
			defer func() {
				if r := recover(); r != nil {
					log.Error("session panicked", "person", personOf(s), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
					wish.Fatalln(s, "hark: this session failed (the others go on); connect again")
				}
			}()
			next(s)
		}
	}
}

// Serve serves srv on l until ctx ends, then stops it, giving sessions
// a moment to end.
func Serve(ctx context.Context, srv *ssh.Server, l net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil {
		_ = srv.Close()
	}
	return nil
}
