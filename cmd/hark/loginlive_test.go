package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
)

// lockedBuffer is an output the test reads while hark writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// authorizingPerson opens the authorize address hark prints, as a
// person's browser does (X redirects it to hark's loopback), and types
// nothing.
type authorizingPerson struct {
	t    *testing.T
	out  *lockedBuffer
	done bool
}

func (p *authorizingPerson) Read([]byte) (int, error) {
	if p.done {
		return 0, io.EOF
	}
	p.done = true
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, rest, ok := strings.Cut(p.out.String(), "authorize hark:\n  "); ok {
			address, _, _ := strings.Cut(rest, "\n")
			if res, err := http.Get(address); err == nil {
				res.Body.Close()
			}
			return 0, io.EOF
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.t.Error("hark printed no authorize address")
	return 0, io.EOF
}

// TestLoginLiveKeepsTheSignInAndTurnsLiveOn: hark login --live runs the
// PKCE sign-in through the browser and the loopback port, keeps the
// tokens 0600 beside config.toml (none of them printed), says which
// token X takes for its subscriptions, and from then on [live]'s
// defaults push DMs and the shop's own posts.
func TestLoginLiveKeepsTheSignInAndTurnsLiveOn(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	env["HARK_X_CLIENT_ID"] = "hark-client"
	srv.RefuseOAuth1Subscriptions(true)
	out := &lockedBuffer{}
	cmd := newRoot(func(k string) string { return env[k] })
	cmd.SetOut(out)
	cmd.SetErr(out)
	cmd.SetIn(&authorizingPerson{t: t, out: out})
	cmd.SetArgs([]string{"login", "--live", "--no-browser", "--port", strconv.Itoa(harktest.FreePort(t))})
	if err := execute(cmd); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	text := out.String()
	if !strings.Contains(text, "✓ signed in for live as @"+srv.Account().Username) || !strings.Contains(text, "X takes the OAuth 2.0 token") {
		t.Errorf("what hark said:\n%s", text)
	}
	path := config.LiveTokensPath(filepath.Join(env["XDG_CONFIG_HOME"], "hark", "config.toml"), "")
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the live sign-in %s: %v", path, err)
	}
	raw, _ := os.ReadFile(path)
	for _, field := range []string{`"access_token": "`, `"refresh_token": "`} {
		_, rest, _ := strings.Cut(string(raw), field)
		secret, _, _ := strings.Cut(rest, `"`)
		if secret == "" || strings.Contains(text, secret) {
			t.Errorf("%s empty or printed", field)
		}
	}
	status, err := runHark(t, env, "live", "status")
	if err != nil || !strings.Contains(status, "asked:   own, dms") || !strings.Contains(status, "sign-in: OAuth 2.0, kept in "+path) {
		t.Errorf("live status after the sign-in: %v\n%s", err, status)
	}
}

// TestLoginLiveNeedsTheAccountFirst: --live for an account hark login
// has not signed in says so, in one line, and writes nothing.
func TestLoginLiveNeedsTheAccountFirst(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	_, err := runHarkIn(t, env, strings.NewReader(""), "login", "--live", "help")
	if err == nil || !strings.Contains(err.Error(), `no account "help"`) || strings.Contains(err.Error(), "\n") {
		t.Errorf("--live for an unknown account: %v", err)
	}
}
