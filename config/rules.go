package config

import (
	"fmt"

	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
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
		rule, err := rf.rule()
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

// rule checks a [[rule]] and makes the store's rule of it.
func (rf ruleFile) rule() (store.Rule, error) {
	r := store.Rule{Name: rf.Name, Note: rf.Note}
	if rf.Query == "" {
		return r, fmt.Errorf("it has no query")
	}
	q, err := search.Parse(rf.Query)
	if err != nil {
		return r, fmt.Errorf("its query: %v", err)
	}
	r.Query, r.Text = q, rf.Query
	tags := rf.Tag
	if rf.Priority {
		tags = append(tags, "priority")
	}
	for _, t := range tags {
		norm, err := store.NormalizeTag(t)
		if err != nil {
			return r, fmt.Errorf("tag %q: %v", t, err)
		}
		r.Tags = append(r.Tags, norm)
	}
	if rf.Status != "" {
		st, ok := store.ParseStatus(rf.Status)
		if !ok {
			return r, fmt.Errorf("status %q: use %s", rf.Status, store.SettableNames(", ", " or "))
		}
		r.Status = st
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
