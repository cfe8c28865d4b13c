package app

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// shopSignedIn serves the shop's world, its stream's keep-alive every
// keepAlive, with the shop's account signed in to it.
func shopSignedIn(tb testing.TB, keepAlive time.Duration) (*xfake.Server, Account) {
	tb.Helper()
	srv, client := xtest.X(tb, xfake.ShopScenario(time.Now()), xfake.Options{KeepAlive: keepAlive}, twitter.Options{})
	me, err := SignIn(tb.Context(), network.Dial{APIBase: srv.URL(), Credentials: xtest.Credentials()}, "")
	if err != nil {
		tb.Fatal(err)
	}
	me.Client = client
	return srv, me
}

// TestTheRuntimeGoesLiveWhenAsked: with [live] dms on and the poll an
// hour away, the runtime holds one push connection, a customer's DM is
// in the store within seconds, and Close ends the connection; without
// [live], no connection is made.
func TestTheRuntimeGoesLiveWhenAsked(t *testing.T) {
	for _, live := range []bool{true, false} {
		srv, me := shopSignedIn(t, 20*time.Millisecond)
		st := harktest.Store(t)
		cfg := config.Defaults(filepath.Join(t.TempDir(), "config.toml"), func(string) string { return "" })
		cfg.Live.DMs = live
		rt := Start(t.Context(), Options{Store: st, Team: Team{me}, Settings: Settings{Config: &cfg}, Interval: time.Hour})
		if !live {
			time.Sleep(200 * time.Millisecond)
			if srv.Streams() != 0 || len(srv.Subscriptions()) != 0 {
				t.Errorf("without [live]: %d connections, %d subscriptions", srv.Streams(), len(srv.Subscriptions()))
			}
			rt.Close()
			continue
		}
		harktest.WaitUntil(t, "one push connection", func() bool { return srv.Streams() == 1 })
		harktest.WaitUntil(t, "the DM subscriptions", func() bool { return len(srv.Subscriptions()) == 2 })
		dm := srv.AddDM(xfake.DM{SenderID: xfake.ShopScenario(time.Now()).Users[0].ID, RecipientID: me.User.ID, Text: "is my order on its way?"})
		id, _ := model.ParseID(dm.EventID)
		harktest.WaitUntil(t, "the pushed DM stored", func() bool {
			p, ok, _ := st.Post(id)
			return ok && p.Kind == model.DMIn
		})
		rt.Close()
		harktest.WaitUntil(t, "the connection closed", func() bool { return srv.Streams() == 0 })
		if c, _ := st.Counts(); c.ByView[store.ViewAll] == 0 {
			t.Error("nothing was polled")
		}
	}
}

// TestASecondHarkDoesNotOpenASecondConnection: two harks of one user on
// two databases with the same app and [live] on hold one push
// connection between them; when the first closes, the second takes the
// push over.
func TestASecondHarkDoesNotOpenASecondConnection(t *testing.T) {
	old := streamLockRetry
	streamLockRetry = 50 * time.Millisecond
	defer func() { streamLockRetry = old }()
	srv, me := shopSignedIn(t, 20*time.Millisecond)
	runDir := t.TempDir()
	getenv := func(k string) string {
		if k == "XDG_RUNTIME_DIR" {
			return runDir
		}
		return ""
	}
	start := func() *Runtime {
		dir := t.TempDir()
		cfg := config.Defaults(filepath.Join(dir, "config.toml"), getenv)
		cfg.APIBase, cfg.Credentials, cfg.Live.DMs = srv.URL(), xtest.Credentials(), true
		return Start(t.Context(), Options{Store: harktest.Store(t), Team: Team{me}, Settings: Settings{Config: &cfg},
			Interval: time.Hour, DBPath: filepath.Join(dir, "hark.db"), Getenv: getenv})
	}
	first := start()
	harktest.WaitUntil(t, "the first hark's connection", func() bool { return srv.Streams() == 1 })
	second := start()
	defer second.Close()
	time.Sleep(300 * time.Millisecond) // six of the second's tries
	if n := srv.Streams(); n != 1 {
		t.Fatalf("two harks of one app hold %d connections", n)
	}
	first.Close()
	harktest.WaitUntil(t, "the second hark taking the push over", func() bool {
		_, _, held := second.LiveStatus()
		return held && srv.Streams() == 1
	})
}

