package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
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

// TestLiveOffBesideARunningHark: hark live off, served by a hark holding
// the push, closes its stream (no reconnection makes the subscriptions
// again), deletes them, and live status then says the push is off and
// asks for nothing.
func TestLiveOffBesideARunningHark(t *testing.T) {
	srv := startShop(t)
	vars := testEnv(t, srv)
	vars["XDG_RUNTIME_DIR"] = t.TempDir()
	writeConfig(t, vars, "[live]\ndms = true\n")
	if _, err := runHark(t, vars, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct, _, _ := st.Account()
	client, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: xtest.Credentials()})
	if err != nil {
		t.Fatal(err)
	}
	configPath := filepath.Join(vars["XDG_CONFIG_HOME"], "hark", "config.toml")
	e := &env{getenv: func(k string) string { return vars[k] }, dbPath: dbPath, configPath: configPath}
	e.cfg.Live = config.Live{DMs: true, SafetyPoll: config.DefaultSafetyPoll}
	rt := e.hold(t, app.Options{Store: st, Team: app.Team{{User: acct, Client: client}}, Settings: app.Settings{Config: &e.cfg}, Interval: time.Hour})
	defer rt.Close()
	harktest.WaitUntil(t, "the holder's push", func() bool { return srv.Streams() == 1 && len(srv.Subscriptions()) == 2 })
	if out, err := runHark(t, vars, "live", "off"); err != nil || !strings.Contains(out, "X pushes nothing more") {
		t.Fatalf("live off: %v\n%s", err, out)
	}
	harktest.WaitUntil(t, "the holder's stream closed", func() bool { return srv.Streams() == 0 })
	srv.Cut()
	time.Sleep(100 * time.Millisecond)
	if n, subs := srv.Streams(), srv.Subscriptions(); n != 0 || len(subs) != 0 {
		t.Errorf("after live off: %d connections, subscriptions %+v", n, subs)
	}
	out, err := runHark(t, vars, "live", "status")
	if err != nil || !strings.Contains(out, "asked:   nothing") || !strings.Contains(out, "stream:  off (hark live off)") {
		t.Errorf("live status after live off: %v\n%s", err, out)
	}
}
