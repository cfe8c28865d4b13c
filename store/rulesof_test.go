package store

import (
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
)

// TestRulesAreCheckedOnTheirLines: a good rule is read with its actions;
// a bad query, status, snooze or a rule that does nothing is refused on
// its line (the snooze and the rule that does nothing by config, the
// query and the status by RulesOf).
func TestRulesAreCheckedOnTheirLines(t *testing.T) {
	good := "[[rule]]\nname = \"refunds\"\nquery = 'refund OR \"money back\"'\ntag = [\"Refund\"]\npriority = true\nsnooze = \"2h\"\n"
	rules, err := loadRules(t, good)
	if err != nil || len(rules) != 1 || strings.Join(rules[0].Tags, ",") != "refund,priority" || rules[0].Snooze != 2*time.Hour {
		t.Fatalf("%+v, %v", rules, err)
	}
	for body, want := range map[string]string{
		"\n[[rule]]\nname = \"x\"\nquery = '\"refund'\ntag = [\"a\"]\n":     ":2: [[rule]] \"x\": its query",
		"[[rule]]\nname = \"x\"\nquery = 'refund'\nstatus = \"closed\"\n":   ":1: [[rule]] \"x\": status \"closed\"",
		"[[rule]]\nname = \"x\"\nquery = 'refund'\nsnooze = \"soon\"\n":     ":1: [[rule]] \"x\": snooze: \"soon\" is not a length",
		"[[rule]]\nname = \"x\"\nquery = 'refund'\nsnooze = \"2562047h\"\n": ":1: [[rule]] \"x\": snooze: 2562047h is more than 10 years",
		"[[rule]]\nname = \"x\"\nquery = 'refund'\nsnooze = \"-5h\"\n":      "snooze: \"-5h\" is not a length",
		"[[rule]]\nname = \"x\"\nquery = 'refund'\nsnooze = \"0m\"\n":       "snooze: \"0m\" is not a length",
		"[[rule]]\nname = \"x\"\nquery = 'refund'\n":                        "it does nothing",
	} {
		if _, err := loadRules(t, body); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
	}
}

// loadRules reads body as config.toml, and the rules of its [[rule]]s, as hark does.
func loadRules(t *testing.T, body string) ([]Rule, error) {
	t.Helper()
	c, err := config.Parse("config.toml", []byte(body), func(string) string { return "" })
	if err != nil {
		return nil, err
	}
	return RulesOf(c.Rules)
}
