package main

import (
	"strings"
	"testing"

	"github.com/harkhq/hark/twitter/xfake"
)

// TestTwoAccountsFromConfig: [accounts.help] beside the environment's
// account: one sync reads both (their own sources), a reply to a help
// desk conversation goes from the help desk, and reassign gives one to
// the shop's account.
func TestTwoAccountsFromConfig(t *testing.T) {
	srv := startShopWithHelpDesk(t)
	env := testEnv(t, srv)
	token, secret := xfake.AccountToken(xfake.ShopHelpDesk)
	writeConfig(t, env, "[accounts.help]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \""+token+"\"\naccess_secret = \""+secret+"\"\n")
	out, err := runHark(t, env, "sync", "--once")
	if err != nil || !strings.Contains(out, "@paperandpine_help:mentions 2") {
		t.Fatalf("sync: %q, %v", out, err)
	}
	if out, err := runHark(t, env, "sources"); err != nil || !strings.Contains(out, "@paperandpine_help:mentions\t") || !strings.Contains(out, "@paperandpine_help:dms\t") {
		t.Errorf("sources: %q, %v", out, err)
	}
	if out, err := runHark(t, env, "search", "--limit", "10", "account:paperandpine_help"); err != nil || strings.Count(out, "\n") != 2 {
		t.Errorf("the help desk's posts: %q, %v", out, err)
	}
	posts := srv.Posts()
	var leuchtturm uint64
	for _, p := range posts {
		if strings.Contains(p.Text, "Leuchtturm") {
			leuchtturm = p.ID
		}
	}
	conv := strings.TrimSpace(strings.Fields(mustRun(t, env, "search", "Leuchtturm"))[0])
	if _, err := runHark(t, env, "send", conv, "Yes! The sage A5 is back on Friday."); err != nil {
		t.Fatal(err)
	}
	last := srv.Posts()[len(srv.Posts())-1]
	if last.AuthorID != xfake.ShopHelpDesk.ID || last.InReplyToID != leuchtturm {
		t.Errorf("the reply on X: %+v", last)
	}
	if out, err := runHark(t, env, "reassign", conv, "@paperandpine", "stock questions are the shop's"); err != nil || !strings.Contains(out, "handed off to @paperandpine") {
		t.Errorf("reassign: %q, %v", out, err)
	}
	if _, err := runHark(t, env, "reassign", conv, "@nobody", "x"); err == nil || !strings.Contains(err.Error(), "not one of the shop's accounts (@paperandpine, @paperandpine_help)") {
		t.Errorf("reassign to a stranger: %v", err)
	}
	if out, _ := runHark(t, env, "search", "--limit", "10", "account:paperandpine_help"); strings.Count(out, "\n") != 1 {
		t.Errorf("after the reassign, the help desk's: %q", out)
	}
	// The account's short label names it too, as H takes it in the TUI.
	if out, err := runHark(t, env, "reassign", conv, "help", "back to the desk"); err != nil || !strings.Contains(out, "handed off to @paperandpine_help") {
		t.Errorf("reassign by the label: %q, %v", out, err)
	}
}

func mustRun(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, err := runHark(t, env, args...)
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return out
}
