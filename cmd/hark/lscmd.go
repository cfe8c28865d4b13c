package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/when"
)

// listed is one conversation as `hark ls` writes it.
type listed struct {
	ConversationID string    `json:"conversation_id"`
	Status         string    `json:"status"`
	Tags           []string  `json:"tags"`
	Unread         int       `json:"unread"`
	Customer       string    `json:"customer_username"`
	LastPostID     string    `json:"last_post_id"`
	LastAt         time.Time `json:"last_at"`
	SnoozedUntil   string    `json:"snoozed_until,omitempty"`
	Snippet        string    `json:"snippet"`
	// Network is the conversation's network ("x", "bluesky").
	Network string `json:"network"`
}

func newLs(e *env) *cobra.Command {
	var view, format string
	var count, oldest bool
	cmd := &cobra.Command{
		Use:   "ls",
		Short: "List a view's conversations, newest first",
		Long: "Lists a view's conversations, newest first: id, status, customer, tags, how long since the\n" +
			"last post (for the inbox: how long the customer has waited), and that post. On a terminal\n" +
			"a header line comes first. --oldest lists a built-in view oldest first (the customer who has\n" +
			"waited longest on top), as f does in the inbox. --count prints only how many, for a status line.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "jsonl" {
				return fmt.Errorf("unknown format %q: use text or jsonl", format)
			}
			rw := newRowWriter(cmd.OutOrStdout(), format, time.Now())
			return e.withStore(func(st *store.Store) error {
				v, builtIn := store.ParseView(view)
				switch {
				case builtIn && count:
					return printCount(st, v, cmd.OutOrStdout())
				case builtIn:
					rw.header(e.tty.out)
					return errors.Join(list(st, v, orderOf(oldest), rw), rw.flush())
				}
				sv, err := savedView(st, view)
				if err != nil {
					return err
				}
				if count {
					rw = &rowWriter{counting: true}
				} else {
					rw.header(e.tty.out)
				}
				err = errors.Join(listSaved(cmd.Context(), st, sv, rw), rw.flush())
				if count && err == nil {
					fmt.Fprintln(cmd.OutOrStdout(), rw.n)
				}
				return err
			})
		},
	}
	cmd.Flags().StringVar(&view, "view", string(store.ViewInbox), strings.Join(store.ViewNames(), ", ")+", or a saved view's name")
	cmd.Flags().StringVar(&format, "format", "text", "text or jsonl")
	cmd.Flags().BoolVar(&count, "count", false, "print only how many conversations the view holds")
	cmd.Flags().BoolVar(&oldest, "oldest", false, "oldest first (a built-in view)")
	return cmd
}

func orderOf(oldest bool) store.Order {
	if oldest {
		return store.OldestFirst
	}
	return store.NewestFirst
}

// printCount prints how many conversations a built-in view holds, from
// the counts the store keeps (no list is read).
func printCount(st *store.Store, v store.View, w io.Writer) error {
	c, err := st.Counts()
	if err == nil {
		_, err = fmt.Fprintln(w, c.ByView[v])
	}
	return err
}

// savedView finds a saved view by name, or says what views there are.
func savedView(st *store.Store, name string) (store.SavedView, error) {
	views, err := st.SavedViews()
	if err != nil {
		return store.SavedView{}, err
	}
	names := store.ViewNames()
	for _, sv := range views {
		if sv.Name == name {
			return sv, nil
		}
		names = append(names, strconv.Quote(sv.Name))
	}
	return store.SavedView{}, fmt.Errorf("unknown view %q: use %s", name, strings.Join(names, ", "))
}

// listSaved writes the conversations a saved view's search finds, each
// once, newest match first, with the post that matched.
func listSaved(ctx context.Context, st *store.Store, sv store.SavedView, rw *rowWriter) error {
	q, err := search.Parse(sv.Query)
	if err != nil {
		return fmt.Errorf("saved view %q: %v", sv.Name, err)
	}
	return eachConversationFound(ctx, st, q, rw.write)
}

