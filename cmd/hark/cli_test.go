package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// runHark runs the hark command line in-process with its own environment.
func runHark(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	cmd := newRoot(func(k string) string { return env[k] })
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := execute(cmd)
	return out.String(), err
}

// testEnv points hark's files into a temporary home and its credentials
// at srv.
func testEnv(t *testing.T, srv *xfake.Server) map[string]string {
	dir := t.TempDir()
	return map[string]string{
		"XDG_CONFIG_HOME": filepath.Join(dir, "config"), "XDG_DATA_HOME": filepath.Join(dir, "data"),
		"XDG_STATE_HOME": filepath.Join(dir, "state"), "HARK_X_API_BASE": srv.URL(), "TMPDIR": filepath.Join(dir, "tmp"),
		"HARK_X_API_KEY": "k", "HARK_X_API_SECRET": "s", "HARK_X_ACCESS_TOKEN": "t", "HARK_X_ACCESS_SECRET": "u",
	}
}

func startShop(t *testing.T) *xfake.Server {
	t.Helper()
	return serveShop(t, xfake.ShopScenario(time.Now()))
}

// startShopWithHelpDesk serves the shop with its help desk account too.
func startShopWithHelpDesk(t *testing.T) *xfake.Server {
	t.Helper()
	now := time.Now()
	return serveShop(t, xfake.WithHelpDesk(xfake.ShopScenario(now), now))
}

