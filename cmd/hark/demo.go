package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// The demo's own keys, checked by its simulated X.
var demoCredentials = config.Credentials{APIKey: "demo-key", APIKeySecret: "demo-secret", AccessToken: "demo-token", AccessSecret: "demo-token-secret"}

// demoPollInterval keeps the demo lively; the simulated X allows it.
const demoPollInterval = 5 * time.Second

func newDemo(e *env) *cobra.Command {
	var xOnly bool
	var accounts int
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
			return e.demo(cmd.Context(), cmd.Flag("db").Changed, accounts)
		},
	}
	cmd.Flags().BoolVar(&xOnly, "x-only", false, "serve the simulated X alone, for hark login and hark doctor")
	cmd.Flags().IntVar(&accounts, "accounts", 1, "the shop's accounts: 1, or 2 with its help desk")
	return cmd
}

// serveDemoX serves the demo's simulated X until interrupted, and says
// how to sign in to it.
func serveDemoX(ctx context.Context, out io.Writer) error {
	srv, err := xfake.Start(xfake.ShopScenario(time.Now()), xfake.Options{Secrets: &xfake.Secrets{
		ConsumerKey: demoCredentials.APIKey, ConsumerSecret: demoCredentials.APIKeySecret,
		Token: demoCredentials.AccessToken, TokenSecret: demoCredentials.AccessSecret,
	}})
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(out, "The simulated X is at %s until you stop it (ctrl+c). In another terminal:\n", srv.URL())
	fmt.Fprintf(out, "  export HARK_X_API_BASE=%s\n  hark login     # API key %s, secret %s; no access token: sign in with a PIN\n  hark doctor\n",
		srv.URL(), demoCredentials.APIKey, demoCredentials.APIKeySecret)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	<-ctx.Done()
	return nil
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
	scenario := xfake.ShopScenario(epoch)
	if accounts == 2 {
		scenario = xfake.WithHelpDesk(scenario, epoch)
	}
	if scenario, err = demoWorld(st, scenario); err != nil {
		return err
	}
	srv, err := xfake.Start(scenario, xfake.Options{Secrets: &xfake.Secrets{
		ConsumerKey: demoCredentials.APIKey, ConsumerSecret: demoCredentials.APIKeySecret,
		Token: demoCredentials.AccessToken, TokenSecret: demoCredentials.AccessSecret,
	}})
	if err != nil {
		return err
	}
	defer srv.Close()
	client, err := app.XClient(srv.URL(), demoCredentials, false, e.meter(st))
	if err != nil {
		return err
	}
	acct, err := account(ctx, client, st)
	if err != nil {
		return err
	}
	t, err := e.demoTeam(ctx, st, srv, app.Account{User: acct, Client: client}, scenario)
	if err != nil {
		return err
	}
	if e.cfg.DMInterval == config.DefaultDMInterval { // the simulated X bills nothing: read DMs as often as X's 15 in 15 minutes allow
		e.cfg.DMInterval = time.Minute
	}
	if len(e.cfg.Searches) == 0 { // hear the shop's name, as a shop would set up
		e.cfg.Searches = []config.Search{{Name: "brand", Query: xfake.DemoSearch}}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go drip(ctx, srv, int(time.Since(epoch)/dripEvery))
	if found, _ := e.snippets(); found == nil {
		e.demoSnippets = true
	}
	return e.runTUI(ctx, st, t, demoPollInterval)
}

// demoTeam signs the demo shop's other accounts in to its simulated X.
func (e *env) demoTeam(ctx context.Context, st *store.Store, srv *xfake.Server, first app.Account, sc xfake.Scenario) (app.Team, error) {
	t := app.Team{first}
	for _, u := range sc.MoreAccounts {
		creds := demoCredentials
		creds.AccessToken, creds.AccessSecret = xfake.AccountToken(u)
		sa, err := e.signIn(ctx, st, srv.URL(), u.Username, creds)
		if err != nil {
			return nil, err
		}
		t = append(t, sa)
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

// dripEvery is the mean pause between the demo's new mentions.
const dripEvery = 25 * time.Second

// drip adds a new mention to the simulation every 20 to 30 seconds,
// from the nth of the stream on (a world continued goes on where the
// clock says it is).
func drip(ctx context.Context, srv *xfake.Server, from int) {
	next := xfake.ShopDrip()
	for n := from; ; n++ {
		wait := 20*time.Second + time.Duration(rand.Int64N(int64(10*time.Second)))
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
			srv.AddPost(next(n))
		}
	}
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
