package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
)

// finding is one line of 'hark doctor': what was checked, what was
// found, and the fix when it failed.
type finding struct {
	ok         bool
	what, said string
	fix        string
}

func newDoctor(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check everything hark needs, one line each, with the fix for what fails",
		Long: "Checks the config file and its mode, the credentials and whether X accepts them, the app's\n" +
			"DM permission, the database (schema, size, bbolt's integrity check) and whether another hark\n" +
			"holds it, the log, the clock against X's, the rate-limit headroom, and today's spend against\n" +
			"the budget. Exits 1 when any check fails. It reads one DM event to see the permission (a DM\n" +
			"read, $0.010, at most once a day).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var found []finding
			found = append(found, e.configFindings()...)
			var billed meterBuffer
			found = append(found, e.xFindings(cmd.Context(), billed.meter)...)
			if err := e.countDoctorSpend(cmd, billed.uses); err != nil {
				found = append(found, finding{what: "spend", said: "what the checks cost X could not be counted: " + err.Error()})
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
		if !f.ok {
			mark, failed = "✗", failed+1
		}
		line := fmt.Sprintf("%s %-12s %s", mark, f.what, f.said)
		if !f.ok && f.fix != "" {
			line += " → " + f.fix
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
	f := finding{what: "config", ok: true}
	switch st, err := os.Stat(e.configPath); {
	case e.cfgErr != nil:
		f.ok, f.said, f.fix = false, e.cfgErr.Error(), "mend the line it names"
	case errors.Is(err, os.ErrNotExist):
		f.said = e.configPath + " (none: every setting at its default)"
	case err != nil:
		f.ok, f.said = false, err.Error()
	default:
		f.said = fmt.Sprintf("%s (%v)", e.configPath, st.Mode().Perm())
	}
	creds := finding{what: "credentials", ok: true, said: "from " + e.credentialsSource()}
	if missing := e.cfg.Credentials.Missing(); len(missing) > 0 {
		creds.ok, creds.said, creds.fix = false, fmt.Sprintf("missing %v", missing), "run hark login"
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

// xFindings ask X: the account, the DM permission, the clock, the rate
// limits. Without credentials there is nothing to ask.
func (e *env) xFindings(ctx context.Context, meter spend.Meter) []finding {
	if len(e.cfg.Credentials.Missing()) > 0 {
		return nil
	}
	client, err := twitter.New(twitter.Options{APIBase: e.cfg.APIBase, Credentials: e.cfg.Credentials, NotAppOwner: e.cfg.NotAppOwner, Meter: meter})
	if err != nil {
		return []finding{{what: "X", said: err.Error(), fix: "check api_base"}}
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	me, err := client.Me(ctx)
	if err != nil {
		return []finding{{what: "account", said: err.Error(), fix: "run hark login"}}
	}
	out := []finding{{ok: true, what: "account", said: fmt.Sprintf("@%s: X accepts the credentials", me.Username)}}
	dm := finding{ok: true, what: "DMs", said: "the app may read and send DMs"}
	if _, err := client.DMEvents(ctx, network.DMQuery{Max: 1}); err != nil {
		dm.ok, dm.said = false, err.Error()
		if errors.Is(err, twitter.ErrNoDMPermission) {
			dm.said, dm.fix = "the app's permission is not \"Read, write, and Direct Messages\"", "change it in X's developer portal, then hark login"
		}
	}
	out = append(out, dm, clockFinding(client), limitFinding(client))
	return out
}

// maxSkew is the clock difference past which X refuses signatures.
const maxSkew = 5 * time.Minute

func clockFinding(c *twitter.Client) finding {
	skew, ok := c.ClockSkew()
	f := finding{ok: true, what: "clock"}
	switch {
	case !ok:
		f.said = "X's answers had no Date to compare with"
	case skew.Abs() > maxSkew:
		f.ok, f.said, f.fix = false, fmt.Sprintf("%v off X's clock: X refuses signatures that far out", skew), "set the clock (timedatectl set-ntp true)"
	default:
		f.said = fmt.Sprintf("%v off X's clock", skew)
	}
	return f
}

// limitFinding says how much of the rate-limit windows seen is left.
func limitFinding(c *twitter.Client) finding {
	f := finding{ok: true, what: "rate limits"}
	for _, ep := range []string{"GET /2/users/me", "GET /2/dm_events"} {
		l, ok := c.RateLimits().Get(ep)
		if !ok {
			continue
		}
		if f.said != "" {
			f.said += ", "
		}
		f.said += fmt.Sprintf("%s %d of %d left", ep, l.Remaining, l.Limit)
		if l.Remaining == 0 {
			f.ok, f.fix = false, "wait until "+l.Reset.Local().Format("15:04")
		}
	}
	if f.said == "" {
		f.said = "X sent no rate-limit headers"
	}
	return f
}

// storeFindings open the database to check it, unless another hark
// holds it (then that is the finding: its checks need it closed).
func (e *env) storeFindings() []finding {
	db := finding{what: "database", ok: true}
	if _, err := os.Stat(e.dbPath); errors.Is(err, os.ErrNotExist) {
		db.said = e.dbPath + " (none yet: the first sync makes it)"
		return []finding{db, {ok: true, what: "lock", said: "no hark holds the database"}}
	}
	st, err := store.OpenWith(e.dbPath, store.Options{ReadOnly: true})
	switch {
	case errors.Is(err, store.ErrLocked):
		return []finding{{ok: true, what: "lock", said: "a running hark holds " + e.dbPath + ": the database checks need it closed"}}
	case err != nil:
		db.ok, db.said, db.fix = false, err.Error(), "keep a copy of the file; hark check says more"
		return []finding{db}
	}
	defer st.Close()
	size := "?"
	if fi, err := os.Stat(e.dbPath); err == nil {
		size = fmt.Sprintf("%.1f MB", float64(fi.Size())/1e6)
	}
	db.said = fmt.Sprintf("%s (schema %d, %s): bbolt's check finds the file whole", e.dbPath, store.SchemaVersion, size)
	if err := st.CheckFile(); err != nil {
		db.ok, db.said, db.fix = false, err.Error(), "keep a copy of the file; hark check says more"
	}
	return []finding{db, {ok: true, what: "lock", said: "no other hark holds the database"}, e.spendFinding(st)}
}

// spendFinding says today's spend and the month's against the budget.
func (e *env) spendFinding(st *store.Store) finding {
	now := time.Now()
	rows, err := st.SpendSince(spend.MonthDay(now))
	if err != nil {
		return finding{what: "spend", said: err.Error()}
	}
	today := e.cfg.Prices.Today(rows, now)
	month := e.cfg.Prices.Total(rows)
	f := finding{ok: true, what: "spend", said: fmt.Sprintf("%s today, %s this month", today, month)}
	if e.cfg.Budget > 0 {
		f.said += fmt.Sprintf(" of a %s budget", spend.Micros(e.cfg.Budget))
		if e.cfg.Budget.Stand(month) == spend.Spent {
			f.ok, f.fix = false, "reading stopped: raise [budget] month, or wait for next month"
		}
	}
	return f
}

// logFinding checks that the log can be written.
func (e *env) logFinding() finding {
	path := e.paths.Log
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return finding{what: "log", said: err.Error(), fix: "make " + filepath.Dir(path) + " writable"}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return finding{what: "log", said: err.Error(), fix: "make " + path + " writable"}
	}
	f.Close()
	return finding{ok: true, what: "log", said: path}
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
			out = append(out, finding{what: "hook", said: path + " is not executable: it does not run", fix: "chmod +x " + path})
		case d.Has(name):
			out = append(out, finding{ok: true, what: "hook", said: path})
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
		return finding{what: "socket", said: err.Error()}
	}
	var untrusted *sock.UntrustedError
	switch err := sock.Trust(path); {
	case err == nil:
		return finding{ok: true, what: "socket", said: path + ": a hark serves the database there"}
	case errors.As(err, &untrusted):
		return finding{what: "socket", said: err.Error(), fix: "remove " + untrusted.Path + " (a hark makes its own), or set XDG_RUNTIME_DIR"}
	case errors.Is(err, fs.ErrNotExist):
		return finding{ok: true, what: "socket", said: path + " (no hark serves the database now)"}
	default:
		return finding{what: "socket", said: err.Error()}
	}
}
