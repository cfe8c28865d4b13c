package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/export"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/search"
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
	// Kind is mention, reply (ours), heard (found by a search, not
	// addressed to the shop), dm (a DM to the shop) or dm_sent (ours).
	Kind string `json:"kind"`
	// Sources name what found the post: mentions, a search's name, dms.
	Sources []string `json:"sources"`
	// Status, Tags and Notes are the post's conversation's.
	Status string   `json:"status"`
	Tags   []string `json:"tags"`
	Notes  []string `json:"notes"`
	// PersonNotes are the shop's notes on the post's author (a customer;
	// none on the shop's own posts).
	PersonNotes []string `json:"person_notes"`
	// Network is the post's network ("x", "bluesky"); NetworkRef its own
	// id there when it is not X's (an AT URI), "" on X, whose id is ID.
	Network    string `json:"network"`
	NetworkRef string `json:"network_ref"`
	// By is the person of the team who wrote one of the shop's posts
	// through hark serve; StatusBy and Assignee are the conversation's
	// (who set its status, who it is given to); "" alone.
	By       string `json:"by"`
	StatusBy string `json:"status_by"`
	Assignee string `json:"assignee"`
}

var csvHeader = []string{"id", "conversation_id", "created_at", "author_id", "author_username", "author_name", "text", "in_reply_to_id", "kind", "sources", "status", "tags", "notes", "person_notes", "network", "network_ref", "by", "status_by", "assignee"}

func (x exported) record() []string {
	return []string{x.ID, x.ConversationID, x.CreatedAt, x.AuthorID, x.AuthorUsername, x.AuthorName, x.Text, x.InReplyToID, x.Kind,
		strings.Join(x.Sources, ","), x.Status, strings.Join(x.Tags, ","), strings.Join(x.Notes, " | "), strings.Join(x.PersonNotes, " | "), x.Network, x.NetworkRef,
		x.By, x.StatusBy, x.Assignee}
}

func newExport(e *env) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export [QUERY...]",
		Short: "Write stored posts, oldest first, as JSON lines or CSV: all, or the conversations a query finds",
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "csv" {
				return fmt.Errorf("unknown format %q: use jsonl or csv", format)
			}
			var q search.Node
			if len(args) > 0 {
				var err error
				if q, err = search.Parse(strings.Join(args, " ")); err != nil {
					return err
				}
			}
			return e.withStore(func(st *store.Store) error {
				posts := st.EachPost
				if q != nil {
					var err error
					if posts, err = conversationPosts(cmd.Context(), st, q); err != nil {
						return err
					}
				}
				if output == "" || output == "-" {
					return writeExport(st, format, posts, cmd.OutOrStdout())
				}
				return exportFile(st, format, posts, output)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "jsonl or csv")
	cmd.Flags().StringVarP(&output, "output", "o", "", "file to write (default standard output)")
	_ = cmd.MarkFlagFilename("output") // a path: resolved where the user is (see commandLine)
	return cmd
}

