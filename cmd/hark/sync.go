package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/listen"
)

func newSync(e *env) *cobra.Command {
	var once bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Fetch new mentions into the database, without the interface",
		Long:  "Fetch new mentions into the database. With --once, fetch everything new, print how many posts\narrived and exit; without it, keep polling and print what arrives until interrupted.",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			return e.sync(ctx, cmd, once)
		},
	}
	cmd.Flags().BoolVar(&once, "once", false, "fetch once and exit")
	return cmd
}

func (e *env) sync(ctx context.Context, cmd *cobra.Command, once bool) error {
	s, err := e.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.store.Close()
	out := cmd.OutOrStdout()
	if once {
		n, err := listen.New(s.client, s.store, s.account, listen.Options{}).SyncOnce(ctx)
		if err != nil {
			return fmt.Errorf("sync failed after storing %d new posts: %w", n, err)
		}
		fmt.Fprintf(out, "%d new posts\n", n)
		return nil
	}
	events := make(chan listen.Event, 64)
	go func() {
		for ev := range events {
			printEvent(out, ev)
		}
	}()
	err = listen.New(s.client, s.store, s.account, listen.Options{Interval: e.cfg.PollInterval, Events: events}).Run(ctx)
	close(events)
	return err
}

func printEvent(out interface{ Write([]byte) (int, error) }, ev listen.Event) {
	switch ev := ev.(type) {
	case listen.Arrived:
		fmt.Fprintf(out, "%d new posts\n", len(ev.Posts))
	case listen.State:
		switch ev.Phase {
		case listen.RateLimited:
			fmt.Fprintf(out, "rate-limited until %s\n", ev.Next.Local().Format("15:04:05"))
		case listen.Offline:
			fmt.Fprintf(out, "X unreachable (%v); retrying at %s\n", ev.Err, ev.Next.Local().Format("15:04:05"))
		}
	}
}
