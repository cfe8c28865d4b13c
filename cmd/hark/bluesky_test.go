package main

import (
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
	if out, err = runHark(t, env, "sync", "--once"); err != nil || !strings.Contains(out, "@paperandpine.bsky.social:mentions 1") {
		t.Fatalf("sync beside X: %v\n%s", err, out)
	}
	if out, err = runHark(t, env, "search", "kakimori"); err != nil || !strings.Contains(out, "@isla.bsky.social") {
		t.Errorf("search: %v\n%s", err, out)
	}
}
