package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/listen"
)

// verifyFlags are hark sync's flags for --verify-deleted.
type verifyFlags struct {
	on   bool
	days int
	yes  bool
}

// declare adds the flags to hark sync.
func (v *verifyFlags) declare(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&v.on, "verify-deleted", false, "look up stored posts and remove those their authors deleted")
	cmd.Flags().IntVar(&v.days, "days", 7, "with --verify-deleted: how many days back to look")
	cmd.Flags().BoolVar(&v.yes, "yes", false, "with --verify-deleted: do not ask before spending")
}

// check refuses --days and --yes without --verify-deleted: they would
// mean nothing.
func (v *verifyFlags) check(cmd *cobra.Command) error {
	for _, name := range []string{"days", "yes"} {
		if cmd.Flags().Changed(name) && !v.on {
			return fmt.Errorf("--%s goes with --verify-deleted", name)
		}
	}
	return nil
}

// maxVerifyDays bounds --days: X's look-ups reach back for ever, but a
// shop's spend should not by mistake.
const maxVerifyDays = 365

// verifyDeleted runs hark sync --verify-deleted: it counts the posts to
// look up, says what that costs, asks (unless --yes), looks them up and
// says how many were removed.
func (e *env) verifyDeleted(ctx context.Context, cmd *cobra.Command, v verifyFlags) error {
	if v.days < 1 || v.days > maxVerifyDays {
		return fmt.Errorf("--days %d: give a number of days from 1 to %d", v.days, maxVerifyDays)
	}
	s, err := e.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.store.Close()
	ids, err := s.store.Verifiable(time.Now().Add(-time.Duration(v.days) * 24 * time.Hour))
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	if len(ids) == 0 {
		fmt.Fprintf(out, "no posts stored in the last %d days to look up\n", v.days)
		return nil
	}
	cost := listen.VerifyCost(len(ids), e.cfg.Prices)
	question := fmt.Sprintf("hark will look up the %d posts stored in the last %d days on X, to remove those their authors deleted: up to %s (post reads)", len(ids), v.days, cost)
	if v.yes {
		fmt.Fprintln(cmd.ErrOrStderr(), question)
	} else if err := askYes(cmd, question, "nothing looked up", "--yes looks up without asking"); err != nil {
		return err
	}
	pollers := e.settings().Pollers(s.store, s.team, e.cfg.PollInterval, nil)
	res, err := pollers[0].VerifyDeleted(ctx, ids, func(done, total int) {
		fmt.Fprintf(cmd.ErrOrStderr(), "looked up %d of %d\n", done, total)
	})
	line := fmt.Sprintf("looked up %d posts: %d deleted by their authors, removed", res.Checked, res.Removed)
	if today, terr := todaySpent(s.store, e.cfg.Prices); terr == nil {
		line += " · " + today.String() + " spent today"
	}
	fmt.Fprintln(out, line)
	if err != nil {
		return fmt.Errorf("verifying stopped after %d posts: %w", res.Checked, err)
	}
	return nil
}
