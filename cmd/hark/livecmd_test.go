package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// TestLiveStatusAndOff: hark live status says what [live] asks, what
// hark's subscriptions on X cover, and that no hark holds the stream;
// hark live off deletes hark's subscriptions (another program's stay)
// and writes [live] off in config.toml, so that no hark makes them
// again, keeping the rest of the file.
func TestLiveStatusAndOff(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[[search]]\nname = \"brand\"\nquery = \"paper\"\n\n[live]\ndms = true\nsafety_poll = \"30m\"\n")
	out, err := runHark(t, env, "live", "status")
	if err != nil || !strings.Contains(out, "asked:   dms") || !strings.Contains(out, "pushed:  nothing") || !strings.Contains(out, "no hark is running") || !strings.Contains(out, "sign-in: the account's keys only") {
		t.Fatalf("before any subscription: %v\n%s", err, out)
	}
	shop := srv.Account().ID
	for _, e := range []string{"dm.received", "dm.sent"} {
		srv.AddSubscription(xfake.Subscription{EventType: e, UserID: shop, Tag: twitter.SubscriptionTag})
	}
	srv.AddSubscription(xfake.Subscription{EventType: "post.create", UserID: shop, Tag: "zapier"})
	if out, err = runHark(t, env, "live", "status"); err != nil || !strings.Contains(out, "pushed:  dms\n") {
		t.Fatalf("with hark's DM subscriptions: %v\n%s", err, out)
	}
	if out, err = runHark(t, env, "live", "off"); err != nil || !strings.Contains(out, "X pushes nothing more") {
		t.Fatalf("live off: %v\n%s", err, out)
	}
	if subs := srv.Subscriptions(); len(subs) != 1 || subs[0].Tag != "zapier" {
		t.Errorf("after live off, X holds %+v", subs)
	}
	if out, err = runHark(t, env, "live", "status"); err != nil || !strings.Contains(out, "asked:   nothing") {
		t.Errorf("status after live off: %v\n%s", err, out)
	}
	raw, _ := os.ReadFile(filepath.Join(env["XDG_CONFIG_HOME"], "hark", "config.toml"))
	if !strings.Contains(string(raw), "dms = false") || !strings.Contains(string(raw), `safety_poll = "30m0s"`) {
		t.Errorf("config.toml after live off:\n%s", raw)
	}
	if out, err = runHark(t, env, "sources"); err != nil || !strings.Contains(out, "brand") {
		t.Errorf("the rest of config.toml after live off: %v\n%s", err, out)
	}
}

// TestDoctorSaysWhatLiveAsksAndWhatXPushes: with [live] set, doctor has a
// line for it: what it asks, and what hark's subscriptions on X cover.
func TestDoctorSaysWhatLiveAsksAndWhatXPushes(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[live]\ndms = true\n")
	out, _ := runHark(t, env, "doctor")
	if line := doctorLine(out, "live"); !strings.HasPrefix(line, "✓") || !strings.Contains(line, "[live] asks dms; X pushes nothing yet") {
		t.Errorf("before any subscription: %q", line)
	}
	for _, e := range []string{"dm.received", "dm.sent"} {
		srv.AddSubscription(xfake.Subscription{EventType: e, UserID: srv.Account().ID, Tag: twitter.SubscriptionTag})
	}
	out, _ = runHark(t, env, "doctor")
	if line := doctorLine(out, "live"); !strings.Contains(line, "X pushes dms") {
		t.Errorf("with hark's DM subscriptions: %q", line)
	}
}

// TestSourcesSayWhatIsPushed: hark sources says which sources X pushes
// and how often they are polled then; the others as before.
func TestSourcesSayWhatIsPushed(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[live]\ndms = true\nsafety_poll = \"30m\"\n")
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	out, err := runHark(t, env, "sources")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out, "\n") {
		pushed := strings.Contains(l, "pushed by X when live, then polled every 30m")
		if strings.HasPrefix(l, "dms\t") != pushed && l != "" {
			t.Errorf("%q", l)
		}
	}
}
