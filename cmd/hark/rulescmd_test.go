package main

import (
	"strings"
	"testing"
)

// TestRulesFromConfig: a rule tags a mention as sync stores it; rules
// lists it; rules test shows matches and changes nothing; apply and undo
// change the history and take it back; a bad rule is refused at start.
func TestRulesFromConfig(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[[rule]]\nname = \"billing\"\nquery = '\"charged TWICE\" OR invoice'\ntag = [\"billing\"]\n\n[[rule]]\nname = \"pens\"\nquery = 'pens'\ntag = [\"pens\"]\n")
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, env, "search", "tag:billing"); !strings.Contains(out, "charged TWICE") {
		t.Errorf("the rule did not tag the double charge as it was stored: %q", out)
	}
	if out := mustRun(t, env, "rules"); !strings.Contains(out, "billing\t\"charged TWICE\" OR invoice\ttag billing") {
		t.Errorf("rules: %q", out)
	}
	writeConfig(t, env, "[[rule]]\nname = \"shipping\"\nquery = 'ship'\ntag = [\"shipping\"]\n")
	out := mustRun(t, env, "rules", "test", "shipping")
	if !strings.Contains(out, "matches") || !strings.Contains(out, "nothing was changed") || mustRun(t, env, "search", "tag:shipping") != "" {
		t.Fatalf("rules test: %q", out)
	}
	if out := mustRun(t, env, "rules", "apply", "shipping"); !strings.Contains(out, "applied to") {
		t.Errorf("apply: %q", out)
	}
	if mustRun(t, env, "search", "tag:shipping") == "" {
		t.Error("apply tagged nothing")
	}
	mustRun(t, env, "rules", "undo", "shipping")
	if out := mustRun(t, env, "search", "tag:shipping"); out != "" {
		t.Errorf("after undo: %q", out)
	}
	if _, err := runHark(t, env, "rules", "undo", "shipping"); err == nil || !strings.Contains(err.Error(), "nothing to take back") {
		t.Errorf("a second undo: %v", err)
	}
	writeConfig(t, env, "\n[[rule]]\nname = \"x\"\nquery = '(refund'\ntag = [\"a\"]\n")
	if _, err := runHark(t, env, "ls"); err == nil || !strings.Contains(err.Error(), "config.toml:2: [[rule]] \"x\": its query") {
		t.Errorf("a bad rule: %v", err)
	}
}
