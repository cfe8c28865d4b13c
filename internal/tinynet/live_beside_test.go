package tinynet_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// TestAnotherNetworkBesideLiveXKeepsItsPolls: X's push carries X's
// events alone, so while it is live, the tiny network's account beside
// X's is polled at its interval, not only as the net under X's push. It
// was not: every poller after the first counted as covered, and a mention
// on the other network waited up to the safety poll.
func TestAnotherNetworkBesideLiveXKeepsItsPolls(t *testing.T) {
	ctx := t.Context()
	xsrv, xclient := xtest.X(t, xfake.ShopScenario(time.Now()), xfake.Options{KeepAlive: 20 * time.Millisecond}, twitter.Options{})
	st := harktest.Store(t)
	tsrv, tclient, tme := signedIn(t, st)
	xme, err := xclient.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetAccount(xme); err != nil {
		t.Fatal(err)
	}
	runDir := t.TempDir()
	cfg := config.Defaults(filepath.Join(t.TempDir(), "config.toml"), func(string) string { return "" })
	cfg.Live.Mentions, cfg.Live.DMs, cfg.Live.OwnPosts = true, true, true
	rt := app.Start(ctx, app.Options{Store: st, Team: app.Team{{User: xme, Client: xclient}, {User: tme, Client: tclient}},
		Settings: app.Settings{Config: &cfg}, Interval: 200 * time.Millisecond, DBPath: filepath.Join(t.TempDir(), "hark.db"),
		Getenv: func(k string) string {
			if k == "XDG_RUNTIME_DIR" {
				return runDir
			}
			return ""
		}})
	defer rt.Close()
	harktest.WaitUntil(t, "X's push live", func() bool { s, _, _ := rt.LiveStatus(); return s.Live && xsrv.Streams() == 1 })
	time.Sleep(300 * time.Millisecond) // the woken reads done
	tsrv.Add(nina.Ref, "@paperandpine still open on Sunday?", "", time.Now())
	harktest.WaitUntil(t, "the tiny network's mention, polled at its interval", func() bool {
		return len(searchIDs(t, st, "Sunday")) == 1
	})
}
