package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui"
	"github.com/harkhq/hark/tui/keys"
)

// env holds what every subcommand shares: flags, paths and settings.
type env struct {
	getenv     func(string) string
	configPath string
	dbPath     string
	apiBase    string
	offline    bool
	paths      config.Paths
	cfg        config.Config
	keys       *keys.KeyMap
	// demoSnippets uses the demo shop's snippets when the user has none.
	demoSnippets bool
	log          *slog.Logger
	// errOut is where progress and warnings go (standard error).
	errOut io.Writer
	// held is the database this hark holds while it runs a command for
	// another hark (over its socket); nil otherwise.
	held *app.Runtime
	// tty tells whether the outputs are terminals: this process's, or
	// those of the hark whose command this one runs.
	tty terminals
	// ttyGiven is set when tty came with the command (over the socket).
	ttyGiven bool
	// cfgErr is why the config file was refused, for 'hark doctor',
	// which goes on with the defaults to check the rest.
	cfgErr error
	// rules and service are the config's [[rule]]s and [service] as the
	// store and the report take them (see resolve).
	rules   []store.Rule
	service report.Settings
	// person is the person of the team running the command over SSH
	// (hark serve); "" for the owner. What it changes records them.
	person string
	// serving, when set, serves the inbox over SSH instead of showing it
	// (hark serve, hark demo --serve).
	serving *serving
}

// terminals tells which outputs are terminals.
type terminals struct{ out, err bool }

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

func newRoot(getenv func(string) string) *cobra.Command { return newRootHeld(getenv, nil, nil, "") }

// newRootHeld is hark's command tree; with h, its commands use the
// database this hark holds instead of opening it, and tty tells whose
// outputs are terminals.
func newRootHeld(getenv func(string) string, h *app.Runtime, tty *terminals, person string) *cobra.Command {
	e := &env{getenv: getenv, held: h, person: person}
	if tty != nil {
		e.tty, e.ttyGiven = *tty, true
	}
	root := &cobra.Command{
		Use:           "hark",
		Short:         "A terminal inbox for your shop's mentions on X",
		Long:          "hark listens to what X says to and about your shop, lets you triage and answer it from the keyboard,\nand keeps every conversation in a local file for offline review.\n\nTry it without an account: hark demo",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
		Args:          cobra.NoArgs,
		RunE:          func(cmd *cobra.Command, _ []string) error { return e.runLive(cmd.Context()) },
	}
	pf := root.PersistentFlags()
	pf.StringVar(&e.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/hark/config.toml)")
	pf.StringVar(&e.dbPath, "db", "", "database file (default $XDG_DATA_HOME/hark/hark.db)")
	_ = root.MarkPersistentFlagFilename("config", "toml") // paths: resolved where the user is (see commandLine)
	_ = root.MarkPersistentFlagFilename("db")
	pf.StringVar(&e.apiBase, "api-base", "", "X API base URL (default: X's own)")
	_ = pf.SetAnnotation("api-base", traitOwners, []string{"yes"}) // over SSH the server's keys would go to that address
	root.Flags().BoolVar(&e.offline, "offline", false, "start without polling X: triage and read what is stored")
	root.SetFlagErrorFunc(flagError)
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		e.errOut = cmd.ErrOrStderr()
		if !e.ttyGiven {
			e.tty = terminals{out: isTerminal(cmd.OutOrStdout()), err: isTerminal(cmd.ErrOrStderr())}
		}
		if err := e.load(has(cmd, traitTolerant)); err != nil {
			return err
		}
		if err := confirm(cmd, args); err != nil {
			return err
		}
		if forwarded, err := e.forward(cmd, args); forwarded {
			return err // ran in the hark that holds the database
		}
		return nil
	}
	root.AddCommand(declare(newDemo(e), traitUnserved), declare(newSync(e), traitUnserved), newExport(e), newLs(e), newTag(e),
		newStatus(e), newSnooze(e), newNote(e), newSend(e), newOutbox(e), newSearch(e), declare(newReindex(e), traitOwners),
		declare(newPurge(e), traitOwners), declare(newCheck(e), traitOwners), newUsage(e), newSources(e), newReport(e),
		declare(newLogin(e), traitUnserved), declare(newDoctor(e), traitUnserved, traitTolerant), newReassign(e),
		declare(newRules(e), traitOwners), declare(newHandoff(e), traitOwners), declare(newLive(e), traitOwners),
		declare(newTeam(e), traitOwners), declare(newServe(e), traitUnserved))
	declare(root, traitUnserved) // a bare hark is the inbox itself
	root.InitDefaultHelpCmd()    // cobra's own commands, made now so they can declare theirs
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			declare(c, traitUnserved)
		}
	}
	return root
}

// load reads the paths and the config, and opens the log. A refused
// config is an error, unless tolerant: then it is kept in cfgErr and the
// defaults stand in.
func (e *env) load(tolerant bool) error {
	paths, err := config.DefaultPaths(e.getenv)
	if err != nil {
		return err
	}
	e.paths = paths
	required := e.configPath != ""
	if e.configPath == "" {
		e.configPath = paths.Config
	}
	if e.dbPath == "" {
		e.dbPath = paths.DB
	}
	if e.cfg, err = config.Load(e.configPath, required, e.getenv); err != nil {
		if !tolerant {
			return err
		}
		e.cfgErr, e.cfg = err, config.Defaults(e.configPath, e.getenv)
	}
	if e.apiBase != "" {
		e.cfg.APIBase = e.apiBase
	}
	if h := e.held; h != nil && h.Settings.Config != nil { // the sources, rules and push the running hark runs (the demo's own, say)
		held := h.Settings.Config
		e.cfg.Searches, e.cfg.DMInterval, e.cfg.Rules, e.cfg.Live = held.Searches, held.DMInterval, held.Rules, h.Live()
	}
	if err := e.resolve(tolerant); err != nil {
		return err
	}
	e.keys = keys.Default()
	if err := e.keys.Rebind(e.cfg.Keys); err != nil {
		var rerr *keys.RebindError
		if errors.As(err, &rerr) {
			return fmt.Errorf("%s: [keys] %v", e.cfg.LineOf(rerr.Action), err)
		}
		return fmt.Errorf("%s: [keys] %v", e.configPath, err)
	}
	if err := e.keys.Check(tui.KeyContexts()); err != nil {
		return fmt.Errorf("%s: [keys] %v", e.conflictLine(err), err)
	}
	e.log = openLog(paths.Log)
	return nil
}

