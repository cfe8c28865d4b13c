package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/when"
)

// convArg is how every command names a conversation.
const convArg = "CONVERSATION"

// convHelp says what a CONVERSATION argument may be.
const convHelp = "CONVERSATION is a conversation's id, the id of any post in it (as hark search prints), or\n" +
	"@handle for that person's open conversation (refused, with the list, when they have several)."

// resolveConversation reads a CONVERSATION argument: a conversation id,
// a post id (its conversation), or @handle (see newestOf).
func resolveConversation(ctx context.Context, st *store.Store, arg string) (uint64, error) {
	if handle, ok := strings.CutPrefix(arg, "@"); ok {
		return newestOf(ctx, st, handle)
	}
	id, err := model.ParseConversationID(arg)
	if err != nil {
		return 0, fmt.Errorf("%q is not a conversation: give its id, a post's id or @handle", arg)
	}
	if _, found, err := st.Conversation(id); err != nil || found {
		return id, err
	}
	p, found, err := st.Post(id)
	switch {
	case err != nil:
		return 0, err
	case !found:
		return 0, fmt.Errorf("no conversation or post %s in this database", arg)
	}
	return p.ConversationID, nil
}

// resolveTarget is resolveConversation for hark send: with --dm, an
// @handle means the DM conversation with that person where there is one
// (a DM goes to them, whichever conversation it is about).
func resolveTarget(ctx context.Context, st *store.Store, arg string, dm bool) (uint64, error) {
	if handle, ok := strings.CutPrefix(arg, "@"); ok && dm {
		if p, err := st.NewestPostOf(ctx, handle); err == nil {
			id := model.DMConversation(p.AuthorID)
			if _, found, err := st.Conversation(id); err != nil || found {
				return id, err
			}
		}
	}
	return resolveConversation(ctx, st, arg)
}

// newestOf is the conversation @handle names: their one open
// conversation (store.CustomerFile.Open says which are); with none open,
// their newest. With several
// open it is refused, listing them, on one line: "newest" would pick the
// one written last, which is not always the one meant (a one-post
// question beside a DM asking for a quote).
func newestOf(ctx context.Context, st *store.Store, handle string) (uint64, error) {
	h, err := st.HandleMeans(ctx, handle)
	if err != nil {
		return 0, err
	}
	if id, ok := h.Conversation(); ok {
		return id, nil
	}
	return 0, fmt.Errorf("@%s has %d open conversations; name one by its id: %s", handle, len(h.Open), listOpen(h.Open))
}

// listOpen names conversations on one line: id, DM or not, status and
// the start of the newest post.
func listOpen(rows []store.Row) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		what := string(r.Conversation.Status)
		if _, dm := model.IsDMConversation(r.Conversation.ID); dm {
			what = "DM, " + what
		}
		parts[i] = fmt.Sprintf("%s (%s: %q)", model.FormatID(r.Conversation.ID), what, ansi.Truncate(r.Last.Text, 30, "…"))
	}
	return strings.Join(parts, ", ")
}

// onConversation runs a change on the conversation an argument names,
// and prints the line act returns.
func (e *env) onConversation(cmd *cobra.Command, arg string, act func(*store.Store, uint64) (string, error)) error {
	return e.withStore(func(st *store.Store) error {
		id, err := resolveConversation(cmd.Context(), st, arg)
		if err != nil {
			return err
		}
		line, err := act(st, id)
		if err == nil {
			fmt.Fprintln(cmd.OutOrStdout(), line)
		}
		return err
	})
}

func newTag(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "tag " + convArg + "... +TAG... [-- -TAG...]",
		Short: "Add (+tag) and remove (-tag) tags on conversations",
		Long: "Adds +tag and removes -tag on each conversation named (a word without + or - is a\n" +
			"conversation), all or none. Flags may come anywhere (--db after the tags works), so a tag\n" +
			"to remove goes after --: hark tag ID1 ID2 +refund -- -shipping\n" + convHelp,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			convs, tags := tagWords(args)
			if len(tags) == 0 {
				return fmt.Errorf("no tag given: write +tag to add one, -tag (after --) to remove one")
			}
			return e.withStore(func(st *store.Store) error {
				ids, err := resolveAll(cmd.Context(), st, convs)
				if err != nil {
					return err
				}
				add, remove := store.TagEdits(tags)
				if _, err := st.Tag(ids, add, remove); err != nil {
					return err
				}
				noun := "conversation"
				if len(ids) > 1 {
					noun += "s"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "tagged %d %s: %s\n", len(ids), noun, strings.Join(tags, " "))
				return nil
			})
		},
	}
}

