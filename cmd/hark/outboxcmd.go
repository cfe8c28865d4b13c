package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

func newOutbox(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "outbox",
		Short: "List the outbox; send, retry or cancel what waits in it",
		Long: "Lists what the shop sent or tried to send, oldest first: the item's id, its state, reply or DM,\n" +
			"to whom, when it was written, X's id once sent, its conversation and its text (and why it\n" +
			"failed). On a terminal a header line comes first.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(func(st *store.Store) error {
				items, err := st.Outbox()
				if err != nil {
					return err
				}
				enc := json.NewEncoder(cmd.OutOrStdout())
				if format != "jsonl" && e.tty.out {
					fmt.Fprintln(cmd.OutOrStdout(), "ITEM\tSTATE\tKIND\tTO\tWRITTEN\tX ID\tCONVERSATION\tTEXT")
				}
				for _, it := range items {
					if format == "jsonl" {
						if err := enc.Encode(it); err != nil {
							return err
						}
						continue
					}
					line, err := itemLine(st, it)
					if err != nil {
						return err
					}
					fmt.Fprintln(cmd.OutOrStdout(), line)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or jsonl")
	cmd.AddCommand(&cobra.Command{
		Use:   "send",
		Short: "Send what is due now (after a restart: settle what was being sent)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.openSession(cmd.Context())
			if err != nil {
				return err
			}
			defer s.close()
			d, done := e.deskFor(cmd.Context(), s)
			defer done()
			if err := d.Sweep(cmd.Context()); err != nil {
				return err
			}
			waiting, err := s.store.Outbox(store.Queued, store.Sending)
			fmt.Fprintf(cmd.OutOrStdout(), "%d waiting\n", len(waiting))
			return err
		},
	}, itemCommand(e, "retry", "Queue a failed item to go at once", func(st *store.Store, id uint64) (string, error) {
		_, err := st.Retry(id, time.Now())
		return fmt.Sprintf("queued item %d again: it goes with the next send", id), err
	}), itemCommand(e, "cancel", "Take back an item that has not gone yet", func(st *store.Store, id uint64) (string, error) {
		_, err := st.TakeBack(id)
		return fmt.Sprintf("took back item %d: nothing was sent", id), err
	}))
	return cmd
}

// itemCommand is an outbox subcommand on one item; fn says what it did.
func itemCommand(e *env, use, short string, fn func(*store.Store, uint64) (string, error)) *cobra.Command {
	return &cobra.Command{
		Use:   use + " ITEM_ID",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := model.ParseID(args[0])
			if err != nil {
				return fmt.Errorf("%q is not an outbox item id", args[0])
			}
			return e.withStore(func(st *store.Store) error {
				line, err := fn(st, id)
				if err == nil {
					fmt.Fprintln(cmd.OutOrStdout(), line)
				}
				return err
			})
		},
	}
}

// itemLine is an outbox item on one line: id, state, kind, @recipient,
// when written, X's id ("-" before it is sent), conversation and text.
func itemLine(st *store.Store, it store.Item) (string, error) {
	kind, to := strings.ToLower(it.What()), it.Recipient // a column scripts read: reply or dm
	if !it.DM {
		c, _, err := st.Conversation(it.ConversationID)
		if err != nil {
			return "", err
		}
		to = c.CustomerID
	}
	u, _, err := st.User(to)
	if err != nil {
		return "", err
	}
	xid := "-"
	if it.PostID != 0 {
		xid = model.FormatID(it.PostID)
	}
	line := fmt.Sprintf("%d\t%s\t%s\t@%s\t%s\t%s\t%s\t%s", it.ID, it.State, kind, u.Username,
		it.CreatedAt.Local().Format("2006-01-02 15:04"), xid, model.FormatID(it.ConversationID), strings.Join(strings.Fields(it.Text), " "))
	if it.LastError != "" {
		line += "\t(" + it.LastError + ")"
	}
	return line, nil
}
