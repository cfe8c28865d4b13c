package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

func newLive(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "live",
		Short: "What X pushes in seconds ([live]): its state, or take hark's subscriptions away",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "status",
		Short: "Say what [live] asks, what X pushes, and whether the running hark holds the stream",
		Long: "Says what [live] in config.toml asks X to push, what hark's subscriptions on X cover (asked\n" +
			"of X: a listing, not billed), and, when a hark runs (the inbox, hark sync), whether it holds\n" +
			"the stream: live since when and when the last event came, or polling and why.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withPusher(cmd.Context(), func(p network.Pusher, me model.User) error {
				followed, err := p.Followed(cmd.Context(), me.ID)
				if err != nil {
					return err
				}
				e.liveStatus(cmd.OutOrStdout(), followed)
				return nil
			})
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "off",
		Short: "Stop X's push: the running hark's stream, hark's subscriptions, and [live] (polling goes on)",
		Long: "Closes the running hark's stream (its inbox says \"live off\"), deletes the activity\n" +
			"subscriptions hark made on X for the shop's account (others' are left alone), and sets\n" +
			"every source of [live] in config.toml to false, so that no hark makes them again. Set one\n" +
			"to true again (or remove the table) to have X push it.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.liveOff(cmd.Context(), cmd.OutOrStdout()) },
	})
	return cmd
}

// liveOff stops the running push first (its next connection would make
// the subscriptions again), then deletes them, then writes [live] off.
func (e *env) liveOff(ctx context.Context, out io.Writer) error {
	if e.held != nil {
		e.held.StopLive()
	}
	return e.withPusher(ctx, func(p network.Pusher, me model.User) error {
		if err := p.Follow(ctx, me.ID, nil); err != nil {
			return err
		}
		if err := config.WriteLiveOff(e.configPath, e.cfg.Live); err != nil {
			return fmt.Errorf("X pushes nothing more, but writing [live] off in %s failed (%w): set its sources to false, or the next hark subscribes again", e.configPath, err)
		}
		e.cfg.Live = config.Live{SafetyPoll: e.cfg.Live.SafetyPoll}
		fmt.Fprintf(out, "X pushes nothing more to hark for @%s; [live] in %s says so (set a source to true to have it pushed again).\n", me.Username, e.configPath)
		return nil
	})
}

// withPusher runs fn with the shop's account and its client (the
// holder's when a hark runs), which must be one its network pushes
// through.
func (e *env) withPusher(ctx context.Context, fn func(network.Pusher, model.User) error) error {
	s, err := e.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	p, ok := s.client.(network.Pusher)
	if !ok {
		return fmt.Errorf("@%s's network pushes nothing: hark polls it", s.account.Username)
	}
	return fn(p, s.account)
}

// liveStatus writes what [live] asks, what X pushes, and the stream.
func (e *env) liveStatus(out io.Writer, followed []string) {
	fmt.Fprintf(out, "asked:   %s\n", orNothing(strings.Join(app.LiveSources(e.cfg.Live), ", "), "nothing ([live] in config.toml): hark polls"))
	fmt.Fprintf(out, "pushed:  %s\n", orNothing(strings.Join(followed, ", "), "nothing (no subscription of hark's on X)"))
	fmt.Fprintf(out, "stream:  %s\n", streamLine(e.held, time.Now()))
	fmt.Fprintf(out, "sign-in: %s\n", e.liveSignInLine())
}

// liveSignInLine says whether the shop's account signed in for live.
func (e *env) liveSignInLine() string {
	path := config.LiveTokensPath(e.configPath, "")
	if _, err := os.Stat(path); err != nil {
		return "the account's keys only (hark login --live, when X wants OAuth 2.0 for its subscriptions)"
	}
	return "OAuth 2.0, kept in " + path + " (hark login --live)"
}

// streamLine says whether the running hark holds the stream.
func streamLine(held *app.Runtime, now time.Time) string {
	if held == nil {
		return "no hark is running (the inbox or hark sync holds the stream)"
	}
	state, last, ok := held.LiveStatus()
	switch {
	case state.Off:
		return "off (hark live off): polling"
	case !ok:
		return "the running hark holds none"
	case state.Live:
		s := "live since " + state.Since.Local().Format("Jan 2 15:04")
		if !last.IsZero() {
			s += ", last event " + last.Local().Format("15:04:05")
		}
		return s
	case state.Err != nil:
		return fmt.Sprintf("down: %v; polling; tried again in %s", state.Err, state.Next.Sub(now).Round(time.Second))
	}
	return "connecting"
}

// orNothing is s, or what to say when it is empty.
func orNothing(s, nothing string) string {
	if s == "" {
		return nothing
	}
	return s
}
