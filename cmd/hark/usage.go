package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/when"
)

// kindNames are the kinds as the usage report words them: one, many.
var kindNames = map[spend.Kind][2]string{
	spend.OwnedRead:     {"owned read", "owned reads"},
	spend.PostRead:      {"post read", "post reads"},
	spend.UserRead:      {"user read", "user reads"},
	spend.DMRead:        {"DM read", "DM reads"},
	spend.SummonedReply: {"reply", "replies"},
	spend.OtherPost:     {"other post", "other posts"},
	spend.DMSent:        {"DM sent", "DMs sent"},
	spend.Delete:        {"delete", "deletes"},
	spend.PushedPost:    {"pushed post", "pushed posts"},
	spend.PushedDM:      {"pushed DM", "pushed DMs"},
}

func newUsage(e *env) *cobra.Command {
	var format, record string
	var days int
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Show what X billed, by UTC day and kind, the month to date and its projection",
		Long: "Shows what hark's calls to X cost, as hark counts them with the prices of config.toml's\n" +
			"[prices]: each resource X returned (a resource read again the same UTC day is not billed\n" +
			"again), and each post or DM sent. X bills by UTC day; so does this report. The last\n" +
			"line is the month to date, the month's projection at this pace, and the budget.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "jsonl" {
				return fmt.Errorf("--format %q: use text or jsonl", format)
			}
			return e.withStore(func(st *store.Store) error {
				if record != "" {
					return recordSpend(st, record)
				}
				now := time.Now()
				from := min(spend.Day(now.AddDate(0, 0, 1-days)), spend.MonthDay(now))
				rows, err := st.SpendSince(from)
				if err != nil {
					return err
				}
				list := spend.Days(rows, e.cfg.Prices, now, days)
				month := spend.MonthOf(rows, e.cfg.Prices, now, e.cfg.Budget)
				if format == "jsonl" {
					return usageJSONL(cmd.OutOrStdout(), list, month)
				}
				usageText(cmd.OutOrStdout(), list, month, e.cfg.Prices)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or jsonl")
	cmd.Flags().IntVar(&days, "days", 7, "how many UTC days, today's included (1-366)")
	cmd.Flags().StringVar(&record, "record", "", "count these uses (JSON) to doctor: how hark doctor's reads are counted while a hark holds the database")
	_ = cmd.Flags().MarkHidden("record")
	cmd.PreRunE = func(*cobra.Command, []string) error {
		if days < 1 || days > 366 {
			return fmt.Errorf("--days %d: use 1 to 366", days)
		}
		return nil
	}
	return cmd
}

// usageText writes a line per day, then the month.
func usageText(w io.Writer, days []spend.DaySpend, m spend.Month, prices spend.Prices) {
	for _, d := range days {
		fmt.Fprintf(w, "%s  %8s  %s\n", d.Day, d.Cost, kindsLine(d.Counts))
	}
	if n := known(days); n > 0 {
		fmt.Fprintf(w, "people known, not read again: %d in these days (%s of user reads X would have billed with people expanded)\n", n, spend.Micros(n)*prices.Per[spend.UserRead])
	}
	line := fmt.Sprintf("month to date (%s): %s · projected %s", m.Name, m.ToDate, m.Projected)
	if m.Budget > 0 {
		line += fmt.Sprintf(" · budget %s (%.0f%% spent)", spend.Micros(m.Budget), 100*float64(m.ToDate)/float64(m.Budget))
	}
	fmt.Fprintln(w, line)
}

// known counts the people days named whom hark knew and did not read.
func known(days []spend.DaySpend) int {
	n := 0
	for _, d := range days {
		n += d.Counts[spend.PersonKnown]
	}
	return n
}

// kindsLine says what a day's counts were, in the kinds' order.
func kindsLine(c spend.Counts) string {
	var parts []string
	for _, k := range spend.Kinds {
		if n := c[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, kindNames[k][min(n-1, 1)]))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " · ")
}