// TestTheOtherAccountsEventsComeOnTheOneConnection: with a help desk
// account beside the shop's, one connection carries both accounts'
// events: each account's subscriptions are made through its own client,
// and a DM to the help desk lands in the help desk's conversation.
func TestTheOtherAccountsEventsComeOnTheOneConnection(t *testing.T) {
	now := time.Now()
	sc := xfake.WithHelpDesk(xfake.ShopScenario(now), now)
	srv, client := xtest.X(t, sc, xfake.Options{KeepAlive: 20 * time.Millisecond}, twitter.Options{})
	team := Team{}
	for i, creds := range []config.Credentials{xtest.Credentials(), helpDeskCredentials()} {
		a, err := SignIn(t.Context(), network.Dial{APIBase: srv.URL(), Credentials: creds}, "")
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			a.Client = client
		}
		team = append(team, a)
	}
	cfg := config.Defaults(filepath.Join(t.TempDir(), "config.toml"), func(string) string { return "" })
	cfg.Live.DMs = true
	st := harktest.Store(t)
	rt := Start(t.Context(), Options{Store: st, Team: team, Settings: Settings{Config: &cfg}, Interval: time.Hour})
	defer rt.Close()
	harktest.WaitUntil(t, "both accounts' DM subscriptions", func() bool { return len(srv.Subscriptions()) == 4 })
	harktest.WaitUntil(t, "one connection", func() bool { return srv.Streams() == 1 })
	harktest.WaitUntil(t, "each account's first DM read and the one its connection woke", func() bool { return srv.Calls("GET /2/dm_events") >= 4 })
	time.Sleep(50 * time.Millisecond) // the woken reads' answers stored: from here only the push brings a DM
	dm := srv.AddDM(xfake.DM{SenderID: sc.Users[0].ID, RecipientID: xfake.ShopHelpDesk.ID, Text: "a refund, please"})
	id, _ := model.ParseID(dm.EventID)
	harktest.WaitUntil(t, "the help desk's DM stored in its conversation", func() bool {
		p, ok, _ := st.Post(id)
		if !ok {
			return false
		}
		c, ok, _ := st.Conversation(p.ConversationID)
		return ok && c.Account == xfake.ShopHelpDesk.ID
	})
	if n := srv.Streams(); n != 1 {
		t.Errorf("two accounts hold %d connections", n)
	}
}

// helpDeskCredentials are the help desk account's keys on xfake.
func helpDeskCredentials() config.Credentials {
	c := xtest.Credentials()
	c.AccessToken, c.AccessSecret = xfake.AccountToken(xfake.ShopHelpDesk)
	return c
}

// TestTwoWorldsEachHoldTheirPush: two harks whose clients reach two
// different APIs (two demos at once, each with its own simulated X, and
// no keys in either's config) each hold their own push.
func TestTwoWorldsEachHoldTheirPush(t *testing.T) {
	runDir := t.TempDir()
	getenv := func(k string) string {
		if k == "XDG_RUNTIME_DIR" {
			return runDir
		}
		return ""
	}
	var servers []*xfake.Server
	for range 2 {
		srv, me := shopSignedIn(t, 20*time.Millisecond)
		dir := t.TempDir()
		cfg := config.Defaults(filepath.Join(dir, "config.toml"), getenv) // no api_base, no keys: as the demo's
		cfg.Live.DMs = true
		rt := Start(t.Context(), Options{Store: harktest.Store(t), Team: Team{me}, Settings: Settings{Config: &cfg},
			Interval: time.Hour, DBPath: filepath.Join(dir, "hark.db"), Getenv: getenv})
		defer rt.Close()
		servers = append(servers, srv)
	}
	for i, srv := range servers {
		harktest.WaitUntil(t, fmt.Sprintf("world %d's push", i+1), func() bool { return srv.Streams() == 1 })
	}
}

// TestStopLiveEndsThePushForGood: hark live off in a running hark closes
// its connection, says "off", and no reconnection follows; the sources
// are polled as before.
func TestStopLiveEndsThePushForGood(t *testing.T) {
	srv, me := shopSignedIn(t, 20*time.Millisecond)
	cfg := config.Defaults(filepath.Join(t.TempDir(), "config.toml"), func(string) string { return "" })
	cfg.Live.DMs = true
	rt := Start(t.Context(), Options{Store: harktest.Store(t), Team: Team{me}, Settings: Settings{Config: &cfg}, Interval: time.Hour})
	defer rt.Close()
	harktest.WaitUntil(t, "one push connection", func() bool { return srv.Streams() == 1 })
	rt.StopLive()
	harktest.WaitUntil(t, "the connection closed", func() bool { return srv.Streams() == 0 })
	if state, _, held := rt.LiveStatus(); !state.Off || held {
		t.Errorf("after StopLive: %+v, held %v", state, held)
	}
	srv.Cut() // what would make a held push connect again
	time.Sleep(200 * time.Millisecond)
	if n := srv.Streams(); n != 0 {
		t.Errorf("a connection came back after StopLive: %d", n)
	}
}
