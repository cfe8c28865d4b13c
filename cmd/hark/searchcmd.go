package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
)

// found is one search result as `hark search` writes it.
type found struct {
	ID             string   `json:"id"`
	ConversationID string   `json:"conversation_id"`
	CreatedAt      string   `json:"created_at"`
	Author         string   `json:"author_username"`
	Text           string   `json:"text"`
	Kind           string   `json:"kind"`
	Status         string   `json:"status"`
	Tags           []string `json:"tags"`
}

// maxLimit bounds what one search prints: beyond it, export.
const maxLimit = 100_000

func newSearch(e *env) *cobra.Command {
	var limit int
	var format string
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Search every stored post, newest first",
		Long: "Prints, per post found: its conversation's id (which tag, status, snooze, note and send take),\n" +
			"its id, when, who, and the text with the matches in [brackets].\n" +
			"Words must all match; \"quotes\" make a phrase; OR, a leading - and parentheses combine.\n" +
			"Fields:\n" + search.FieldHelp(),
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := search.Parse(strings.Join(args, " "))
			if err != nil {
				return err
			}
			if format != "text" && format != "jsonl" {
				return fmt.Errorf("unknown format %q: use text or jsonl", format)
			}
			if limit < 1 || limit > maxLimit {
				return fmt.Errorf("--limit %d: use 1 to %d", limit, maxLimit)
			}
			return e.withStore(func(st *store.Store) error {
				hits, err := st.Search(cmd.Context(), q, 0, limit, time.Now())
				if err != nil {
					return err
				}
				buffered := bufio.NewWriter(cmd.OutOrStdout()) // one write, not one a line
				defer buffered.Flush()
				enc := json.NewEncoder(buffered)
				enc.SetEscapeHTML(false)
				var out io.Writer = buffered
				var aligned *tabwriter.Writer
				if e.tty.out && format == "text" { // a person reads it: columns under a header (at most --limit rows)
					aligned = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
					out = aligned
					fmt.Fprintln(out, "CONVERSATION\tPOST\tWHEN\tAUTHOR\tTEXT")
				}
				for _, h := range hits {
					if format == "jsonl" {
						if err := enc.Encode(toFound(h)); err != nil {
							return err
						}
						continue
					}
					fmt.Fprintf(out, "%s\t%s\t%s\t@%s\t%s\n", model.FormatID(h.Post.ConversationID), model.FormatID(h.Post.ID),
						h.Post.CreatedAt.Local().Format("2006-01-02 15:04"), h.Author.Username, highlight(h, "[", "]"))
				}
				if aligned != nil {
					if err := aligned.Flush(); err != nil {
						return err
					}
				}
				if err := buffered.Flush(); err != nil {
					return err
				}
				return e.tagHint(st, q, cmd.ErrOrStderr())
			})
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "the most results to show")
	cmd.Flags().StringVar(&format, "format", "text", "text or jsonl")
	return cmd
}

func toFound(h store.Hit) found {
	tags := h.Conversation.Tags
	if tags == nil {
		tags = []string{}
	}
	return found{
		ID: model.FormatID(h.Post.ID), ConversationID: model.FormatID(h.Post.ConversationID),
		CreatedAt: h.Post.CreatedAt.UTC().Format(time.RFC3339), Author: h.Author.Username, Text: h.Post.Text,
		Kind: string(h.Post.Kind), Status: string(h.Conversation.Status), Tags: tags,
	}
}

// highlight wraps the matched words of a hit, on one line.
func highlight(h store.Hit, open, close string) string {
	return strings.Join(strings.Fields(h.Highlighted(func(s string) string { return open + s + close })), " ")
}

func newReindex(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the stored posts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(func(st *store.Store) error { return st.Reindex(e.progress(cmd.ErrOrStderr(), "")) })
		},
	}
}

