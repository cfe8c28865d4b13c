package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
)

func newOutbox(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "outbox",
		Short: "List the outbox; send, retry or cancel what waits in it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(func(st *store.Store) error {
				items, err := st.Outbox()
				if err != nil {
					return err
				}
				enc := json.NewEncoder(cmd.OutOrStdout())
				for _, it := range items {
					if format == "jsonl" {
						if err := enc.Encode(it); err != nil {
							return err
						}
						continue
					}
					fmt.Fprintln(cmd.OutOrStdout(), itemLine(it))
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
			if _, err := outbox.New(s.client, s.store, s.account, outbox.Options{}).Flush(cmd.Context()); err != nil {
				return err
			}
			waiting, err := s.store.Outbox(store.Queued, store.Sending)
			fmt.Fprintf(cmd.OutOrStdout(), "%d waiting\n", len(waiting))
			return err
		},
	}, itemCommand(e, "retry", "Queue a failed item to go at once", func(st *store.Store, id uint64) error {
		_, err := st.Retry(id, time.Now())
		return err
	}), itemCommand(e, "cancel", "Take back an item that has not gone yet", func(st *store.Store, id uint64) error {
		_, err := st.TakeBack(id)
		return err
	}))
	return cmd
}

func itemCommand(e *env, use, short string, fn func(*store.Store, uint64) error) *cobra.Command {
	return &cobra.Command{
		Use:   use + " ITEM_ID",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := model.ParseID(args[0])
			if err != nil {
				return fmt.Errorf("%q is not an outbox item id", args[0])
			}
			return e.withStore(func(st *store.Store) error { return fn(st, id) })
		},
	}
}

// itemLine is an outbox item on one line.
func itemLine(it store.Item) string {
	kind := "reply"
	if it.DM {
		kind = "dm"
	}
	line := fmt.Sprintf("%d\t%s\t%s\t%s\t%s", it.ID, it.State, kind, model.FormatID(it.ConversationID), strings.Join(strings.Fields(it.Text), " "))
	if it.LastError != "" {
		line += "\t(" + it.LastError + ")"
	}
	return line
}
