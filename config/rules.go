package config

import (
	"fmt"
	"slices"
	"time"

	"github.com/harkhq/hark/when"
)

// ruleFile is one [[rule]] of config.toml.
type ruleFile struct {
	Name   string   `toml:"name"`
	Query  string   `toml:"query"`
	Tag    []string `toml:"tag"`
	Status string   `toml:"status"`
	Snooze string   `toml:"snooze"`
	Note   string   `toml:"note"`
	// Priority tags the conversation "priority".
	Priority bool `toml:"priority"`
}

// Rule is a [[rule]] of config.toml as written, checked here for what
// needs nothing but config (its name, its snooze, that it does
// something); the store makes its rule of it (store.RulesOf), refusing a
// bad query, tag or status at At.
type Rule struct {
	Name  string
	Query string
	// Tags are as written, "priority" added for priority = true.
	Tags   []string
	Status string
	Snooze time.Duration
	Note   string
	// At is where the rule is written (FILE:LINE).
	At string
}

// resolveRules reads [[rule]] into c.Rules, refusing a bad one on its
// line with why.
func resolveRules(c *Config, f file, path string, raw []byte) error {
	lines := searchLines(raw, "rule")
	seen := map[string]bool{}
	for i, rf := range f.Rule {
		at := path
		if i < len(lines) {
			at = fmt.Sprintf("%s:%d", path, lines[i])
		}
		rule, err := rf.rule(at)
		switch {
		case !validName(rf.Name):
			return fmt.Errorf("%s: [[rule]] name %q: use letters, digits, - and _", at, rf.Name)
		case seen[rf.Name]:
			return fmt.Errorf("%s: [[rule]] name %q is used twice", at, rf.Name)
		case err != nil:
			return fmt.Errorf("%s: [[rule]] %q: %v", at, rf.Name, err)
		}
		seen[rf.Name] = true
		c.Rules = append(c.Rules, rule)
	}
	return nil
}

// rule checks a [[rule]] as far as config can, written at at.
func (rf ruleFile) rule(at string) (Rule, error) {
	r := Rule{Name: rf.Name, Query: rf.Query, Tags: rf.Tag, Status: rf.Status, Note: rf.Note, At: at}
	if rf.Query == "" {
		return r, fmt.Errorf("it has no query")
	}
	if rf.Priority {
		r.Tags = append(slices.Clone(r.Tags), "priority")
	}
	if rf.Snooze != "" {
		d, err := when.Length(rf.Snooze)
		if err != nil {
			return r, fmt.Errorf("snooze: %v", err)
		}
		r.Snooze = d
	}
	if len(r.Tags) == 0 && r.Status == "" && r.Snooze == 0 && r.Note == "" {
		return r, fmt.Errorf("it does nothing: give it tag, status, snooze, note or priority")
	}
	return r, nil
}