func newStatus(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "status " + convArg + " " + store.SettableNames("|", "|"),
		Short: "Set a conversation's status",
		Long:  "Sets a conversation's status.\n" + convHelp,
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			status, ok := store.ParseStatus(args[1])
			if !ok {
				return fmt.Errorf("unknown status %q: use %s", args[1], store.SettableNames(", ", " or "))
			}
			return e.onConversation(cmd, args[0], func(st *store.Store, id uint64) (string, error) {
				_, err := st.SetStatus([]uint64{id}, status, e.person)
				return "set 1 conversation to " + string(status), err
			})
		},
	}
}

func newSnooze(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "snooze " + convArg + " WHEN",
		Short: "Take a conversation out of the inbox until 5m, in 2 hours, tomorrow 9am, mon 14:00 or 2026-12-01 09:00",
		Long:  "Takes a conversation out of the inbox until a time.\n" + convHelp,
		Args:  cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			until, err := when.Parse(strings.Join(args[1:], " "), time.Now())
			if err != nil {
				return err
			}
			return e.onConversation(cmd, args[0], func(st *store.Store, id uint64) (string, error) {
				_, err := st.Snooze([]uint64{id}, until)
				return "snoozed 1 conversation until " + until.Format("Mon Jan 2 15:04"), err
			})
		},
	}
}

func newNote(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "note " + convArg + " TEXT...",
		Short: "Keep an internal note on a conversation (never sent)",
		Long:  "Keeps an internal note on a conversation; X never sees it.\n" + convHelp,
		Args:  cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.onConversation(cmd, args[0], func(st *store.Store, id uint64) (string, error) {
				_, _, err := st.AddNote(id, strings.Join(args[1:], " "), time.Now(), e.person)
				return "noted on 1 conversation", err
			})
		},
	}
}

func newReassign(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "reassign " + convArg + " @ACCOUNT NOTE...",
		Short: "Give a conversation to another of the shop's accounts, with a note (the customer is not told)",
		Long: "Moves a conversation to another of the shop's accounts ([accounts.NAME] in config.toml), with\n" +
			"a note for it; that account answers it from then on (by DM where X takes no public reply\n" +
			"from it).\n" + convHelp,
		Args: cobra.MinimumNArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.onConversation(cmd, args[0], func(st *store.Store, id uint64) (string, error) {
				to, err := accountNamed(st, args[1])
				if err != nil {
					return "", err
				}
				_, err = st.HandOff([]uint64{id}, to, strings.Join(args[2:], " "), time.Now())
				return "handed off to @" + to.Username, err
			})
		},
	}
}

// accountNamed is the shop's account with that handle or label, as the
// TUI's hand-off reads it (model.Accounts.Named).
func accountNamed(st *store.Store, name string) (model.User, error) {
	accounts, err := st.Accounts()
	if err != nil {
		return model.User{}, err
	}
	if u, ok := model.Accounts(accounts).Named(name); ok {
		return u, nil
	}
	return model.User{}, fmt.Errorf("%q is not one of the shop's accounts (%s)", name, strings.Join(model.Accounts(accounts).Handles(), ", "))
}

// tagWords sorts hark tag's words: +tag and -tag are tags (kept as
// typed), any other word a conversation.
func tagWords(args []string) (convs, tags []string) {
	for _, a := range args {
		if strings.HasPrefix(a, "+") || strings.HasPrefix(a, "-") {
			tags = append(tags, a)
		} else {
			convs = append(convs, a)
		}
	}
	return convs, tags
}

// resolveAll reads CONVERSATION arguments, all or none (the first that
// is not one is the error).
func resolveAll(ctx context.Context, st *store.Store, args []string) ([]uint64, error) {
	if len(args) == 0 {
		return nil, errors.New("no conversation given: name one by its id, a post's id or @handle")
	}
	var ids []uint64
	for _, a := range args {
		id, err := resolveConversation(ctx, st, a)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}
