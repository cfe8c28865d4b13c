package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// finding is one line of 'hark doctor': what was checked, what was
// found, and the fix when it failed (a network's adapter makes its own).
type finding = network.Finding

func newDoctor(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check everything hark needs, one line each, with the fix for what fails",
		Long: "Checks the config file and its mode, the credentials and whether X accepts them, the app's\n" +
			"DM permission, the database (schema, size, bbolt's integrity check) and whether another hark\n" +
			"holds it, the log, the clock against X's, the rate-limit headroom, what X's subscriptions\n" +
			"cover when [live] asks for a push, and today's spend against\n" +
			"the budget. Exits 1 when any check fails. It reads one DM event to see the permission (a DM\n" +
			"read, $0.010, at most once a day).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var found []finding
			found = append(found, e.configFindings()...)
			var billed meterBuffer
			found = append(found, e.networkFindings(cmd.Context(), billed.meter)...)
			found = append(found, e.liveFindings(cmd.Context(), billed.meter)...)
			if err := e.countDoctorSpend(cmd, billed.uses); err != nil {
				found = append(found, finding{What: "spend", Said: "what the checks cost X could not be counted: " + err.Error()})
			}
			found = append(found, e.storeFindings()...)
			found = append(found, e.logFinding())
			found = append(found, e.hookFindings()...)
			found = append(found, e.socketFinding())
			return printFindings(cmd.OutOrStdout(), found)
		},
	}
}

// printFindings writes a line per finding and fails when one failed.
func printFindings(out io.Writer, found []finding) error {
	failed := 0
	for _, f := range found {
		mark := "✓"
		if !f.OK {
			mark, failed = "✗", failed+1
		}
		line := fmt.Sprintf("%s %-12s %s", mark, f.What, f.Said)
		if !f.OK && f.Fix != "" {
			line += " → " + f.Fix
		}
		fmt.Fprintln(out, line)
	}
	if failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d of %d checks failed", failed, len(found))}
	}
	fmt.Fprintf(out, "all %d checks passed\n", len(found))
	return nil
}

// configFindings check the config file: read, and private when it holds
// credentials; and that there are credentials.
func (e *env) configFindings() []finding {
	f := finding{What: "config", OK: true}
	switch st, err := os.Stat(e.configPath); {
	case e.cfgErr != nil:
		f.OK, f.Said, f.Fix = false, e.cfgErr.Error(), "mend the line it names"
	case errors.Is(err, os.ErrNotExist):
		f.Said = e.configPath + " (none: every setting at its default)"
	case err != nil:
		f.OK, f.Said = false, err.Error()
	default:
		f.Said = fmt.Sprintf("%s (%v)", e.configPath, st.Mode().Perm())
	}
	creds := finding{What: "credentials", OK: true, Said: "from " + e.credentialsSource()}
	if missing := e.cfg.Credentials.Missing(); len(missing) > 0 {
		creds.OK, creds.Said, creds.Fix = false, fmt.Sprintf("missing %v", missing), "run hark login"
	}
	return []finding{f, creds}
}

// credentialsSource says where the credentials come from.
func (e *env) credentialsSource() string {
	if e.getenv("HARK_X_ACCESS_TOKEN") != "" {
		return "the environment (HARK_X_*)"
	}
	return "[credentials] in " + e.configPath
}

// networkFindings ask the account's network through its adapter (X:
// the account, the DM permission, the clock, the rate limits). Without
// credentials there is nothing to ask.
func (e *env) networkFindings(ctx context.Context, meter spend.Meter) []finding {
	if len(e.cfg.Credentials.Missing()) > 0 {
		return nil
	}
	x, err := network.AdapterOf(network.X)
	if err != nil {
		return []finding{{What: "network", Said: err.Error()}}
	}
	found := x.Check(ctx, e.dialAccount("", e.cfg.APIBase, e.cfg.Credentials, meter))
	return append(found, e.otherNetworkFindings(ctx)...)
}

// otherNetworkFindings ask each account of another network than X's
// (a Bluesky account) about itself, through its adapter.
func (e *env) otherNetworkFindings(ctx context.Context) []finding {
	var found []finding
	for _, a := range e.cfg.Accounts {
		if a.Network == "" || a.Network == network.X {
			continue
		}
		adapter, err := network.AdapterOf(a.Network)
		if err != nil {
			found = append(found, finding{What: a.Name, Said: err.Error()})
			continue
		}
		for _, f := range adapter.Check(ctx, e.dialFor(a, "", nil)) {
			f.What = a.Name + " " + f.What
			found = append(found, f)
		}
	}
	return found
}

// liveFindings say, when [live] asks for a push, what X's subscriptions
// cover (a running hark makes them; hark live status tells its stream).
func (e *env) liveFindings(ctx context.Context, meter spend.Meter) []finding {
	if !e.cfg.Live.On() || len(e.cfg.Credentials.Missing()) > 0 {
		return nil
	}
	f := finding{What: "live", OK: true}
	client, err := network.Connect(e.dialAccount("", e.cfg.APIBase, e.cfg.Credentials, meter))
	var me model.User
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if me, err = client.Me(ctx); err == nil { // read today by the account check already: not billed again
			err = e.followedLine(ctx, client, me, &f)
		}
	}
	if err != nil {
		f.OK, f.Said, f.Fix = false, "X's subscriptions could not be listed: "+err.Error(), "hark live status says more"
	}
	return []finding{f}
}

