package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/harkhq/hark/bluesky/bskyfake"
)

// TestLoginBlueskyThenSyncBesideX: hark login bluesky asks the handle
// and an app password, checks them and the DMs with Bluesky, writes
// [accounts.bluesky]; hark sync then reads the Bluesky account beside
// X's, and search finds its mention beside X's posts.
func TestLoginBlueskyThenSyncBesideX(t *testing.T) {
	xsrv := startShop(t)
	env := testEnv(t, xsrv)
	shop := bskyfake.Account{DID: "did:plc:shoptest", Handle: "paperandpine.bsky.social", DisplayName: "Paper & Pine", AppPassword: "abcd-efgh-ijkl-mnop"}
	isla := bskyfake.Account{DID: "did:plc:isla", Handle: "isla.bsky.social", DisplayName: "Isla"}
	bsrv, err := bskyfake.Start([]bskyfake.Account{shop, isla}, bskyfake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bsrv.Close()
	bsrv.AddPost(bskyfake.Post{Author: isla.DID, Text: "@paperandpine.bsky.social is the kakimori nib back?"})
	out, err := runHarkIn(t, env, strings.NewReader(shop.Handle+"\n"+shop.AppPassword+"\n"), "login", "bluesky", "--service", bsrv.URL())
	if err != nil || !strings.Contains(out, "✓ signed in as @paperandpine.bsky.social") || !strings.Contains(out, "✓ DMs") || strings.Contains(out, shop.AppPassword) {
		t.Fatalf("login bluesky: %v\n%s", err, out)
	}
	if out, _ = runHark(t, env, "doctor"); !strings.Contains(out, "signed in to Bluesky as @paperandpine.bsky.social") || !strings.Contains(out, "✓ bluesky DMs") {
		t.Errorf("doctor with a Bluesky account:\n%s", out)
	}
	if out, err = runHark(t, env, "sync", "--once"); err != nil || !strings.Contains(out, "@paperandpine.bsky.social:mentions 1") {
		t.Fatalf("sync beside X: %v\n%s", err, out)
	}
	out, _ = runHark(t, env, "sources")
	for _, line := range strings.Split(out, "\n") { // the Bluesky account's found posts count under its own sources
		if f := strings.Split(line, "\t"); len(f) > 2 && f[0] == "@paperandpine.bsky.social:mentions" && f[2] != "1" {
			t.Errorf("hark sources: %q, want the Bluesky mention counted under the Bluesky account's source", line)
		}
	}
	if out, err = runHark(t, env, "search", "kakimori"); err != nil || !strings.Contains(out, "@isla.bsky.social") {
		t.Errorf("search: %v\n%s", err, out)
	}
	sideBySide(t, env)
}

// sideBySide checks that X's and Bluesky's conversations live in one
// inbox, one search, one report and one export, each saying its network.
func sideBySide(t *testing.T, env map[string]string) {
	t.Helper()
	nets := map[string]int{}
	for _, row := range inboxIDs(t, env, "all") {
		nets[row.Network]++
	}
	if nets["x"] == 0 || nets["bluesky"] != 1 {
		t.Errorf("one inbox: conversations by network %v", nets)
	}
	if out, _ := runHark(t, env, "search", "network:bluesky"); strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "kakimori") {
		t.Errorf("search network:bluesky:\n%s", out)
	}
	if out, _ := runHark(t, env, "search", "network:x kakimori"); strings.TrimSpace(out) != "" && !strings.Contains(out, "No posts") {
		t.Errorf("search network:x kakimori found Bluesky's:\n%s", out)
	}
	var r struct {
		Conversations int
		Networks      []struct {
			Network       string
			Conversations int
		}
	}
	out, err := runHark(t, env, "report", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Networks) != 2 {
		t.Fatalf("report: %v %v\n%s", err, r, out)
	}
	if r.Networks[0].Network != "bluesky" || r.Networks[0].Conversations != 1 || r.Networks[1].Network != "x" || r.Networks[0].Conversations+r.Networks[1].Conversations != r.Conversations {
		t.Errorf("one report, split by network: %+v", r)
	}
	out, err = runHark(t, env, "export", "--format", "csv")
	if err != nil || !strings.Contains(out, ",network,network_ref,by,status_by,assignee\n") || !strings.Contains(out, ",bluesky,at://did:plc:isla/app.bsky.feed.post/") || !strings.Contains(out, ",x,,,,\n") {
		t.Errorf("one export: %v\n%.600s", err, out)
	}
}
