package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// exported is one post as `hark export` writes it.
type exported struct {
	ID             string `json:"id"`
	ConversationID string `json:"conversation_id"`
	CreatedAt      string `json:"created_at"`
	AuthorID       string `json:"author_id"`
	AuthorUsername string `json:"author_username"`
	AuthorName     string `json:"author_name"`
	Text           string `json:"text"`
	InReplyToID    string `json:"in_reply_to_id"`
	Kind           string `json:"kind"`
}

var csvHeader = []string{"id", "conversation_id", "created_at", "author_id", "author_username", "author_name", "text", "in_reply_to_id", "kind"}

func (x exported) record() []string {
	return []string{x.ID, x.ConversationID, x.CreatedAt, x.AuthorID, x.AuthorUsername, x.AuthorName, x.Text, x.InReplyToID, x.Kind}
}

func newExport(e *env) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write every stored post, oldest first, as JSON lines or CSV",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "jsonl" && format != "csv" {
				return fmt.Errorf("unknown format %q: use jsonl or csv", format)
			}
			st, err := store.Open(e.dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			if output == "" || output == "-" {
				return export(st, format, cmd.OutOrStdout())
			}
			return exportFile(st, format, output)
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "jsonl or csv")
	cmd.Flags().StringVarP(&output, "output", "o", "", "file to write (default standard output)")
	return cmd
}

// exportFile writes to a new file beside the target and renames it into
// place, so a failed export never leaves half a file.
func exportFile(st *store.Store, format, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hark-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := export(st, format, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func export(st *store.Store, format string, w io.Writer) error {
	users := map[uint64]model.User{}
	var write func(exported) error
	var flush func() error
	if format == "csv" {
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
		write = func(x exported) error { return cw.Write(x.record()) }
		flush = func() error { cw.Flush(); return cw.Error() }
	} else {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		write = func(x exported) error { return enc.Encode(x) }
		flush = func() error { return nil }
	}
	err := st.EachPost(func(p model.Post) error {
		u, ok := users[p.AuthorID]
		if !ok {
			u, _, _ = st.User(p.AuthorID)
			users[p.AuthorID] = u
		}
		return write(toExported(p, u))
	})
	if err != nil {
		return err
	}
	return flush()
}

func toExported(p model.Post, author model.User) exported {
	x := exported{
		ID: model.FormatID(p.ID), ConversationID: model.FormatID(p.ConversationID),
		CreatedAt: p.CreatedAt.UTC().Format(time.RFC3339), AuthorID: model.FormatID(p.AuthorID),
		AuthorUsername: author.Username, AuthorName: author.Name, Text: p.Text, Kind: string(p.Kind),
	}
	if p.InReplyToID != 0 {
		x.InReplyToID = model.FormatID(p.InReplyToID)
	}
	return x
}