// exportFile writes the export to path. A regular file (or a new one) is
// written beside its target and renamed into place, so a failed export
// never leaves half a file; a link is followed to its target, which it
// stays a link to; a device or pipe (-o /dev/stdout) is written as it is.
func exportFile(st *store.Store, format string, posts postSource, path string) error {
	info, err := os.Stat(path)
	switch {
	case err == nil && !info.Mode().IsRegular():
		return exportInPlace(st, format, posts, path)
	case err == nil:
		if path, err = filepath.EvalSymlinks(path); err != nil {
			return err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	case isLink(path):
		return exportInPlace(st, format, posts, path) // a dangling link: create its target
	}
	return exportAtomically(st, format, posts, path)
}

func isLink(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}

// exportInPlace writes straight into path.
func exportInPlace(st *store.Store, format string, posts postSource, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := writeExport(st, format, posts, f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// exportAtomically writes a new file beside path and renames it there.
func exportAtomically(st *store.Store, format string, posts postSource, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hark-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := writeExport(st, format, posts, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// postSource calls fn with the posts to export, oldest first, stopping
// at its first error.
type postSource func(fn func(model.Post) error) error

// conversationPosts are the posts of the conversations q finds: the
// index finds the conversations and only their posts are read, not
// every stored post, and never all at once.
func conversationPosts(ctx context.Context, st *store.Store, q search.Node) (postSource, error) {
	convs := map[uint64]bool{}
	for before := uint64(0); ; {
		hits, err := st.Search(ctx, q, before, 500, time.Now())
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			convs[h.Post.ConversationID] = true
		}
		if len(hits) < 500 {
			break
		}
		before = hits[len(hits)-1].Post.ID
	}
	ids := slices.Sorted(maps.Keys(convs))
	return func(fn func(model.Post) error) error { return st.EachPostOf(ids, fn) }, nil
}

// cacheSize bounds the people and conversations an export keeps read:
// posts come in time order, so the recent ones are the ones met again,
// and memory stays bounded whatever the file holds.
const cacheSize = 4096

func writeExport(st *store.Store, format string, posts postSource, w io.Writer) error {
	users, people := map[uint64]model.User{}, map[uint64][]string{}
	convs := map[uint64]convInfo{}
	var write func(exported) error
	var flush func() error
	if format == "csv" {
		cw := export.NewCSV(w)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
		write = func(x exported) error { return cw.Write(x.record()) }
		flush = cw.Flush
	} else {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		write = func(x exported) error { return enc.Encode(x) }
		flush = func() error { return nil }
	}
	err := posts(func(p model.Post) error {
		if p.Kind.Gone() {
			return nil // a stand-in for a post X would not give, or its author deleted: nothing to export
		}
		u, ok := users[p.AuthorID]
		if !ok {
			u, _, _ = st.User(p.AuthorID)
			if len(users) >= cacheSize {
				clear(users)
				clear(people)
			}
			users[p.AuthorID] = u
			people[p.AuthorID] = personNotes(st, p)
		}
		info, ok := convs[p.ConversationID]
		if !ok {
			var err error
			if info, err = conversationInfo(st, p.ConversationID); err != nil {
				return err
			}
			if len(convs) >= cacheSize {
				clear(convs)
			}
			convs[p.ConversationID] = info
		}
		x := toExported(p, u)
		x.Status, x.Tags, x.Notes, x.PersonNotes = info.status, info.tags, info.notes, people[p.AuthorID]
		x.StatusBy, x.Assignee = info.statusBy, info.assignee
		return write(x)
	})
	if err != nil {
		return err
	}
	return flush()
}

// personNotes are the shop's notes on a post's author, [] for the
// shop's own posts.
func personNotes(st *store.Store, p model.Post) []string {
	out := []string{}
	if p.Kind.Ours() {
		return out
	}
	notes, _ := st.PersonNotes(p.AuthorID)
	for _, n := range notes {
		out = append(out, n.Text)
	}
	return out
}

// convInfo is what an export row takes from its conversation.
type convInfo struct {
	status string
	tags   []string
	notes  []string
	// statusBy and assignee are the team's (hark serve).
	statusBy, assignee string
}

func conversationInfo(st *store.Store, id uint64) (convInfo, error) {
	c, _, err := st.Conversation(id)
	if err != nil {
		return convInfo{}, err
	}
	notes, err := st.Notes(id)
	info := convInfo{status: string(c.Status), tags: c.Tags, notes: []string{}, statusBy: c.StatusBy, assignee: c.Assignee}
	if info.tags == nil {
		info.tags = []string{}
	}
	for _, n := range notes {
		text := n.Text
		if n.By != "" {
			text = n.By + ": " + text // whose note, on a team
		}
		info.notes = append(info.notes, text)
	}
	return info, err
}

func toExported(p model.Post, author model.User) exported {
	x := exported{
		ID: model.FormatID(p.ID), ConversationID: model.FormatID(p.ConversationID),
		CreatedAt: p.CreatedAt.UTC().Format(time.RFC3339), AuthorID: model.FormatID(p.AuthorID),
		AuthorUsername: author.Username, AuthorName: author.Name, Text: p.Text, Kind: string(p.Kind),
		Sources: append([]string{}, p.Sources...), Network: cmp.Or(p.Network(), network.X), By: p.By,
	}
	if p.On != nil {
		x.NetworkRef = p.On.Ref
	}
	if p.InReplyToID != 0 {
		x.InReplyToID = model.FormatID(p.InReplyToID)
	}
	return x
}
