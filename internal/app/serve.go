package app

import (
	"context"
	"fmt"
	"io"
	"net"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/internal/sshd"
	"github.com/harkhq/hark/presence"
	"github.com/harkhq/hark/tui"
	"github.com/harkhq/hark/tui/common"
)

// ServeOptions say how hark serve lets the team in.
type ServeOptions struct {
	// Team is config's [team]: where to listen, who, and whether $EDITOR
	// may run on the server for them.
	Team config.Team
	// Addr overrides Team.Addr when set (--addr).
	Addr string
	// HostKeyPath is the server's key, made there when missing.
	HostKeyPath string
	// DemoPeople, in the demo's world, are let in with any key by the
	// SSH user name (ssh ann@…), for trying a team on one machine.
	DemoPeople []string
	// Ready is told the address listened on, once it is.
	Ready func(addr string)
}

// Served is a running hark serve: its runtime, and the board the
// sessions share (tests and benchmarks read them).
type Served struct {
	Runtime *Runtime
	Board   *presence.Board
	Addr    string
	hub     *hub
	srv     *ssh.Server
	stop    chan struct{}
	// done is closed when the server stopped, err why.
	done    chan struct{}
	err     error
	closing sync.Once
}

// Serve starts what o says with the shop's inbox served over SSH, each
// person's session an inbox of their own made from base; Close stops it.
func Serve(ctx context.Context, o Options, base *common.Common, so ServeOptions) (*Served, error) {
	addr := so.Addr
	if addr == "" {
		addr = so.Team.Addr
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot serve on %s: %w (--addr or [team] addr picks another)", addr, err)
	}
	h := newHub()
	h.wire(&o)
	s := &Served{Board: presence.New(base.Now), Addr: l.Addr().String(), hub: h, stop: make(chan struct{}), done: make(chan struct{})}
	s.Runtime = Start(ctx, o)
	s.Runtime.Store.OnWrite(h.written)
	go h.run()
	go s.expireClaims()
	s.srv, err = sshd.New(sshd.Options{
		Addr: s.Addr, HostKeyPath: so.HostKeyPath, Log: o.Settings.log(),
		Who:   who(so),
		Inbox: s.inbox(base, so, o.Team.Online()),
		Run:   s.command(o),
	})
	if err != nil {
		l.Close()
		s.Runtime.Close()
		close(h.stop)
		return nil, err
	}
	sctx, cancel := context.WithCancel(ctx)
	go func() { <-s.stop; cancel() }()
	go func() {
		s.err = sshd.Serve(sctx, s.srv, l)
		close(s.done)
	}()
	if so.Ready != nil {
		so.Ready(s.Addr)
	}
	return s, nil
}

// Wait waits until the server stops (its context ended, or Close).
func (s *Served) Wait() error {
	<-s.done
	return s.err
}

// Close stops serving, ends every session and the runtime.
func (s *Served) Close() {
	s.closing.Do(func() {
		close(s.stop)
		<-s.done
		s.Runtime.Close()
		close(s.hub.stop) // after the runtime: nothing is sent to the hub any more
	})
}

// expireClaims drops claims their sessions stopped renewing.
func (s *Served) expireClaims() {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.Board.Expire()
		}
	}
}

// who names the person a key signs in: the team's holder of the key,
// or in the demo's world anyone, by the name they ssh as.
func who(so ServeOptions) func(gossh.PublicKey, string) (string, bool) {
	return func(key gossh.PublicKey, user string) (string, bool) {
		if p, ok := so.Team.Who(key); ok {
			return p.Name, true
		}
		if slices.Contains(so.DemoPeople, user) {
			return user, true
		}
		return "", false
	}
}

// inbox makes a person's own inbox: base's settings, their name, their
// place on the board, the runtime's news through the hub, and nothing
// that would run on the server's desktop.
func (s *Served) inbox(base *common.Common, so ServeOptions, online bool) func(ssh.Session, string) (tea.Model, func()) {
	team := so.Team
	people := make([]string, len(team.People))
	for i, p := range team.People {
		people[i] = p.Name
	}
	return func(_ ssh.Session, person string) (tea.Model, func()) {
		c := *base
		c.Width, c.Height = 0, 0
		c.Me, c.Team, c.AllowEditor = person, s.Board.Join(person), team.AllowEditor
		c.People = people
		if len(people) == 0 { // the demo's world
			c.People = so.DemoPeople
		}
		c.Copy = nil    // OSC 52, to the person's own terminal
		c.ToEmail = nil // it runs [handoff] command on the server: the owner's, as hark handoff is
		c.Kick = s.Runtime.Kick
		src, leave := s.hub.subscribe(online)
		return tui.New(&c, src), func() {
			leave()
			c.Team.Close()
		}
	}
}

// command runs a person's command line as the socket runs the owner's,
// and tells the inboxes it may have changed the database.
func (s *Served) command(o Options) func(context.Context, string, []string, io.Writer, io.Writer, bool) int {
	return func(ctx context.Context, person string, args []string, stdout, stderr io.Writer, tty bool) int {
		if o.Serve == nil {
			fmt.Fprintln(stderr, "hark: this server runs no commands")
			return 1
		}
		res := o.Serve(ctx, s.Runtime, sock.Request{Args: args, OutTTY: tty, ErrTTY: tty, Person: person}, stdout, stderr)
		s.hub.written()
		if res.Err != "" {
			fmt.Fprintln(stderr, "hark: "+res.Err)
		}
		return res.Code
	}
}