// usageJSONL writes a line per day, then one for the month.
func usageJSONL(w io.Writer, days []spend.DaySpend, m spend.Month) error {
	enc := json.NewEncoder(w)
	for _, d := range days {
		if err := enc.Encode(map[string]any{"day": d.Day, "dollars": d.Cost.Dollars(), "counts": d.Counts}); err != nil {
			return err
		}
	}
	return enc.Encode(map[string]any{
		"month":         m.Name,
		"month_to_date": m.ToDate.Dollars(),
		"projected":     m.Projected.Dollars(),
		"budget":        spend.Micros(m.Budget).Dollars(),
		"people_known":  known(days),
	})
}

func newSources(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "sources",
		Short: "List what hark listens to: mentions, each saved search, DMs",
		Long: "Lists each source: its name, what it reads, when it last read X to the end, the posts it\n" +
			"found that are stored, and what its calls cost today (UTC).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(func(st *store.Store) error {
				states, err := st.Sources()
				if err != nil {
					return err
				}
				now := time.Now()
				rows, err := st.SpendSince(spend.Day(now))
				if err != nil {
					return err
				}
				today := spend.BySource(spend.Filter(rows, spend.OnDay(spend.Day(now))), e.cfg.Prices)
				out := cmd.OutOrStdout()
				if e.tty.out {
					fmt.Fprintln(out, "SOURCE\tLAST SYNC\tPOSTS\tTODAY\tREADS")
				}
				accounts, err := st.Accounts()
				if err != nil {
					return err
				}
				for _, src := range e.sourceList(accounts) {
					s := states[src.name]
					fmt.Fprintf(out, "%s\t%s\t%d\t%s\t%s\n", src.name, lastSync(s.LastSync, now), s.Posts, today[src.name], src.reads)
				}
				return nil
			})
		},
	}
}

// source is one line of `hark sources`: a name and what it reads.
type source struct{ name, reads string }

// sourceList is every source the config sets up, in sync order: the
// first account's, then each other account's under its handle (accounts
// are the store's, in the config's order).
func (e *env) sourceList(accounts []model.User) []source {
	if h := e.held; h != nil && len(h.Team) > 1 { // a served command: the accounts the holder runs (hark demo --accounts 2)
		first := h.Team[0].User.Network()
		out := e.accountSources("", "the account", first, true, e.cfg.Searches)
		for _, a := range h.Team[1:] {
			net := a.User.Network()
			out = append(out, e.accountSources("@"+a.User.Username+":", "@"+a.User.Username, net, net == first, a.Searches)...)
		}
		return out
	}
	out := e.accountSources("", "the account", "", true, e.cfg.Searches)
	for i, a := range e.cfg.Accounts {
		if i == 0 || i >= len(accounts) {
			continue
		}
		out = append(out, e.accountSources("@"+accounts[i].Username+":", "@"+accounts[i].Username, a.Network, a.Network == "", a.Searches)...)
	}
	return out
}

// accountSources are one account's sources, their names prefixed: on
// network net, pushed when the first account's push carries its events.
func (e *env) accountSources(prefix, who, net string, pushed bool, searches []config.Search) []source {
	title := network.TitleOf(net)
	mentions := "posts that @mention " + who
	if net != "" && net != network.X {
		mentions = "the mentions, replies and quotes " + title + " notifies " + who + " of"
	}
	out := []source{
		{name: prefix + model.MentionsSource, reads: mentions},
		{name: prefix + model.OwnSource, reads: "the posts " + who + " made, in " + title + "'s app too (first read: the last " + when.Short(e.cfg.OwnBackfill) + ")"},
	}
	dms := "direct messages, every " + when.Short(e.cfg.DMInterval)
	if e.cfg.DMInterval == 0 {
		dms = "off ([dms] poll_interval = \"0\")"
	}
	out = append(out, source{name: prefix + model.DMSource, reads: dms})
	for i := range out { // a pushed source is polled only as the net under the push
		if pushed && slices.Contains(app.LiveSources(e.cfg.Live), strings.TrimPrefix(out[i].name, prefix)) {
			out[i].reads += "; pushed by " + title + " when live, then polled every " + when.Short(e.cfg.Live.SafetyPoll)
		}
	}
	for _, s := range searches {
		out = append(out, source{name: prefix + s.Name, reads: "search " + s.Query})
	}
	return out
}

// lastSync says when a source last synced.
func lastSync(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("Jan 2 15:04")
}
