package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/when"
)

func newSync(e *env) *cobra.Command {
	var once, noWait bool
	var verify verifyFlags
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Fetch new mentions into the database, without the interface",
		Long: "Fetch new mentions into the database. With --once, fetch everything new, print how many posts\n" +
			"arrived and exit: a rate limit of up to 15 minutes is waited out (--no-wait fails at once instead)\n" +
			"and X's failures are retried for a minute. Without --once, keep polling and print what arrives\n" +
			"until interrupted, and send what the outbox holds as it comes due, as the inbox does.\n" +
			"With --verify-deleted, look up instead the posts stored in the last --days days (7) and remove\n" +
			"those their authors deleted, as X's terms require: it says what that costs and asks unless --yes.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			if err := verify.check(cmd); err != nil {
				return err
			}
			if verify.on {
				return e.verifyDeleted(ctx, cmd, verify)
			}
			return e.sync(ctx, cmd, once, noWait)
		},
	}
	verify.declare(cmd)
	cmd.Flags().BoolVar(&once, "once", false, "fetch once and exit")
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "with --once: fail at a rate limit instead of waiting for its reset")
	return cmd
}

func (e *env) sync(ctx context.Context, cmd *cobra.Command, once, noWait bool) error {
	s, err := e.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.store.Close()
	out := cmd.OutOrStdout()
	events := make(chan listen.Event, 64)
	printed := make(chan struct{})
	go func() {
		defer close(printed)
		for ev := range events {
			printEvent(out, ev, !once)
		}
	}()
	hookFailed := func(err error) {
		if err != nil { // nil: it works again
			fmt.Fprintln(cmd.ErrOrStderr(), "warning: "+err.Error()+" (its posts wait for it)")
		}
	}
	if !once { // poll, send what is queued and serve until interrupted, as the inbox does
		o := e.runtimeOptions(s.store, s.team, e.cfg.PollInterval)
		o.Listen, o.HookFailed = events, hookFailed
		rt := app.Start(ctx, o)
		if rt.ServeErr != nil {
			e.log.Warn("not serving other hark commands", "err", rt.ServeErr)
		}
		err = rt.Wait()
		rt.Close()
		close(events)
		<-printed
		return err
	}
	pollers := e.settings().Pollers(s.store, s.team, e.cfg.PollInterval, events)
	feeder := e.settings().Feeder(s.store, hookFailed)
	patience := listen.DefaultPatience
	if noWait {
		patience.MaxRateWait = 0
	}
	var res listen.Result
	for _, p := range pollers { // one account after the other: each its own limits
		r, perr := p.SyncPatiently(ctx, patience)
		res.Add(r)
		if err = perr; err != nil {
			break
		}
	}
	close(events)
	<-printed
	if feeder != nil {
		_ = feeder.Feed(ctx) // a failure is told by the feeder; the posts wait for the next run
	}
	for _, note := range []string{res.Note(), res.Budget} {
		if note != "" {
			fmt.Fprintln(cmd.ErrOrStderr(), "warning: "+note)
		}
	}
	if err != nil {
		return fmt.Errorf("sync failed after storing %d new posts: %w", res.New, err)
	}
	line := summary(res)
	if today, err := todaySpent(s.store, e.cfg.Prices); err == nil {
		line += " · " + today.String() + " spent today"
	}
	fmt.Fprintln(out, line)
	return nil
}

// todaySpent is what X billed today (UTC), at prices.
func todaySpent(st *store.Store, prices spend.Prices) (spend.Micros, error) {
	now := time.Now()
	rows, err := st.SpendSince(spend.Day(now))
	return prices.Today(rows, now), err
}

// summary is a sync's result in one line: the new posts, by source when
// there are several.
func summary(res listen.Result) string {
	line := fmt.Sprintf("%d new posts", res.New)
	if len(res.Sources) > 1 {
		var parts []string
		for _, s := range res.Sources {
			parts = append(parts, fmt.Sprintf("%s %d", s.Name, s.New))
		}
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	if res.Reread > 0 {
		line += fmt.Sprintf(" (%d read again: the last %d minutes, checked for late posts)", res.Reread, int(listen.Overlap.Minutes()))
	}
	return line
}

// printEvent writes what the poller reports; arrivals only while
// polling (--once prints its total at the end).
func printEvent(out io.Writer, ev listen.Event, arrivals bool) {
	switch ev := ev.(type) {
	case listen.Arrived:
		if arrivals {
			fmt.Fprintf(out, "%d new posts\n", len(ev.Posts))
		}
	case listen.FirstRead:
		fmt.Fprintln(out, firstReadLine(ev))
	case listen.State:
		now := time.Now()
		switch ev.Phase {
		case listen.RateLimited:
			fmt.Fprintf(out, "rate-limited until %s, waiting\n", when.Clock(ev.Next, now))
		case listen.Offline:
			fmt.Fprintf(out, "X unreachable (%v); retrying at %s\n", ev.Err, when.Clock(ev.Next, now))
		}
		if ev.Note != "" && arrivals {
			fmt.Fprintln(out, "warning: "+ev.Note)
		}
	}
}

// firstReadLine is the progress line of a source's first read.
func firstReadLine(ev listen.FirstRead) string {
	return fmt.Sprintf("reading the shop's own posts (%s) for the first time, back to %s: its replies made in X's app or elsewhere join their conversations",
		ev.Source, ev.Since.Local().Format("Jan 2"))
}
