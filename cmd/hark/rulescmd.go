package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harkhq/hark/store"
)

// ruleHistory bounds the history a rule is tried on or applied to.
const ruleHistory = 100_000

func newRules(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules of config.toml; test one on the history, apply it, take it back",
		Long: "Lists the [[rule]] tables: each runs on every post from X as it is stored, in the same\n" +
			"transaction. 'rules test NAME' shows what it would have matched in the history (the newest\n" +
			"20, and how many) and changes nothing; 'rules apply NAME' applies it to the history;\n" +
			"'rules undo NAME' takes the last apply back.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(e.rules) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "no rules: add [[rule]] tables to "+e.configPath)
				return nil
			}
			for _, r := range e.rules {
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\t%s\n", r.Name, r.Text, ruleDoes(r))
			}
			return nil
		},
	}
	cmd.AddCommand(ruleCommand(e, "test", "Show what a rule would have matched in the history, changing nothing", e.testRule),
		ruleCommand(e, "apply", "Apply a rule to the history (rules undo NAME takes it back)", e.applyRule),
		ruleCommand(e, "undo", "Take back the last apply of a rule", e.undoRule))
	return cmd
}

// ruleCommand is a rules subcommand on one rule by name.
func ruleCommand(e *env, use, short string, run func(*cobra.Command, *store.Store, store.Rule) error) *cobra.Command {
	return &cobra.Command{
		Use:   use + " NAME",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rule, ok := e.rule(args[0])
			if !ok {
				return fmt.Errorf("no rule %q in %s (hark rules lists them)", args[0], e.configPath)
			}
			return e.withStore(func(st *store.Store) error { return run(cmd, st, rule) })
		},
	}
}

func (e *env) rule(name string) (store.Rule, bool) {
	for _, r := range e.rules {
		if r.Name == name {
			return r, true
		}
	}
	return store.Rule{}, false
}

// ruleDoes says what a rule does.
func ruleDoes(r store.Rule) string {
	var parts []string
	if len(r.Tags) > 0 {
		parts = append(parts, "tag "+strings.Join(r.Tags, ","))
	}
	if r.Status != "" {
		parts = append(parts, "status "+string(r.Status))
	}
	if r.Snooze > 0 {
		parts = append(parts, "snooze "+r.Snooze.String())
	}
	if r.Note != "" {
		parts = append(parts, "note "+fmt.Sprintf("%q", r.Note))
	}
	return strings.Join(parts, "; ")
}

// testRule lists the newest 20 posts a rule matches, and how many.
func (e *env) testRule(cmd *cobra.Command, st *store.Store, r store.Rule) error {
	ids, err := st.SearchIDs(cmd.Context(), r.Query, 0, ruleHistory, time.Now())
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	for _, id := range ids[:min(20, len(ids))] {
		p, found, err := st.Post(id)
		if err != nil || !found {
			continue
		}
		u, _, _ := st.User(p.AuthorID)
		fmt.Fprintf(out, "%d\t@%s\t%s\n", p.ConversationID, u.Username, strings.Join(strings.Fields(p.Text), " "))
	}
	fmt.Fprintf(out, "rule %q matches %d posts in the history (nothing was changed)\n", r.Name, len(ids))
	return nil
}

// applyRule applies a rule to the history, with what undoes it, in one
// step (see store.ApplyRule).
func (e *env) applyRule(cmd *cobra.Command, st *store.Store, r store.Rule) error {
	n, err := st.ApplyRule(cmd.Context(), r, ruleHistory, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "rule %q applied to %d conversations (hark rules undo %s takes it back)\n", r.Name, n, r.Name)
	return nil
}

// undoRule takes back the last apply of a rule.
func (e *env) undoRule(cmd *cobra.Command, st *store.Store, r store.Rule) error {
	found, err := st.TakeBackKept(store.RuleUndoName(r.Name))
	switch {
	case err != nil:
		return err
	case !found:
		return fmt.Errorf("nothing to take back: rule %q was not applied since its last undo", r.Name)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "took back every apply of rule %q since its last undo\n", r.Name)
	return nil
}
