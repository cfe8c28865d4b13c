package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
)

// demoPollInterval keeps the demo lively; the simulated X allows it.
const demoPollInterval = 5 * time.Second

func newDemo(e *env) *cobra.Command {
	var xOnly, serve bool
	var accounts int
	var addr string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Try hark on a simulated X with a small shop's busy day (no account needed)",
		Long: "Runs hark against a simulated X inside the process: a small office-supplies shop with a day of\n" +
			"mentions, and a new one every 20-30 seconds. Replies go to the simulation. The database is\n" +
			"temporary unless --db is given. With --x-only it serves the simulated X alone and prints its\n" +
			"address and the demo app's keys, to try 'hark login' and 'hark doctor' against it. With\n" +
			"--accounts 2 the shop has a help desk account too, in the same inbox.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if xOnly {
				return serveDemoX(cmd.Context(), cmd.OutOrStdout())
			}
			if accounts < 1 || accounts > 2 {
				return fmt.Errorf("--accounts %d: the demo shop has 1 or 2", accounts)
			}
			if serve {
				e.serving = &serving{addr: addr, demoPeople: demoPeople}
			}
			return e.demo(cmd.Context(), cmd.Flag("db").Changed, accounts)
		},
	}
	cmd.Flags().BoolVar(&xOnly, "x-only", false, "serve the simulated X alone, for hark login and hark doctor")
	cmd.Flags().IntVar(&accounts, "accounts", 1, "the shop's accounts: 1, or 2 with its help desk")
	cmd.Flags().BoolVar(&serve, "serve", false, "serve the demo's inbox over SSH to a team of three (ann, bo, cat), headless")
	cmd.Flags().StringVar(&addr, "addr", "", "with --serve: HOST:PORT to listen on (default 127.0.0.1:2323)")
	return cmd
}

// serveDemoX serves the demo's simulated X until interrupted, and says
// how to sign in to it.
func serveDemoX(ctx context.Context, out io.Writer) error {
	world, err := demoNetwork(network.DemoOptions{Epoch: time.Now(), Accounts: 1})
	if err != nil {
		return err
	}
	defer world.Close()
	fmt.Fprintf(out, "The simulated X is at %s until you stop it (ctrl+c). In another terminal:\n%s\n", world.APIBase, world.SignInHelp)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	go world.Drip(ctx) // the world goes on, for a hark signed in to it to hear
	<-ctx.Done()
	return nil
}

// otherWorld is a network's demo beside X's, and the account name the
// demo signs the shop in to it as.
type otherWorld struct {
	network, name string
	world         *network.Demo
}

// otherDemos start the stand-ins of the networks beside X the demo shop
// is on: Bluesky.
func otherDemos() ([]otherWorld, error) {
	adapter, err := network.AdapterOf(config.Bluesky)
	if err != nil {
		return nil, err
	}
	world, err := adapter.Demo(network.DemoOptions{Epoch: time.Now(), Accounts: 1})
	if err != nil {
		return nil, err
	}
	return []otherWorld{{network: config.Bluesky, name: "bluesky", world: world}}, nil
}

// demoNetwork starts X's stand-in, through its adapter, with the demo's
// world.
func demoNetwork(o network.DemoOptions) (*network.Demo, error) {
	x, err := network.AdapterOf(network.X)
	if err != nil {
		return nil, err
	}
	return x.Demo(o)
}

