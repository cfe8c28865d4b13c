package main

import (
	"fmt"
	"net/mail"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/handoff"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

func newHandoff(e *env) *cobra.Command {
	var to, dir string
	var notes, again bool
	cmd := &cobra.Command{
		Use:   "handoff " + convArg,
		Short: "Take a conversation to e-mail: its transcript for a help desk, or as an .eml file",
		Long: "Writes the conversation's transcript (every post and DM, their times and authors, the\n" +
			"customer; the notes with --notes) as an e-mail to [handoff] to (or --to): piped to\n" +
			"[handoff] command (\"msmtp -t\") when set, else saved as an .eml file (in [handoff] dir, or\n" +
			"--dir, or beside the database). It notes the hand-off on the conversation, which waits,\n" +
			"and prints the DM that asks the customer for their address (the \"email-ask\" snippet).\n" + convHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withStore(func(st *store.Store) error {
				id, err := resolveConversation(cmd.Context(), st, args[0])
				if err != nil {
					return err
				}
				o, err := e.handoffOptions(to, dir, notes)
				if err != nil {
					return err
				}
				o.Again = again
				acct, _, err := st.Account()
				if err != nil {
					return err
				}
				where, _, err := handoff.Run(cmd.Context(), st, id, acct, o)
				if err != nil {
					return err
				}
				t, _ := handoff.FromStore(st, id, acct, false)
				snips, _ := e.snippets()
				fmt.Fprintf(cmd.OutOrStdout(), "handed off to e-mail: %s\nask them for their address by DM: hark send --dm %s %q\n",
					where, model.FormatID(id), handoff.AskText(t.Customer, t.Shop, snips))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "the address it goes to (default [handoff] to)")
	cmd.Flags().StringVar(&dir, "dir", "", "where the .eml is saved without a [handoff] command")
	_ = cmd.MarkFlagDirname("dir") // a path: resolved where the user is (see commandLine)
	cmd.Flags().BoolVar(&notes, "notes", false, "put the conversation's notes in the transcript")
	cmd.Flags().BoolVar(&again, "again", false, "mail it even though its last hand-off was cut short and may have left")
	return cmd
}

// handoffOptions are a hand-off's settings from config.toml and flags.
func (e *env) handoffOptions(to, dir string, notes bool) (handoff.Options, error) {
	h := e.cfg.Handoff
	o := handoff.Options{
		Envelope:    handoff.Envelope{From: h.From, To: h.To, Date: time.Now()},
		Destination: handoff.Destination{Command: h.Command, Dir: h.Dir},
		Notes:       notes,
		Now:         time.Now(),
	}
	if to != "" {
		addr, err := mail.ParseAddress(to)
		if err != nil {
			return o, fmt.Errorf("--to %q: not an e-mail address", to)
		}
		o.Envelope.To = *addr
	}
	if dir != "" {
		o.Destination.Dir = dir
	}
	if o.Destination.Dir == "" {
		o.Destination.Dir = filepath.Join(filepath.Dir(e.dbPath), "handoff")
	}
	return o, nil
}