// eachConversationFound calls fn with a row for each conversation a
// search finds, at its newest match. The set of those seen grows with
// the conversations found, at most one entry each.
func eachConversationFound(ctx context.Context, st *store.Store, q search.Node, fn func(store.Row) error) error {
	seen := map[uint64]bool{}
	before := uint64(0)
	for {
		hits, err := st.Search(ctx, q, before, 100, time.Now())
		if err != nil || len(hits) == 0 {
			return err
		}
		for _, h := range hits {
			c := h.Conversation
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			customer, _, err := st.User(c.CustomerID)
			if err != nil {
				return err
			}
			if err := fn(store.Row{Conversation: c, Last: h.Post, Customer: customer}); err != nil {
				return err
			}
		}
		before = hits[len(hits)-1].Post.ID
	}
}

// list writes every row of a view, a page at a time.
func list(st *store.Store, v store.View, o store.Order, rw *rowWriter) error {
	var after store.InboxKey
	for {
		rows, err := st.Page(v, o, after, 100)
		if err != nil || len(rows) == 0 {
			return err
		}
		for _, r := range rows {
			if err := rw.write(r); err != nil {
				return err
			}
		}
		after = rows[len(rows)-1].Key
	}
}

// rowWriter writes rows of a list as text or JSONL, or only counts them.
type rowWriter struct {
	w   io.Writer
	enc *json.Encoder // nil for text
	// aligned lines the text columns up under the header, at a terminal,
	// a screenful (alignChunk rows) at a time: memory stays bounded.
	aligned  *tabwriter.Writer
	now      time.Time
	counting bool
	n        int
}

func newRowWriter(w io.Writer, format string, now time.Time) *rowWriter {
	rw := &rowWriter{w: w, now: now}
	if format == "jsonl" {
		rw.enc = json.NewEncoder(w)
		rw.enc.SetEscapeHTML(false)
	}
	return rw
}

// header names the text columns, for a person at a terminal (a script
// reading the lines gets none).
func (rw *rowWriter) header(terminal bool) {
	if terminal && rw.enc == nil {
		rw.aligned = tabwriter.NewWriter(rw.w, 0, 0, 2, ' ', 0)
		rw.w = rw.aligned
		fmt.Fprintln(rw.w, "CONVERSATION\tSTATUS\tCUSTOMER\tTAGS\tSINCE\tLAST POST")
	}
}

// alignChunk is how many rows are aligned together at a terminal.
const alignChunk = 100

// flush writes out the rows aligned so far.
func (rw *rowWriter) flush() error {
	if rw.aligned == nil {
		return nil
	}
	return rw.aligned.Flush()
}

func (rw *rowWriter) write(r store.Row) error {
	rw.n++
	if rw.counting {
		return nil
	}
	l := toListed(r)
	if rw.enc != nil {
		return rw.enc.Encode(l)
	}
	_, err := fmt.Fprintf(rw.w, "%s\t%s\t@%s\t%s\t%s\t%s\n", l.ConversationID, l.Status, l.Customer, strings.Join(l.Tags, ","),
		when.Age(rw.now, l.LastAt), l.Snippet)
	if err == nil && rw.aligned != nil && rw.n%alignChunk == 0 {
		err = rw.flush()
	}
	return err
}

func toListed(r store.Row) listed {
	c := r.Conversation
	l := listed{
		ConversationID: model.FormatID(c.ID), Status: string(c.Status), Tags: c.Tags, Unread: c.Unread,
		Customer: r.Customer.Username, LastPostID: model.FormatID(c.LastPostID), LastAt: c.LastAt,
		Snippet: strings.Join(strings.Fields(r.Last.Text), " "), Network: cmp.Or(r.Last.Network(), network.X),
	}
	if l.Tags == nil {
		l.Tags = []string{}
	}
	if c.Snoozed() {
		l.SnoozedUntil = c.SnoozeUntil.Format(time.RFC3339)
	}
	return l
}