// followedLine says what [live] asks and what X pushes.
func (e *env) followedLine(ctx context.Context, client network.Client, me model.User, f *finding) error {
	p, ok := client.(network.Pusher)
	if !ok {
		f.Said = "the account's network pushes nothing: hark polls"
		return nil
	}
	followed, err := p.Followed(ctx, me.ID)
	if err != nil {
		return err
	}
	asked := strings.Join(app.LiveSources(e.cfg.Live), ", ")
	f.Said = fmt.Sprintf("[live] asks %s; X pushes %s (a running hark makes the subscriptions; hark live status tells its stream)",
		asked, orNothing(strings.Join(followed, ", "), "nothing yet"))
	return nil
}

// storeFindings open the database to check it, unless another hark
// holds it (then that is the finding: its checks need it closed).
func (e *env) storeFindings() []finding {
	db := finding{What: "database", OK: true}
	if _, err := os.Stat(e.dbPath); errors.Is(err, os.ErrNotExist) {
		db.Said = e.dbPath + " (none yet: the first sync makes it)"
		return []finding{db, {OK: true, What: "lock", Said: "no hark holds the database"}}
	}
	st, err := store.OpenWith(e.dbPath, store.Options{ReadOnly: true})
	switch {
	case errors.Is(err, store.ErrLocked):
		return []finding{{OK: true, What: "lock", Said: "a running hark holds " + e.dbPath + ": the database checks need it closed"}}
	case err != nil:
		db.OK, db.Said, db.Fix = false, err.Error(), "keep a copy of the file; hark check says more"
		return []finding{db}
	}
	defer st.Close()
	size := "?"
	if fi, err := os.Stat(e.dbPath); err == nil {
		size = fmt.Sprintf("%.1f MB", float64(fi.Size())/1e6)
	}
	db.Said = fmt.Sprintf("%s (schema %d, %s): bbolt's check finds the file whole", e.dbPath, store.SchemaVersion, size)
	if err := st.CheckFile(); err != nil {
		db.OK, db.Said, db.Fix = false, err.Error(), "keep a copy of the file; hark check says more"
	}
	return []finding{db, {OK: true, What: "lock", Said: "no other hark holds the database"}, e.spendFinding(st)}
}

// spendFinding says today's spend and the month's against the budget.
func (e *env) spendFinding(st *store.Store) finding {
	now := time.Now()
	rows, err := st.SpendSince(spend.MonthDay(now))
	if err != nil {
		return finding{What: "spend", Said: err.Error()}
	}
	today := e.cfg.Prices.Today(rows, now)
	month := e.cfg.Prices.Total(rows)
	f := finding{OK: true, What: "spend", Said: fmt.Sprintf("%s today, %s this month", today, month)}
	if e.cfg.Budget > 0 {
		f.Said += fmt.Sprintf(" of a %s budget", spend.Micros(e.cfg.Budget))
		if e.cfg.Budget.Stand(month) == spend.Spent {
			f.OK, f.Fix = false, "reading stopped: raise [budget] month, or wait for next month"
		}
	}
	return f
}

// logFinding checks that the log can be written.
func (e *env) logFinding() finding {
	path := e.paths.Log
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return finding{What: "log", Said: err.Error(), Fix: "make " + filepath.Dir(path) + " writable"}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return finding{What: "log", Said: err.Error(), Fix: "make " + path + " writable"}
	}
	f.Close()
	return finding{OK: true, What: "log", Said: path}
}

// hookFindings check the hooks that are there: each must be executable
// (a post-new that is not keeps its posts queued; a pre-send that is not
// checks nothing).
func (e *env) hookFindings() []finding {
	var out []finding
	for _, name := range []string{hooks.PostNew, hooks.PreSend} {
		d := e.hooksDir()
		switch path := filepath.Join(string(d), name); {
		case d.NotExecutable(name) != nil:
			out = append(out, finding{What: "hook", Said: path + " is not executable: it does not run", Fix: "chmod +x " + path})
		case d.Has(name):
			out = append(out, finding{OK: true, What: "hook", Said: path})
		}
	}
	return out
}

// socketFinding checks where the inbox serves the other commands: a
// folder (and socket) that is not the user's alone is refused by both
// ends, and commands then wait for the inbox to close.
func (e *env) socketFinding() finding {
	path, err := sock.Path(e.dbPath, e.getenv)
	if err != nil {
		return finding{What: "socket", Said: err.Error()}
	}
	var untrusted *sock.UntrustedError
	switch err := sock.Trust(path); {
	case err == nil:
		return finding{OK: true, What: "socket", Said: path + ": a hark serves the database there"}
	case errors.As(err, &untrusted):
		return finding{What: "socket", Said: err.Error(), Fix: "remove " + untrusted.Path + " (a hark makes its own), or set XDG_RUNTIME_DIR"}
	case errors.Is(err, fs.ErrNotExist):
		return finding{OK: true, What: "socket", Said: path + " (no hark serves the database now)"}
	default:
		return finding{What: "socket", Said: err.Error()}
	}
}
