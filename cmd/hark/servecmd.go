package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/store"
)

// serving is how hark serve (or hark demo --serve) serves the inbox: set
// by their flags, read where the inbox would start (runTUI).
type serving struct {
	addr string
	// hostKey is the server's key file; demoPeople, in the demo's world,
	// the names let in with any key.
	hostKey    string
	demoPeople []string
}

// demoPeople are who hark demo --serve lets in, with any key.
var demoPeople = []string{"ann", "bo", "cat"}

// hostKeyName is the server's key, beside config.toml.
const hostKeyName = "hark_host_ed25519"

func newServe(e *env) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the inbox over SSH to the team of [team]: one hark, an inbox each (ssh -p 2323 host)",
		Long: "Runs hark headless, holding the database, the pollers, the senders and the live stream, and serves\n" +
			"an inbox over SSH to each person of [team] (hark team add NAME KEYFILE), in their own terminal:\n" +
			"ssh -t -p 2323 HOST for the inbox, ssh -p 2323 HOST hark ls for a command. It listens on\n" +
			"[team] addr (127.0.0.1:2323): reach it over a VPN or an SSH tunnel. With --offline it serves\n" +
			"the stored database without polling.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(e.cfg.Team.People) == 0 {
				return fmt.Errorf("%s names no one in [team]: add a person's key with hark team add NAME KEYFILE", e.configPath)
			}
			e.serving = &serving{addr: addr, hostKey: filepath.Join(filepath.Dir(e.configPath), hostKeyName)}
			return e.runLive(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "", "HOST:PORT to listen on (default [team] addr, 127.0.0.1:2323)")
	cmd.Flags().BoolVar(&e.offline, "offline", false, "serve the stored database without polling")
	return cmd
}

// runServe serves the inbox over SSH until interrupted, instead of
// showing it here.
func (e *env) runServe(ctx context.Context, st *store.Store, t app.Team, interval time.Duration) error {
	c, err := e.common(st, t)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	out := e.errOut
	so := app.ServeOptions{Team: e.cfg.Team, Addr: e.serving.addr, HostKeyPath: e.serving.hostKey, DemoPeople: e.serving.demoPeople,
		Ready: func(addr string) { e.sayServing(out, addr) }}
	s, err := app.Serve(ctx, e.runtimeOptions(st, t, interval), c, so)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Wait()
}

// sayServing tells the owner how the team reaches the server.
func (e *env) sayServing(out io.Writer, addr string) {
	host, port, _ := net.SplitHostPort(addr)
	fmt.Fprintf(out, "hark serves the inbox on %s until you stop it (ctrl+c).\n", addr)
	if len(e.serving.demoPeople) > 0 {
		fmt.Fprintf(out, "The demo lets in %s with any SSH key. In two other terminals:\n", strings.Join(e.serving.demoPeople, ", "))
		for _, p := range e.serving.demoPeople[:2] {
			fmt.Fprintf(out, "  ssh -t -p %s %s@%s\n", port, p, host)
		}
		return
	}
	fmt.Fprintf(out, "Each person of [team] connects with: ssh -t -p %s %s   (a command: ssh -p %s %s hark ls)\n", port, host, port, host)
}
