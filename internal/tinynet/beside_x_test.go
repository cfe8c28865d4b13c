package tinynet_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/internal/tinynet"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// TestATinyNetworkBesideXInOneInbox runs the shop's X account and its
// account on the tiny network (string ids, 100 characters a post) in one
// runtime over one store: the tiny network's mention is stored beside
// X's under an id made from its time, found by search, counted by the
// report, refused past the tiny network's length where X's would take
// it, and answered once, on the tiny network, to the post it answers.
// Only this package and its registration (init, below) know the tiny
// network.
func TestATinyNetworkBesideXInOneInbox(t *testing.T) {
	// its link, on a domain X does not know, is the tiny network's alone
	const link = "https://stickers.quokka/today"
	ctx := t.Context()
	now := time.Now()
	xsrv, xclient := xtest.X(t, xfake.ShopScenario(now), xfake.Options{}, twitter.Options{})
	dir := t.TempDir()
	st := harktest.Store(t)
	tsrv, tclient, tme := signedIn(t, st)
	asked := tsrv.Add(nina.Ref, "@paperandpine do you sell quokka stickers? \x1b[31mplease "+link, "", now.Add(-30*time.Minute))
	xme, err := xclient.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	team := app.Team{{User: xme, Client: xclient}, {User: tme, Client: tclient}}
	if err := st.SetAccount(xme); err != nil {
		t.Fatal(err)
	}
	if err := st.SetAccounts(team.Users()); err != nil {
		t.Fatal(err)
	}
	if network.RulesOf(tinynet.Name) == nil || network.RulesOf(network.X) == nil {
		t.Fatalf("registered: %v", network.Registered())
	}

	cfg := config.Defaults(filepath.Join(dir, "config.toml"), func(string) string { return "" })
	events, sent := make(chan listen.Event, 256), make(chan outbox.Event, 64)
	rt := app.Start(ctx, app.Options{Store: st, Team: team, Settings: app.Settings{Config: &cfg, Hooks: hooks.Dir(filepath.Join(dir, "hooks"))},
		Interval: time.Hour, Listen: events, Sent: sent})
	defer rt.Close()

	// Synced beside X: both pollers' first syncs end (idle till the next).
	for range 2 {
		harktest.WaitFor(t, events, func(ev listen.Event) bool { s, ok := ev.(listen.State); return ok && s.Phase == listen.Idle })
	}
	var tiny model.Post
	harktest.WaitUntil(t, "the tiny mention and X's are stored", func() bool {
		ids := searchIDs(t, st, "quokka")
		if len(ids) != 1 {
			return false
		}
		tiny, _, _ = st.Post(ids[0])
		return inboxByNetwork(t, st)[""] > 0
	})
	if tiny.Network() != tinynet.Name || tiny.On.Ref != asked.Ref || strings.Contains(tiny.Text, "\x1b") {
		t.Errorf("the tiny post as stored: %+v", tiny)
	}
	if ids := searchIDs(t, st, "has:link quokka"); !slices.Equal(ids, []uint64{tiny.ID}) {
		t.Errorf("has:link quokka = %v: the tiny post's link is read by its network's rules", ids)
	}
	if got := model.SnowflakeTime(tiny.ID); got.Sub(asked.Created).Abs() > time.Millisecond {
		t.Errorf("its hark id is of %v, the post was made %v", got, asked.Created)
	}
	if c, found, err := st.Conversation(tiny.ConversationID); err != nil || !found || c.Account != tme.ID {
		t.Errorf("its conversation %+v (%v, %v) does not belong to the tiny account %d", c, found, err, tme.ID)
	}
	if networksIn := inboxByNetwork(t, st); networksIn[tinynet.Name] != 1 || networksIn[""] == 0 {
		t.Errorf("the inbox's conversations by network: %v", networksIn)
	}

	// Reported: the tiny conversation waits, then is answered.
	from, to := now.Add(-24*time.Hour), now.Add(time.Hour)
	before, err := report.FromStore(ctx, st, report.Settings{Target: time.Hour}, from, to, time.Now())
	if err != nil {
		t.Fatal(err)
	}

	// Answered by the tiny network's rule: 150 characters are too many
	// there, not on X.
	long := strings.Repeat("quokka ", 21) + "ok"
	settings := outbox.Settings{Account: xme, HourlyLimit: 10}
	_, err = outbox.Prepare(st, outbox.Reply{ConversationID: tiny.ConversationID, Body: long}, settings, time.Now())
	var refusal *outbox.Refusal
	if !errors.As(err, &refusal) || !strings.Contains(refusal.Reason, "/100") {
		t.Errorf("a %d-character reply on the tiny network: %v", len(long), err)
	}
	if c := network.RulesOf(network.X).Count(long); c.Over() {
		t.Fatalf("the test's long reply is too long for X too: %+v", c)
	}
	answer := "Yes! Quokka stickers are in the shop today."
	plan, err := outbox.Prepare(st, outbox.Reply{ConversationID: tiny.ConversationID, Body: answer}, settings, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if plan.From.ID != tme.ID {
		t.Errorf("the reply goes from %+v, not the tiny account", plan.From)
	}
	if _, err := st.Enqueue(plan.Items...); err != nil {
		t.Fatal(err)
	}
	rt.Kick()
	harktest.WaitFor(t, sent, func(ev outbox.Event) bool { s, ok := ev.(outbox.SentEvent); return ok && s.Item.Text == answer })
	var replies []tinynet.Post
	for _, p := range tsrv.Posts() {
		if p.Text == answer {
			replies = append(replies, p)
		}
	}
	if len(replies) != 1 || replies[0].Parent != asked.Ref || replies[0].Author != shop.Ref {
		t.Errorf("the tiny network holds %+v", replies)
	}
	for _, p := range xsrv.Posts() {
		if p.Text == answer {
			t.Errorf("the tiny reply went to X: %+v", p)
		}
	}
	after, err := report.FromStore(ctx, st, report.Settings{Target: time.Hour}, from, to, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if after.Answered != before.Answered+1 || after.Conversations != before.Conversations {
		t.Errorf("report: answered %d → %d, conversations %d → %d", before.Answered, after.Answered, before.Conversations, after.Conversations)
	}
	if th, err := st.Thread(tiny.ConversationID); err != nil || len(th) != 2 || th[1].Network() != tinynet.Name {
		t.Errorf("the tiny thread after the answer: %+v, %v", th, err)
	}
}

// The shop and a customer on the tiny network.
var (
	shop = tinynet.User{Ref: "tiny:user/shop", Handle: "paperandpine", Name: "Paper & Pine (tiny)"}
	nina = tinynet.User{Ref: "tiny:user/nina", Handle: "nina_tiny", Name: "Nina"}
)

// signedIn serves a tiny network with the shop and nina, until the test
// ends, and signs the shop in to it with ids kept in st.
func signedIn(t *testing.T, st *store.Store) (*tinynet.Server, *tinynet.Client, model.User) {
	t.Helper()
	srv, err := tinynet.Start(shop, "tiny-token", nina)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	client := tinynet.New(srv.URL(), "tiny-token", st.NetIDs(tinynet.Name))
	me, err := client.Me(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return srv, client, me
}

// The tiny network's registration, as an adapter's init would make it.
func init() { network.Register(tinynet.Name, tinynet.Rules{}) }

// searchIDs are the posts a query finds, newest first.
func searchIDs(t *testing.T, st *store.Store, query string) []uint64 {
	t.Helper()
	q, err := search.Parse(query)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := st.SearchIDs(context.Background(), q, 0, 100, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// inboxByNetwork counts the inbox's conversations by their newest
// post's network ("" is X's).
func inboxByNetwork(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	rows, err := st.Inbox(store.ViewInbox, store.InboxKey{}, 200)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Last.Network()]++
	}
	return out
}
