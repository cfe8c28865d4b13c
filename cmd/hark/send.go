package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/when"
)

func newSend(e *env) *cobra.Command {
	var dm, alsoPublic, thread, force bool
	var undo, wait time.Duration
	cmd := &cobra.Command{
		Use:   "send " + convArg + " TEXT...",
		Short: "Reply to a conversation (or --dm its customer) through the outbox",
		Long: "Queues the reply in the outbox and sends it, printing X's id. A reply to a post that did not\n" +
			"mention the shop is refused before it reaches X: use --dm. A reply over 280 characters is\n" +
			"refused unless --thread splits it into a numbered thread. If it has not gone within --wait\n" +
			"(X rate-limits or is down), hark exits with status 75: it stays queued and goes with the next hark.\n" +
			convHelp,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := e.openSession(cmd.Context())
			if err != nil {
				return err
			}
			defer s.close()
			id, err := resolveTarget(cmd.Context(), s.store, args[0], dm)
			if err != nil {
				return err
			}
			items, err := e.compose(s, outbox.Reply{
				ConversationID: id,
				Body:           strings.Join(args[1:], " "),
				DM:             dm,
				AlsoPublic:     alsoPublic,
				Split:          thread,
			}, undo, force, cmd)
			if err != nil {
				return err
			}
			return e.deliver(cmd, s, items, wait)
		},
	}
	cmd.Flags().BoolVar(&dm, "dm", false, "send a direct message to the conversation's customer instead")
	cmd.Flags().BoolVar(&alsoPublic, "also-public", false, "with --dm, also reply publicly that a DM was sent (the dm-notice snippet, if any)")
	cmd.Flags().BoolVar(&thread, "thread", false, "split a reply over 280 characters into a numbered thread")
	cmd.Flags().BoolVar(&force, "force", false, "send a public reply whose text the shop already posted today (X may refuse it)")
	cmd.Flags().DurationVar(&undo, "undo", 0, "wait this long before sending (the undo window)")
	cmd.Flags().DurationVar(&wait, "wait", 30*time.Second, "give up waiting after this long (the reply stays queued; exit status 75)")
	return cmd
}

// compose hands what the user wrote to outbox.Prepare, which holds
// every rule of a reply, words a refusal with the flag that fixes it,
// and prints the warnings.
func (e *env) compose(s session, r outbox.Reply, undo time.Duration, force bool, cmd *cobra.Command) ([]store.Item, error) {
	snips, err := e.snippets()
	if err != nil {
		return nil, err
	}
	settings := outbox.Settings{
		Account:     s.account,
		UndoWindow:  undo,
		HourlyLimit: e.cfg.HourlyLimit,
		Snippets:    snips,
		Force:       force,
		By:          e.person,
	}
	plan, err := outbox.Prepare(s.store, r, settings, time.Now())
	var refusal *outbox.Refusal
	switch {
	case errors.As(err, &refusal):
		return nil, errors.New(refusal.Reason + refusalFlag(refusal.Fix))
	case err != nil:
		return nil, err
	}
	for _, w := range plan.Warnings {
		fmt.Fprintln(cmd.ErrOrStderr(), "warning: "+w)
	}
	return plan.Items, nil
}

// refusalFlag names the flag that fixes a refusal.
func refusalFlag(f outbox.Fix) string {
	switch f {
	case outbox.FixDM:
		return " (--dm sends it as a DM)"
	case outbox.FixSplit:
		return " (--thread splits it)"
	case outbox.FixPublic:
		return " (without --dm it is a public reply)"
	case outbox.FixForce:
		return " (--force sends it anyway)"
	}
	return ""
}

// exitTempFail is the exit status of a command that could not finish
// now but will (sysexits' EX_TEMPFAIL).
const exitTempFail = 75

// deliver queues items and hands them to the desk (the holder's
// senders, when a hark holds the database), then waits until each is
// sent or failed, or until wait has passed: what is left stays queued
// for the next hark.
func (e *env) deliver(cmd *cobra.Command, s session, items []store.Item, wait time.Duration) error {
	queued, err := s.store.Enqueue(items...)
	if err != nil {
		return err
	}
	ids := make([]uint64, len(queued))
	for i, it := range queued {
		ids[i] = it.ID
	}
	d, done := e.deskFor(cmd.Context(), s)
	defer done()
	d.Kick()
	deadline := time.Now().Add(max(wait, undoOf(queued)))
	for {
		cur, err := s.store.Items(ids) // the store is read, not X: often is cheap
		if err != nil {
			return err
		}
		next, pending := soonest(cur)
		if !pending {
			return reportSent(cmd, cur)
		}
		if now := time.Now(); next.After(deadline) || now.After(deadline) {
			if next.Before(now) {
				next = time.Time{} // due, but not gone: held behind another item
			}
			return stillQueued(cur, next)
		}
		if err := waitUntil(cmd.Context(), time.Now().Add(settlePoll)); err != nil {
			return stillQueued(cur, time.Time{}) // interrupted, or the holding hark closes: it stays queued
		}
	}
}

// settlePoll is how often a command looks whether its items went.
const settlePoll = 20 * time.Millisecond

// soonest is when the first of items still waiting is due, and whether
// any waits.
func soonest(items []store.Item) (next time.Time, pending bool) {
	for _, it := range items {
		if it.Pending() && (!pending || it.NotBefore.Before(next)) {
			next, pending = it.NotBefore, true
		}
	}
	return next, pending
}

// undoOf is how long the items' undo window lasts from now.
func undoOf(items []store.Item) time.Duration {
	return time.Until(items[len(items)-1].NotBefore) + time.Second
}

// stillQueued says which item waits, why, and when it will go.
func stillQueued(items []store.Item, next time.Time) error {
	for _, it := range items {
		if !it.Pending() {
			continue
		}
		why := ""
		if it.LastError != "" {
			why = " (" + it.LastError + ")"
		}
		goes := "with the next hark that runs"
		if !next.IsZero() {
			goes = "at " + when.Clock(next, time.Now()) + " or later, with the next hark that runs"
		}
		return &exitError{code: exitTempFail, err: fmt.Errorf("not sent yet: outbox item %d is %s%s; it goes %s", it.ID, it.State, why, goes)}
	}
	return nil
}

// reportSent prints each item's outcome, all being settled: X's id of
// each sent, and the first failure's reason.
func reportSent(cmd *cobra.Command, items []store.Item) error {
	var failures []string
	for _, it := range items {
		switch it.State {
		case store.Sent:
			fmt.Fprintf(cmd.OutOrStdout(), "sent %s\n", model.FormatID(it.PostID))
		case store.Failed:
			failures = append(failures, it.LastError)
		}
	}
	if len(failures) > 0 {
		return fmt.Errorf("not sent: %s", failures[0])
	}
	return nil
}

func waitUntil(ctx context.Context, t time.Time) error {
	d := max(time.Until(t), 10*time.Millisecond)
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
