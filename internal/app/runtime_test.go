package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// world is a simulated X with the shop's day, an account of ours signed
// in to it, a store, and the runtime's settings with a post-new hook
// that keeps what it is handed.
type world struct {
	srv      *xfake.Server
	st       *store.Store
	team     Team
	settings Settings
	dbPath   string
	getenv   func(string) string
	hookOut  string
}

func newWorld(t *testing.T) world {
	t.Helper()
	srv, client := xtest.X(t, xfake.ShopScenario(time.Now()), xfake.Options{}, twitter.Options{})
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "hark.db")
	hookDir := filepath.Join(dir, "hooks")
	hookOut := filepath.Join(dir, "post-new.out")
	if err := os.MkdirAll(hookDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hookDir, hooks.PostNew), []byte("#!/bin/sh\ncat >> "+hookOut+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenWith(dbPath, store.Options{QueueNew: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	me, err := SignIn(t.Context(), network.Dial{APIBase: srv.URL(), Credentials: xtest.Credentials()}, "")
	if err != nil {
		t.Fatal(err)
	}
	me.Client = client
	cfg := config.Defaults(filepath.Join(dir, "config.toml"), func(string) string { return "" })
	runDir := filepath.Join(dir, "run")
	return world{srv: srv, st: st, team: Team{me}, dbPath: dbPath, hookOut: hookOut,
		settings: Settings{Config: &cfg, Hooks: hooks.Dir(hookDir)},
		getenv: func(k string) string {
			if k == "XDG_RUNTIME_DIR" {
				return runDir
			}
			return ""
		}}
}

// countInbox is a served command: it says how many conversations the
// held store's inbox has, from the store the runtime holds.
func countInbox(_ context.Context, rt *Runtime, req sock.Request, stdout, _ io.Writer) sock.Result {
	if len(req.Args) != 1 || req.Args[0] != "count" {
		return sock.Result{Code: 2, Err: fmt.Sprintf("unknown command %q", req.Args)}
	}
	c, err := rt.Store.Counts()
	if err != nil {
		return sock.Result{Code: 1, Err: err.Error()}
	}
	fmt.Fprint(stdout, c.ByView[store.ViewInbox])
	return sock.Result{}
}

// TestTheRuntimeListensSendsServesAndStops starts the runtime as the
// inbox does against the simulated X: its poller stores the shop's
// mentions and the hook is handed them, a reply queued goes to X once,
// a command line sent to its socket runs on the store it holds, and
// Close stops it all: the socket is gone and nothing more is read.
func TestTheRuntimeListensSendsServesAndStops(t *testing.T) {
	w := newWorld(t)
	rt, src := startForInbox(t.Context(), Options{Store: w.st, Team: w.team, Settings: w.settings,
		Interval: time.Hour, Serve: countInbox, DBPath: w.dbPath, Getenv: w.getenv})
	closed := false
	defer func() {
		if !closed {
			rt.Close()
		}
	}()
	if rt.ServeErr != nil {
		t.Fatal(rt.ServeErr)
	}

	arrived := harktest.WaitFor(t, src.Listen, func(ev listen.Event) bool { _, ok := ev.(listen.Arrived); return ok }).(listen.Arrived)
	if len(arrived.Posts) == 0 {
		t.Fatal("the first sync stored nothing")
	}
	mention := newestMention(arrived.Posts, w.team[0].User.ID)
	harktest.WaitUntil(t, "the post-new hook is handed what was stored", func() bool {
		b, _ := os.ReadFile(w.hookOut)
		return bytes.Contains(b, []byte(model.FormatID(mention.ID)))
	})

	text := "Thanks for telling us: a new one is on its way today."
	if _, err := w.st.Enqueue(outbox.Replies(mention, []string{text}, time.Now(), 0)...); err != nil {
		t.Fatal(err)
	}
	rt.Kick() // as the composer does
	harktest.WaitFor(t, src.Outbox, func(ev outbox.Event) bool { _, ok := ev.(outbox.SentEvent); return ok })
	if n := postsSaying(w.srv, text); n != 1 {
		t.Errorf("X has the reply %d times, want once", n)
	}

	path, err := sock.Path(w.dbPath, w.getenv)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	res, err := sock.Call(t.Context(), path, sock.Request{Args: []string{"count"}}, &out, &errOut)
	counts, _ := w.st.Counts()
	if err != nil || res.Err != "" || out.String() != fmt.Sprint(counts.ByView[store.ViewInbox]) || counts.ByView[store.ViewInbox] == 0 {
		t.Errorf("a served count: %q %v %+v, the store has %d", out.String(), err, res, counts.ByView[store.ViewInbox])
	}
	select {
	case <-src.Changed:
	default:
		t.Error("a served command did not tell the inbox the database may have changed")
	}

	calls := reads(w.srv)
	if calls == 0 {
		t.Fatal("the count of X's reads saw none: its endpoint names are not xfake's")
	}
	stopped := make(chan struct{})
	closed = true // here or never: a Close that hangs is not waited for again
	go func() { rt.Close(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	if _, err := sock.Call(context.Background(), path, sock.Request{Args: []string{"count"}}, io.Discard, io.Discard); !errors.Is(err, sock.ErrNoServer) {
		t.Errorf("after Close the socket answered: %v", err)
	}
	if err := rt.Wait(); err != nil {
		t.Errorf("Wait after Close: %v", err)
	}
	time.Sleep(50 * time.Millisecond)
	if after := reads(w.srv); after != calls {
		t.Errorf("X was called %d times after Close", after-calls)
	}
}

// TestAnOfflineRuntimeStartsSendersOnlyWhenAsked: an inbox opened
// offline reads nothing and sends nothing until a served command brings
// a client (hark send from another terminal); then its items go through
// the holder's senders, which Close stops.
func TestAnOfflineRuntimeStartsSendersOnlyWhenAsked(t *testing.T) {
	w := newWorld(t)
	online := w.team
	rt := Start(t.Context(), Options{Store: w.st, Team: Team{{User: online[0].User}}, Settings: w.settings, Interval: time.Hour})
	defer rt.Close()
	if rt.Client() != nil {
		t.Fatal("an offline runtime has a client")
	}
	time.Sleep(50 * time.Millisecond)
	if n := reads(w.srv); n != 0 {
		t.Fatalf("an offline runtime called X %d times", n)
	}
	d := rt.DeskFor(online)
	if rt.DeskFor(online) != d {
		t.Error("a second command got a second desk")
	}
	text := "A DM from the holder's desk."
	al := uint64(2000000006)
	if _, err := w.st.Enqueue(outbox.DirectMessage(model.DMConversation(al), al, text, time.Now(), 0)); err != nil {
		t.Fatal(err)
	}
	if err := d.Sweep(t.Context()); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dm := range w.srv.DMs() {
		if dm.Text == text {
			n++
		}
	}
	if n != 1 {
		t.Errorf("X has the DM %d times, want once", n)
	}
}

// newestMention is the newest post in posts another account wrote.
func newestMention(posts []model.Post, shop uint64) model.Post {
	var out model.Post
	for _, p := range posts {
		if p.AuthorID != shop && p.ID > out.ID {
			out = p
		}
	}
	return out
}

// reads counts the calls made to X's reading endpoints.
func reads(srv *xfake.Server) int {
	n := 0
	for _, e := range []string{"GET /2/users/:id/mentions", "GET /2/users/:id/tweets", "GET /2/tweets/search/recent",
		"GET /2/tweets", "GET /2/tweets/:id", "GET /2/users", "GET /2/dm_events", "GET /2/dm_conversations/with/:participant_id/dm_events"} {
		n += srv.Calls(e)
	}
	return n
}

// postsSaying counts X's posts with text.
func postsSaying(srv *xfake.Server, text string) int {
	n := 0
	for _, p := range srv.Posts() {
		if p.Text == text {
			n++
		}
	}
	return n
}