// resolve makes the store's rules and the report's settings of the
// config, refusing a bad one where it is written, as a refused config
// is (kept in cfgErr when tolerant, the defaults standing in).
func (e *env) resolve(tolerant bool) error {
	rules, err := store.RulesOf(e.cfg.Rules)
	var service report.Settings
	if err == nil {
		service, err = report.SettingsOf(e.cfg.Service)
	}
	if err != nil {
		if !tolerant {
			return err
		}
		e.cfgErr, rules = err, nil
		service, _ = report.SettingsOf(config.Service{}) // every hour, the default target: cannot fail
	}
	e.rules, e.service = rules, service
	return e.resolvePrices()
}

// resolvePrices lays the prices config.toml sets over the network's own.
func (e *env) resolvePrices() error {
	x, err := network.AdapterOf(network.X)
	if err != nil {
		return err
	}
	e.cfg.Prices = x.Prices().Overlay(e.cfg.Prices)
	return nil
}

// conflictLine is where config.toml rebound a key into a conflict: the
// line of the action it rebound, else the file.
func (e *env) conflictLine(err error) string {
	var cerr *keys.ConflictError
	if errors.As(err, &cerr) {
		for _, a := range []keys.Action{cerr.Actions[1], cerr.Actions[0]} {
			if _, ok := e.cfg.KeyLines[string(a)]; ok {
				return e.cfg.LineOf(string(a))
			}
		}
	}
	return e.configPath
}

// openLog appends to the log file; without one, it logs nowhere.
func openLog(path string) *slog.Logger {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err == nil {
		if f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
			return slog.New(slog.NewTextHandler(f, nil))
		}
	}
	return slog.New(slog.DiscardHandler)
}

// withStore opens the database for a command that needs no network.
func (e *env) withStore(fn func(*store.Store) error) error {
	if e.held != nil {
		return fn(e.held.Store)
	}
	st, err := e.openStore(e.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.WakeDue(time.Now()); err != nil && !errors.Is(err, store.ErrReadOnly) {
		return err
	}
	return fn(st)
}

// openStore opens the database at path; a reindex that was interrupted
// is finished first (store.Open does), with a progress bar.
func (e *env) openStore(path string) (*store.Store, error) {
	return store.OpenWith(path, store.Options{
		ReindexProgress: e.progress(e.errOut, "hark: building the search index, once (a new hark's index, or an interrupted 'hark reindex'): about 35 s a million posts"),
		Rules:           e.rules,
		QueueNew:        e.hooksDir().Present(hooks.PostNew), // executable or not yet: see hooks.Feeder
	})
}

// errNoCredentials says what to set, in one line.
func (e *env) errNoCredentials(missing []string) error {
	return fmt.Errorf("no X credentials: set %s (or [credentials] in %s); `hark demo` needs none", strings.Join(missing, ", "), e.configPath)
}

// client builds the X client from the settings; what X bills is counted
// in st.
func (e *env) client(st *store.Store) (network.Client, error) {
	if missing := e.cfg.Credentials.Missing(); len(missing) > 0 {
		return nil, e.errNoCredentials(missing)
	}
	return network.Connect(e.dialAccount("", e.cfg.APIBase, e.cfg.Credentials, e.meter(st)))
}

// dial is how an account is reached: its network's API at apiBase (the
// network's own when empty), its keys, what it bills counted by meter
// (nil: not counted).
func (e *env) dial(apiBase string, creds config.Credentials, meter spend.Meter) network.Dial {
	return network.Dial{APIBase: apiBase, Credentials: creds, NotAppOwner: e.cfg.NotAppOwner, Meter: meter, Getenv: e.getenv}
}

// dialAccount is dial for one of the config's accounts (name "" is the
// unnamed one): its live sign-in is kept beside config.toml.
func (e *env) dialAccount(name, apiBase string, creds config.Credentials, meter spend.Meter) network.Dial {
	d := e.dial(apiBase, creds, meter)
	d.Tokens = config.LiveTokensPath(e.configPath, name)
	return d
}

// meter counts what X bills in st, to the source that made the call. A
// count that cannot be written is logged: the call itself went well.
func (e *env) meter(st *store.Store) spend.Meter {
	return func(ctx context.Context, uses []spend.Use) {
		if err := st.CountSpend(time.Now(), spend.Source(ctx), uses); err != nil {
			e.log.Warn("could not count what X billed", "err", err)
		}
	}
}

// account asks X who the credentials belong to and records it; when X
// cannot be reached, the account recorded last time will do.
func account(ctx context.Context, c network.Client, st *store.Store) (model.User, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	me, err := c.Me(ctx)
	if err == nil {
		return me, st.SetAccount(me)
	}
	if errors.Is(err, network.ErrUnauthorized) {
		return model.User{}, err
	}
	if known, found, serr := st.Account(); serr == nil && found {
		return known, nil
	}
	return model.User{}, fmt.Errorf("cannot reach X to learn the account: %w", err)
}