// serveShop serves a scenario that checks testEnv's keys.
func serveShop(t *testing.T, sc xfake.Scenario) *xfake.Server {
	t.Helper()
	srv, err := xfake.Start(sc, xfake.Options{Secrets: &xfake.Secrets{ConsumerKey: "k", ConsumerSecret: "s", Token: "t", TokenSecret: "u"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func TestSyncThenExport(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[[search]]\nname = \"brand\"\nquery = '"+xfake.DemoSearch+"'\n") // hears the posts that do not mention the shop
	out, err := runHark(t, env, "sync", "--once")
	all := slices.DeleteFunc(srv.Posts(), func(p model.Post) bool { return p.Latest != 0 }) // an edited post's earlier version is the same post
	// The stand-in for the post priya deleted before her follow-up comes with the mentions.
	progress, out, _ := strings.Cut(out, "\n") // one progress line: the own posts' first read
	if !strings.HasPrefix(progress, "reading the shop's own posts (own) for the first time, back to ") {
		t.Errorf("no progress line for the first read of the own posts: %q", progress)
	}
	if err != nil || !strings.HasPrefix(out, fmt.Sprintf("%d new posts (mentions 36, own 1, dms 4, brand 3)", len(all)+1+len(srv.DMs()))) {
		t.Fatalf("sync: %q, %v (X holds %d posts and %d DMs)", out, err, len(all), len(srv.DMs()))
	}
	if out, err := runHark(t, env, "sync", "--once"); err != nil || !strings.HasPrefix(out, "0 new posts") || strings.Count(out, "\n") != 1 {
		t.Errorf("second sync: %q, %v", out, err)
	}

	out, err = runHark(t, env, "export")
	if err != nil {
		t.Fatal(err)
	}
	var got []exported
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var x exported
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, x)
	}
	// Every post on X reaches the export: the mentions, our replies
	// through the threads' references, what the search heard; and every
	// DM, both ways.
	var posts, dms []exported
	for _, x := range got {
		if x.Kind == "dm" || x.Kind == "dm_sent" {
			dms = append(dms, x)
		} else {
			posts = append(posts, x)
		}
	}
	if len(posts) != len(all) || len(dms) != len(srv.DMs()) {
		t.Fatalf("exported %d posts and %d DMs, X holds %d and %d", len(posts), len(dms), len(all), len(srv.DMs()))
	}
	users := map[uint64]model.User{xfake.ShopAccount.ID: xfake.ShopAccount}
	for _, u := range xfake.ShopScenario(time.Now()).Users {
		users[u.ID] = u
	}
	both := 0
	for i, p := range all {
		if !network.Answerable(p, xfake.ShopAccount) {
			p.Kind = model.Heard // found by the search only: it does not mention the shop
		}
		want := toExported(p, users[p.AuthorID])
		g := posts[i]
		if g.Status == "" || g.Tags == nil || g.Notes == nil || g.PersonNotes == nil {
			t.Errorf("post %d lacks its conversation's status, tags or notes, or its author's: %+v", i, g)
		}
		if wantSources(t, g) == 2 {
			both++
		}
		g.Status, g.Tags, g.Notes, g.PersonNotes, g.Sources = "", nil, nil, nil, want.Sources
		if !reflect.DeepEqual(g, want) {
			t.Errorf("post %d:\n got  %+v\n want %+v", i, g, want)
		}
	}
	if both == 0 {
		t.Errorf("no mention was also found by the brand search")
	}
	for i, dm := range srv.DMs() {
		wantKind := "dm"
		if dm.SenderID == xfake.ShopAccount.ID {
			wantKind = "dm_sent"
		}
		if g := dms[i]; g.ID != dm.EventID || g.Kind != wantKind || g.Text != dm.Text || !slices.Equal(g.Sources, []string{"dms"}) {
			t.Errorf("DM %d: got %+v, want %s %q by %d", i, g, wantKind, dm.Text, dm.SenderID)
		}
	}

	csvPath := filepath.Join(t.TempDir(), "out.csv")
	if _, err := runHark(t, env, "export", "--format", "csv", "-o", csvPath); err != nil {
		t.Fatal(err)
	}
	f, _ := openFile(csvPath)
	records, err := csv.NewReader(f).ReadAll()
	if err != nil || len(records) != len(got)+1 || strings.Join(records[0], ",") != strings.Join(csvHeader, ",") {
		t.Errorf("csv: %d records, header %v, %v", len(records), records[0], err)
	}
}

// wantSources checks an exported post's sources against its kind, and
// returns how many there are: a mention was found by the mentions (and
// perhaps the search), a heard post by the search alone, our replies by
// the shop's own timeline (the first also came as the posts the
// mentions answer).
func wantSources(t *testing.T, x exported) int {
	t.Helper()
	switch {
	case x.Kind == "mention" && (len(x.Sources) == 0 || x.Sources[0] != "mentions"):
		t.Errorf("mention %s: sources %v", x.ID, x.Sources)
	case x.Kind == "heard" && !slices.Equal(x.Sources, []string{"brand"}):
		t.Errorf("heard %s: sources %v", x.ID, x.Sources)
	case x.Kind == "reply" && !slices.Equal(x.Sources, []string{"own"}):
		t.Errorf("reply %s: sources %v", x.ID, x.Sources)
	}
	return len(x.Sources)
}

func TestCommandLineErrorsAreOneClearLine(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	noCreds := map[string]string{"XDG_CONFIG_HOME": env["XDG_CONFIG_HOME"], "XDG_DATA_HOME": env["XDG_DATA_HOME"], "XDG_STATE_HOME": env["XDG_STATE_HOME"]}
	_, err := runHark(t, noCreds, "sync", "--once")
	if err == nil || !strings.Contains(err.Error(), "HARK_X_API_KEY") || !strings.Contains(err.Error(), "hark demo") {
		t.Errorf("missing credentials: %v", err)
	}

	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = runHark(t, env, "sync", "--once")
	st.Close()
	if err == nil || !strings.HasPrefix(err.Error(), "another hark is using ") || time.Since(start) > 1500*time.Millisecond {
		t.Errorf("second hark: %v after %v", err, time.Since(start))
	}

	srv.SetUnauthorized(true)
	if _, err := runHark(t, env, "sync", "--once"); err == nil || !strings.Contains(err.Error(), "refused the credentials") {
		t.Errorf("refused credentials: %v", err)
	}
	if _, err := runHark(t, env, "export", "--format", "xml"); err == nil || !strings.Contains(err.Error(), "jsonl or csv") {
		t.Errorf("bad format: %v", err)
	}
	if _, err := runHark(t, env, "--config", filepath.Join(t.TempDir(), "missing.toml"), "export"); err == nil {
		t.Error("a missing --config file was accepted")
	}
	for _, e := range []error{err} {
		if e != nil && strings.Contains(e.Error(), "\n") {
			t.Errorf("error spans lines: %q", e)
		}
	}
}

func openFile(path string) (*bytes.Reader, error) {
	b, err := os.ReadFile(path)
	return bytes.NewReader(b), err
}

func TestSyncOnceWaitsOutAShortRateLimitUnlessNoWait(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	srv.Inject("GET /2/users/:id/mentions", xfake.Fault{Status: 429, RetryIn: time.Second})
	if _, err := runHark(t, env, "sync", "--once", "--no-wait"); err == nil || !strings.Contains(err.Error(), "429") {
		t.Fatalf("--no-wait: %v", err)
	}
	srv.Inject("GET /2/users/:id/mentions", xfake.Fault{Status: 429, RetryIn: time.Second}, xfake.Fault{Status: 503})
	out, err := runHark(t, env, "sync", "--once")
	if err != nil || !strings.Contains(out, "rate-limited until ") || !strings.Contains(out, ", waiting\n") ||
		!strings.Contains(out, "X unreachable") || !strings.Contains(out, " new posts") {
		t.Fatalf("sync: %q, %v", out, err)
	}
}

// convOf is the id of the conversation of the demo post by handle whose
// text holds words: what an owner types after hark ls shows it.
func convOf(t *testing.T, srv *xfake.Server, handle, words string) string {
	t.Helper()
	ids := map[string]uint64{}
	for _, u := range xfake.ShopScenario(time.Now()).Users {
		ids[u.Username] = u.ID
	}
	for _, p := range srv.Posts() {
		if p.AuthorID == ids[handle] && strings.Contains(p.Text, words) {
			return model.FormatID(p.ConversationID)
		}
	}
	t.Fatalf("no post of @%s with %q", handle, words)
	return ""
}
