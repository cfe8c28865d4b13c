package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harkhq/hark/twitter/xfake"
)

// runHarkIn is runHark with what the person types.
func runHarkIn(t *testing.T, env map[string]string, stdin io.Reader, args ...string) (string, error) {
	t.Helper()
	cmd := newRoot(func(k string) string { return env[k] })
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetIn(stdin)
	cmd.SetArgs(args)
	err := execute(cmd)
	return out.String(), err
}

// person types the answers of a PIN sign-in: the app's keys, "no" to
// having the access token, then the PIN read from the authorize page
// once it exists.
type person struct {
	t       *testing.T
	srv     *xfake.Server
	answers []string
	pending bytes.Buffer
}

func (p *person) Read(b []byte) (int, error) {
	if p.pending.Len() == 0 {
		if len(p.answers) == 0 {
			return 0, io.EOF
		}
		a := p.answers[0]
		p.answers = p.answers[1:]
		if a == "PIN" {
			a = p.readPIN()
		}
		p.pending.WriteString(a + "\n")
	}
	return p.pending.Read(b)
}

// readPIN opens the authorize page of the sign-in under way, as the
// person does in a browser, and reads its PIN.
func (p *person) readPIN() string {
	tokens := p.srv.PendingTokens()
	if len(tokens) != 1 {
		p.t.Fatalf("%d sign-ins under way", len(tokens))
	}
	res, err := http.Get(p.srv.URL() + "/oauth/authorize?oauth_token=" + tokens[0])
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	return xfake.PINOf(string(page))
}

// TestLoginWithAPINSavesAPrivateConfig: the PIN sign-in through real
// signatures, the account and DM checks said plainly, config.toml
// written 0600, and no secret in the output; then hark runs on it with
// no credentials in the environment.
func TestLoginWithAPINSavesAPrivateConfig(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	for _, k := range []string{"HARK_X_API_KEY", "HARK_X_API_SECRET", "HARK_X_ACCESS_TOKEN", "HARK_X_ACCESS_SECRET"} {
		delete(env, k)
	}
	srv.SetDMPermission(false)
	out, err := runHarkIn(t, env, &person{t: t, srv: srv, answers: []string{"k", "s", "n", "PIN"}}, "login", "--no-browser")
	if err != nil {
		t.Fatalf("login: %v\n%s", err, out)
	}
	for _, want := range []string{"/oauth/authorize?oauth_token=", "✓ signed in as @paperandpine", "✓ mentions", "✗ DMs", "Read, write, and Direct Messages", "readable by you alone"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	path := filepath.Join(env["XDG_CONFIG_HOME"], "hark", "config.toml")
	raw, err := os.ReadFile(path)
	st, _ := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 || !strings.Contains(string(raw), "access_token = ") {
		t.Fatalf("config: %v, %v\n%s", err, st.Mode(), raw)
	}
	secret := between(string(raw), "access_secret = \"", "\"")
	if secret == "" || strings.Contains(out, secret) || strings.Contains(out, between(string(raw), "access_token = \"", "\"")) {
		t.Errorf("a secret shows in the output:\n%s", out)
	}
	srv.SetDMPermission(true)
	if out, err := runHark(t, env, "sync", "--once"); err != nil || !strings.Contains(out, "new posts") {
		t.Errorf("hark on the saved keys: %q, %v", out, err)
	}
	if logs, _ := os.ReadFile(filepath.Join(env["XDG_STATE_HOME"], "hark", "hark.log")); strings.Contains(string(logs), secret) {
		t.Error("the log holds the secret")
	}
}

// TestLoginRefusesWrongKeysAndSavesNothing: a wrong app secret and a
// wrong PIN are one line each, and no file is written.
func TestLoginRefusesWrongKeysAndSavesNothing(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	delete(env, "HARK_X_API_KEY")
	delete(env, "HARK_X_API_SECRET")
	path := filepath.Join(env["XDG_CONFIG_HOME"], "hark", "config.toml")
	if _, err := runHarkIn(t, env, &person{t: t, srv: srv, answers: []string{"k", "wrong", "n"}}, "login", "--no-browser"); err == nil || !strings.Contains(err.Error(), "refused the app's API key and secret") {
		t.Errorf("a wrong app secret: %v", err)
	}
	if _, err := runHarkIn(t, env, &person{t: t, srv: srv, answers: []string{"k", "s", "n", "7654321"}}, "login", "--no-browser"); err == nil || !strings.Contains(err.Error(), "refused the PIN") {
		t.Errorf("a wrong PIN: %v", err)
	}
	if _, err := runHarkIn(t, env, strings.NewReader("k\ns\ny\nt\nwrong\n"), "login"); err == nil || !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("a wrong access secret: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a config was written")
	}
}

func between(s, a, b string) string {
	_, rest, ok := strings.Cut(s, a)
	v, _, ok2 := strings.Cut(rest, b)
	if !ok || !ok2 {
		return ""
	}
	return v
}

// TestLoginANamedAccount: hark login help, with the help desk's tokens
// typed in, writes [accounts.help] beside the unnamed account, and the
// next sync reads both.
func TestLoginANamedAccount(t *testing.T) {
	srv := startShopWithHelpDesk(t)
	env := testEnv(t, srv)
	token, secret := xfake.AccountToken(xfake.ShopHelpDesk)
	out, err := runHarkIn(t, env, strings.NewReader("y\n"+token+"\n"+secret+"\n"), "login", "help")
	if err != nil || !strings.Contains(out, "✓ signed in as @paperandpine_help") || strings.Contains(out, secret) {
		t.Fatalf("login help: %v\n%s", err, out)
	}
	raw, _ := os.ReadFile(filepath.Join(env["XDG_CONFIG_HOME"], "hark", "config.toml"))
	if !strings.Contains(string(raw), "[accounts.help]") {
		t.Errorf("config:\n%s", raw)
	}
	if out, err := runHark(t, env, "sync", "--once"); err != nil || !strings.Contains(out, "@paperandpine_help:mentions") {
		t.Errorf("sync with both: %q, %v", out, err)
	}
	if _, err := runHarkIn(t, env, strings.NewReader(""), "login", "no way"); err == nil || !strings.Contains(err.Error(), "letters, digits") {
		t.Errorf("a bad name: %v", err)
	}
}