func (e *env) demo(ctx context.Context, keepDB bool, accounts int) error {
	dbPath := e.dbPath
	if !keepDB {
		dir, err := os.MkdirTemp("", "hark-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbPath = filepath.Join(dir, "hark.db")
	}
	// Everything placed beside "the database" is the demo's: the socket
	// other hark commands reach it by (a throwaway demo must not answer
	// for the real database), its hand-offs.
	e.dbPath = dbPath
	if e.serving != nil && e.serving.hostKey == "" {
		e.serving.hostKey = filepath.Join(filepath.Dir(dbPath), hostKeyName)
	}
	if len(e.cfg.Rules) == 0 { // a shop's first two rules, as the README shows them
		e.cfg.Rules = demoRules()
		if err := e.resolve(false); err != nil {
			return err
		}
	}
	st, err := e.openStore(dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	epoch, err := demoEpoch(st)
	if err != nil {
		return err
	}
	world, err := demoNetwork(network.DemoOptions{Epoch: epoch, Accounts: accounts, Known: st.EachPost})
	if err != nil {
		return err
	}
	defer world.Close()
	others, err := otherDemos()
	if err != nil {
		return err
	}
	for _, o := range others {
		defer o.world.Close()
	}
	t, err := e.demoTeam(ctx, st, world, others)
	if err != nil {
		return err
	}
	if e.cfg.DMInterval == config.DefaultDMInterval { // the simulated X bills nothing: read DMs as often as X's 15 in 15 minutes allow
		e.cfg.DMInterval = time.Minute
	}
	if !e.cfg.Live.On() { // the simulated X pushes, and bills nothing: a DM shows within a second of its drip
		e.cfg.Live.DMs, e.cfg.Live.Mentions, e.cfg.Live.OwnPosts = true, true, true
	}
	if len(e.cfg.Searches) == 0 { // hear the shop's name, as a shop would set up
		e.cfg.Searches = []config.Search{{Name: "brand", Query: world.Search}}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go world.Drip(ctx)
	for _, o := range others {
		go o.world.Drip(ctx)
	}
	if found, _ := e.snippets(); found == nil {
		e.demoSnippets = true
	}
	return e.runTUI(ctx, st, t, demoPollInterval)
}

// demoTeam signs the demo shop's accounts in to its simulated network,
// the database's own first (as the inbox signs in the config's).
func (e *env) demoTeam(ctx context.Context, st *store.Store, world *network.Demo, others []otherWorld) (app.Team, error) {
	client, err := network.Connect(e.dial(world.APIBase, world.Accounts[0], e.meter(st)))
	if err != nil {
		return nil, err
	}
	me, err := account(ctx, client, st)
	if err != nil {
		return nil, err
	}
	t := app.Team{{User: me, Client: client}}
	for _, creds := range world.Accounts[1:] {
		a, err := app.SignIn(ctx, e.dial(world.APIBase, creds, e.meter(st)), "")
		if err != nil {
			return nil, err
		}
		a.Name = a.User.Username
		t = append(t, a)
	}
	for _, other := range others {
		d := e.dialFor(config.Account{Name: other.name, Network: other.network, Credentials: other.world.Accounts[0]}, "", st)
		d.Tokens = "" // the demo's session is the demo's: kept in memory, not beside the owner's config
		a, err := app.SignIn(ctx, d, other.name)
		if err != nil {
			return nil, fmt.Errorf("the demo's %s: %w", network.TitleOf(other.network), err)
		}
		t = append(t, a)
	}
	return t, st.SetAccounts(t.Users())
}

// demoEpoch is when the demo's world began: now for a new database; for
// one a demo wrote before, its beginning, so that the same posts (same
// ids) are found again and the replies queued then answer them.
func demoEpoch(st *store.Store) (time.Time, error) {
	epoch, found, err := st.DemoEpoch()
	if err != nil || found {
		return epoch, err
	}
	epoch = time.Now()
	return epoch, st.SetDemoEpoch(epoch)
}

// demoRules tag what asks for money back, and mark the angry as a
// priority, as a shop would start.
func demoRules() []config.Rule {
	rule := func(name, text string, tags []string, note string) config.Rule {
		return config.Rule{Name: name, Query: text, Tags: tags, Note: note, At: "hark demo"}
	}
	return []config.Rule{
		rule("refunds", `refund OR "money back" OR chargeback OR "charged twice" OR damaged`, []string{"refund"}, ""),
		rule("angry", `"fix it" OR "rings out" OR "never again" OR "I'm done"`, []string{"priority"}, "an angry customer: answer first"),
	}
}