// progress returns a progress callback that draws a bar on w, on one
// line rewritten in place, ended when done reaches total; title, when not
// empty, is written on a line of its own before the first bar. Where w
// is no terminal it writes only the end: "34/34 posts".
func (e *env) progress(w io.Writer, title string) func(done, total int) {
	started, ended := false, false
	return func(done, total int) {
		if !started && title != "" {
			fmt.Fprintln(w, title)
		}
		started = true
		switch {
		case e.tty.err:
			fmt.Fprint(w, "\r"+progressBar(done, total, 30))
			if done >= total {
				fmt.Fprintln(w)
			}
		case done >= total && !ended: // the end may be told more than once
			ended = true
			fmt.Fprintf(w, "%d/%d posts\n", done, total)
		}
	}
}

// progressBar draws [#####.....] done/total.
func progressBar(done, total, width int) string {
	filled := width
	if total > 0 {
		filled = min(width, done*width/total)
	}
	return fmt.Sprintf("[%s%s] %d/%d posts", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
}

func newPurge(e *env) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "purge POST_ID...",
		Short: "Remove posts from the store and the index (as X's terms require for deleted posts)",
		Long: "Removes posts for good, from the store and the search index, and says which. It asks\n" +
			"first; --yes does not (a script, a cron job).",
		Args:        cobra.MinimumNArgs(1),
		Annotations: map[string]string{traitConfirm: "yes"},
		RunE: func(cmd *cobra.Command, args []string) error {
			ids := make([]uint64, len(args))
			for i, a := range args {
				id, err := model.ParseID(a)
				if err != nil {
					return fmt.Errorf("%q is not a post id", a)
				}
				ids[i] = id
			}
			return e.withStore(func(st *store.Store) error { return purge(st, ids, cmd.OutOrStdout()) })
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "remove without asking")
	return cmd
}

// purge removes posts and says, for each, what it was.
func purge(st *store.Store, ids []uint64, w io.Writer) error {
	for _, id := range ids {
		p, found, err := st.Post(id)
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("no post %s in this database", model.FormatID(id))
		}
		u, _, err := st.User(p.AuthorID)
		if err != nil {
			return err
		}
		if err := st.Purge(id); err != nil {
			return err
		}
		fmt.Fprintf(w, "removed post %s by @%s: %s\n", model.FormatID(id), u.Username, ansi.Truncate(strings.Join(strings.Fields(p.Text), " "), 60, "…"))
	}
	return nil
}

func newCheck(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the database: its file structure, and that the search index finds every post",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(func(st *store.Store) error {
				r, err := st.CheckIndex(e.progress(cmd.ErrOrStderr(), ""))
				if err != nil {
					return err
				}
				return reportCheck(cmd.OutOrStdout(), r)
			})
		},
	}
}

// reportCheck prints what CheckIndex found; an error when it found harm.
func reportCheck(out io.Writer, r store.IndexReport) error {
	if r.OK() {
		fmt.Fprintf(out, "%d posts checked: the file is sound and the search index finds every post\n", r.Posts)
		return nil
	}
	if r.Missing > 0 {
		fmt.Fprintf(out, "%d of %d posts are missing from the search index, among them: %s ('hark reindex' mends it)\n", r.Missing, r.Posts, idList(r.MissingIDs))
	}
	if r.Damaged > 0 {
		fmt.Fprintf(out, "%d of %d posts are damaged and cannot be read, among them: %s (search and export pass them over)\n", r.Damaged, r.Posts, idList(r.DamagedIDs))
	}
	return fmt.Errorf("the database is not whole: see above")
}

// idList writes ids separated by spaces.
func idList(ids []uint64) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = model.FormatID(id)
	}
	return strings.Join(out, " ")
}

// tagHint says, to a person at a terminal, that a one-word query is also
// a tag's name: rows show tags as #refund, and a word searches the
// posts' text (tag:refund finds the conversations tagged so).
func (e *env) tagHint(st *store.Store, q search.Node, w io.Writer) error {
	if !e.tty.err {
		return nil
	}
	tag, n, err := st.TagNamedBy(q)
	if err != nil || n == 0 {
		return err
	}
	what := fmt.Sprintf("%d conversations are", n)
	if n == 1 {
		what = "1 conversation is"
	}
	fmt.Fprintf(w, "hark: %s tagged %s: hark search tag:%s\n", what, tag, tag)
	return nil
}
