package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// doctorLine is the line of one check in doctor's output.
func doctorLine(out, what string) string {
	for _, l := range strings.Split(out, "\n") {
		if _, rest, ok := strings.Cut(l, " "); ok && strings.HasPrefix(rest, what+" ") {
			return l
		}
	}
	return ""
}

// TestDoctorPassesOnAGoodSetUp: every check a line with ✓, exit 0.
func TestDoctorPassesOnAGoodSetUp(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	out, err := runHark(t, env, "doctor")
	if err != nil || strings.Contains(out, "✗") || !strings.Contains(out, "all 11 checks passed") {
		t.Fatalf("doctor: %v\n%s", err, out)
	}
	for what, want := range map[string]string{
		"account": "@paperandpine", "DMs": "may read and send", "clock": "0s off", "rate limits": "GET /2/users/me",
		"database": fmt.Sprintf("schema %d", store.SchemaVersion), "lock": "no other hark", "spend": "today", "log": "hark.log",
		"socket": "no hark serves the database now",
	} {
		if !strings.Contains(doctorLine(out, what), want) {
			t.Errorf("%s: %q lacks %q", what, doctorLine(out, what), want)
		}
	}
	path, _ := sock.Path(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"), func(k string) string { return env[k] })
	os.MkdirAll(filepath.Dir(path), 0o755) // a folder others may enter: both ends refuse it
	os.Chmod(filepath.Dir(path), 0o755)
	out, _ = runHark(t, env, "doctor")
	if line := doctorLine(out, "socket"); !strings.HasPrefix(line, "✗") || !strings.Contains(line, "others may use the folder") || !strings.Contains(line, "→ remove "+filepath.Dir(path)) {
		t.Errorf("a socket folder others may use: %q", line)
	}
}

// TestDoctorNamesEachFailureAndItsFix: each check fails on its own cause,
// with its fix, and doctor exits 1.
func TestDoctorNamesEachFailureAndItsFix(t *testing.T) {
	for _, c := range []struct {
		name, what, want string
		setup            func(t *testing.T, srv *xfake.Server, env map[string]string)
	}{
		{"config others can read", "config", "chmod 600", func(t *testing.T, _ *xfake.Server, env map[string]string) {
			path := writeConfig(t, env, "[credentials]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \"t\"\naccess_secret = \"u\"\n")
			os.Chmod(path, 0o644)
		}},
		{"no credentials", "credentials", "run hark login", func(_ *testing.T, _ *xfake.Server, env map[string]string) {
			delete(env, "HARK_X_ACCESS_TOKEN")
		}},
		{"credentials refused", "account", "run hark login", func(_ *testing.T, srv *xfake.Server, _ map[string]string) {
			srv.SetUnauthorized(true)
		}},
		{"no DM permission", "DMs", "Read, write, and Direct Messages", func(_ *testing.T, srv *xfake.Server, _ map[string]string) {
			srv.SetDMPermission(false)
		}},
		{"a damaged database", "database", "keep a copy", func(t *testing.T, _ *xfake.Server, env map[string]string) {
			path := filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db")
			os.MkdirAll(filepath.Dir(path), 0o700)
			os.WriteFile(path, []byte(strings.Repeat("not a database ", 500)), 0o600)
		}},
		{"a log that cannot be written", "log", "writable", func(t *testing.T, _ *xfake.Server, env map[string]string) {
			os.WriteFile(filepath.Join(t.TempDir(), "state"), nil, 0o600)
			env["XDG_STATE_HOME"] = filepath.Join(t.TempDir(), "afile")
			os.WriteFile(env["XDG_STATE_HOME"], []byte("x"), 0o600)
		}},
		{"the budget spent", "spend", "raise [budget] month", func(t *testing.T, _ *xfake.Server, env map[string]string) {
			if _, err := runHark(t, env, "sync", "--once"); err != nil {
				t.Fatal(err)
			}
			writeConfig(t, env, "[budget]\nmonth = 0.01\n")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := startShop(t)
			env := testEnv(t, srv)
			c.setup(t, srv, env)
			out, err := runHark(t, env, "doctor")
			line := doctorLine(out, c.what)
			if err == nil || !strings.HasPrefix(line, "✗") || !strings.Contains(line, c.want) {
				t.Errorf("doctor: %v; %s line %q lacks %q:\n%s", err, c.what, line, c.want, out)
			}
		})
	}
}

// TestDoctorSeesTheClockTheLimitsAndTheLock: a clock ten minutes off
// X's, a rate-limit window used up, and a database another hark holds.
func TestDoctorSeesTheClockTheLimitsAndTheLock(t *testing.T) {
	ahead := func() time.Time { return time.Now().Add(-10 * time.Minute) } // X's clock is behind ours
	srv, err := xfake.Start(xfake.ShopScenario(time.Now()), xfake.Options{Clock: ahead, Limits: map[string]int{"GET /2/users/me": 1},
		Secrets: &xfake.Secrets{ConsumerKey: "k", ConsumerSecret: "s", Token: "t", TokenSecret: "u"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	env := testEnv(t, srv)
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out, _ := runHark(t, env, "doctor")
	for what, want := range map[string]string{"clock": "✗ clock        10m0s off X's clock", "rate limits": "GET /2/users/me 0 of 1 left", "lock": "a running hark holds"} {
		if !strings.Contains(doctorLine(out, what), want) {
			t.Errorf("%s: %q lacks %q", what, doctorLine(out, what), want)
		}
	}
}

// TestDoctorCountsWhatItReads: what hark doctor's calls to X cost is
// counted in the database (to the source "doctor"), also while another
// hark holds it, and it equals what X billed for them.
func TestDoctorCountsWhatItReads(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	env["XDG_RUNTIME_DIR"] = t.TempDir()
	dbPath := filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db")
	st, err := store.Open(dbPath) // a database nothing has read X for yet today
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	billed := func() int {
		n := 0
		for _, c := range srv.Billed() {
			n += c
		}
		return n
	}
	counted := func(st *store.Store) int {
		rows, _ := st.SpendSince("2000-01-01")
		n := 0
		for _, r := range rows {
			if r.Source == doctorSource {
				n += r.Count
			}
		}
		return n
	}
	runHark(t, env, "doctor")
	if st, err = store.Open(dbPath); err != nil {
		t.Fatal(err)
	}
	if got, want := counted(st), billed(); got != want || want == 0 {
		t.Errorf("doctor: counted %d resources, X billed %d", got, want)
	}
	st.Close()

	st = holdFor(t, env)                                                                                // a running hark holds it now
	srv.AddDM(xfake.DM{SenderID: 2000000006, RecipientID: xfake.ShopAccount.ID, Text: "still waiting"}) // a DM event X has not billed today
	d1, x1 := counted(st), billed()
	runHark(t, env, "doctor")
	if got, want := counted(st)-d1, billed()-x1; got != want || want == 0 {
		t.Errorf("doctor beside a running hark: counted %d, X billed %d", got, want)
	}
}
