package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/spend"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func write(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, mode)
	return path
}

func TestDefaultPathsFollowXDG(t *testing.T) {
	p, err := DefaultPaths(env(map[string]string{"XDG_CONFIG_HOME": "/c", "XDG_DATA_HOME": "/d", "XDG_STATE_HOME": "/s"}))
	if err != nil || p.Config != "/c/hark/config.toml" || p.DB != "/d/hark/hark.db" || p.Log != "/s/hark/hark.log" {
		t.Errorf("paths = %+v, %v", p, err)
	}
	home, _ := os.UserHomeDir()
	p, _ = DefaultPaths(env(map[string]string{"XDG_DATA_HOME": "relative/ignored"}))
	if p.DB != filepath.Join(home, ".local/share/hark/hark.db") {
		t.Errorf("fallback DB path = %s", p.DB)
	}
}

func TestLoadFileThenEnv(t *testing.T) {
	path := write(t, "api_base = \"http://127.0.0.1:9\"\npoll_interval = \"2m\"\n[credentials]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \"t\"\naccess_secret = \"a\"\n", 0o600)
	c, err := Load(path, true, env(map[string]string{"HARK_X_ACCESS_TOKEN": "from-env"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.APIBase != "http://127.0.0.1:9" || c.PollInterval != 2*time.Minute || c.Credentials.APIKey != "k" || c.Credentials.AccessToken != "from-env" {
		t.Errorf("config = %+v", c)
	}
}

func TestLoadRefusals(t *testing.T) {
	tests := []struct {
		name, content string
		mode          os.FileMode
		want          string
	}{
		{"readable by others", "[credentials]\napi_key = \"k\"\n", 0o644, "chmod 600"},
		{"unknown key", "api_bse = \"x\"\n", 0o600, `config.toml:1: unknown setting "api_bse"`},
		{"unknown key in a rule", "[[rule]]\nname = \"r\"\nquery = \"refund\"\n\n[[rule]]\nname = \"s\"\nquery = \"late\"\nnotee = \"x\"\n", 0o600, `config.toml:8: unknown setting "rule.notee"`},
		{"syntax error with line", "api_base = \"x\"\npoll_interval = \n", 0o600, "config.toml:2:"},
		{"bad duration", "poll_interval = \"soon\"\n", 0o600, "not a duration"},
		{"too short", "poll_interval = \"1s\"\n", 0o600, "too short"},
		{"no pages", "max_pages_per_sync = -1\n", 0o600, "max_pages_per_sync -1: use 1 to 1000"},
	}
	for _, tt := range tests {
		_, err := Load(write(t, tt.content, tt.mode), true, env(nil))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v, want one line containing %q", tt.name, err, tt.want)
		}
	}
	for _, content := range []string{"[credentials]\napi_key = sekrit123abc\n", "[credentials]\naccess_secret = sek\"rit123abc\n", "poll_interval = 5 sekrit123abc\n"} {
		_, err := Load(write(t, content, 0o600), true, env(nil))
		if err == nil || strings.Contains(err.Error(), "sek") || !strings.Contains(err.Error(), "config.toml:") {
			t.Errorf("an unquoted secret: err = %v", err)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.toml"), false, env(nil)); err != nil {
		t.Errorf("missing optional file: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.toml"), true, env(nil)); err == nil {
		t.Error("missing required file accepted")
	}
	// Without credentials in it, a readable file is fine.
	if _, err := Load(write(t, "poll_interval = \"30s\"\n", 0o644), true, env(nil)); err != nil {
		t.Errorf("readable file without secrets: %v", err)
	}
}

func TestKeysKnowTheirLines(t *testing.T) {
	// The header may carry a comment; a commented-out entry is no entry.
	path := write(t, "poll_interval = \"30s\"\n\n[keys]  # mine\ndone = [\"D\"]\nsnooze = [\"Z\", \"ctrl+z\"]\n# up = [\"w\"]\n", 0o600)
	c, err := Load(path, true, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Keys["snooze"]) != 2 || c.LineOf("snooze") != path+":5" || c.LineOf("done") != path+":4" || c.LineOf("up") != path {
		t.Errorf("keys %v, lines %v", c.Keys, c.KeyLines)
	}
}

func TestNotifySetting(t *testing.T) {
	c, err := Load(write(t, "poll_interval = \"30s\"\n", 0o600), true, env(nil))
	if err != nil || c.Notify != NotifyOff {
		t.Errorf("default notify %q, %v", c.Notify, err)
	}
	c, err = Load(write(t, "notify = \"osc9\"\n", 0o600), true, env(nil))
	if err != nil || c.Notify != NotifyOSC9 {
		t.Errorf("osc9: %q, %v", c.Notify, err)
	}
	path := write(t, "poll_interval = \"30s\"\nnotify = \"loud\"\n", 0o600)
	if _, err := Load(path, true, env(nil)); err == nil || !strings.HasPrefix(err.Error(), path+":2: notify \"loud\"") {
		t.Errorf("a bad notify: %v", err)
	}
}

// TestDefaultsAreResolvedHere: a file that leaves the undo window and
// the hourly limit out gets the defaults; a bad limit names its line.
func TestDefaultsAreResolvedHere(t *testing.T) {
	c, err := Load(write(t, "poll_interval = \"30s\"\n", 0o600), true, env(nil))
	if err != nil || c.UndoWindow != DefaultUndoWindow || c.HourlyLimit != DefaultHourlyLimit {
		t.Errorf("defaults: %v %d, %v", c.UndoWindow, c.HourlyLimit, err)
	}
	c, err = Load(write(t, "undo_window = \"0s\"\npublic_replies_per_hour = 3\n", 0o600), true, env(nil))
	if err != nil || c.UndoWindow != 0 || c.HourlyLimit != 3 {
		t.Errorf("set: %v %d, %v", c.UndoWindow, c.HourlyLimit, err)
	}
	path := write(t, "\npublic_replies_per_hour = -1\n", 0o600)
	if _, err := Load(path, true, env(nil)); err == nil || !strings.HasPrefix(err.Error(), path+":2: public_replies_per_hour -1") {
		t.Errorf("a bad limit: %v", err)
	}
}

// TestSearchesAreChecked: each [[search]] is named well, once, with a
// query X takes; a bad one is refused at its own line.
func TestSearchesAreChecked(t *testing.T) {
	good := "[[search]]\nname = \"brand\"\nquery = '\"paper and pine\" OR paperandpine -from:paperandpine'\n\n[[search]]  # competitors\nname = \"pens-2\"\nquery = \"fountain pen\"\n"
	c, err := Load(write(t, good, 0o600), true, env(nil))
	if err != nil || len(c.Searches) != 2 || c.Searches[1].Name != "pens-2" || c.Backfill != DefaultBackfill {
		t.Fatalf("%+v, %v", c.Searches, err)
	}
	for text, want := range map[string]string{
		"[[search]]\nname = \"a b\"\nquery = \"x\"\n":                                        ":1: [[search]] name \"a b\": use letters",
		"[[search]]\nname = \"a\"\nquery = \"x\"\n[[search]]\nname = \"a\"\nquery = \"y\"\n": ":4: [[search]] name \"a\" is used twice",
		"[[search]]\nname = \"a\"\nquery = \"\"\n":                                           ":1: [[search]] \"a\" has no query",
		"[[search]]\nname = \"a\"\nquery = \"" + strings.Repeat("x", 513) + "\"\n":           ":1: [[search]] \"a\": the query is 513 characters",
		"[[search]]\nname = \"mentions\"\nquery = \"x\"\n":                                   "hark's own source",
		"backfill = -3\n": ":1: backfill -3",
	} {
		path := write(t, text, 0o600)
		if _, err := Load(path, true, env(nil)); err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), path) {
			t.Errorf("%q: %v, want %s", text, err, want)
		}
	}
}

func TestPricesBudgetAndDMsAreReadWithTheirDefaults(t *testing.T) {
	c, err := Load(write(t, "", 0o600), true, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Prices.Per) != 0 || c.Budget != 0 || c.DMInterval != DefaultDMInterval || c.NotAppOwner { // no price set: the network's own apply (cmd/hark's TestConfigPricesOverlayXs)
		t.Errorf("defaults: %+v budget %v dms %v", c.Prices, c.Budget, c.DMInterval)
	}
	c, err = Load(write(t, "[prices]\napp_owner = false\npost_read = 0.006\n\n[budget]\nmonth = 30.0\n\n[dms]\npoll_interval = \"0\"\n", 0o600), true, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Prices.Per[spend.PostRead] != 6_000 || len(c.Prices.Per) != 1 || !c.NotAppOwner || c.Budget != spend.Budget(30_000_000) || c.DMInterval != 0 {
		t.Errorf("set: %+v budget %v dms %v owner %v", c.Prices, c.Budget, c.DMInterval, !c.NotAppOwner)
	}
	for body, want := range map[string]string{
		"[prices]\npost_read = -1\n":      ":2: [prices] post_read = -1",
		"[budget]\n\nmonth = -5\n":        ":3: [budget] month = -5",
		"[dms]\npoll_interval = \"5s\"\n": ":2: [dms] poll_interval 5s",
		"[prices]\npost_reads = 0.1\n":    "post_reads",
	} {
		if _, err := Load(write(t, body, 0o600), true, env(nil)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
	}
}

// TestWriteCredentialsKeepsTheRestAndIsPrivate: a new file is 0600 in a
// 0700 directory; an existing [credentials] table is replaced, the other
// settings and comments kept; Load reads back what was written.
func TestWriteCredentialsKeepsTheRestAndIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hark")
	path := filepath.Join(dir, "config.toml")
	c := Credentials{APIKey: "k1", APIKeySecret: "s1", AccessToken: "1-t1", AccessSecret: "a1"}
	if err := WriteCredentials(path, "", c); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v", st.Mode().Perm())
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v", st.Mode().Perm())
	}
	before := "# my settings\nnotify = \"bell\"\n\n[credentials]   # from the portal\napi_key = \"old\"\napi_secret = \"old\"\n\n[keys]\ndone = [\"d\", \"X\"]\n"
	os.WriteFile(path, []byte(before), 0o644)
	c.AccessToken = "2-t2"
	if err := WriteCredentials(path, "", c); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, true, env(nil))
	raw, _ := os.ReadFile(path)
	if err != nil || got.Credentials != c || got.Notify != NotifyBell || len(got.Keys["done"]) != 2 || strings.Contains(string(raw), "old") || !strings.Contains(string(raw), "# my settings") {
		t.Errorf("rewritten: %v\n%s", err, raw)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("an existing file left %v", st.Mode().Perm())
	}
	if err := WriteCredentials(path, "", Credentials{APIKey: "a\"b", APIKeySecret: "s", AccessToken: "t", AccessSecret: "a"}); err == nil {
		t.Error("a credential with a quote was written")
	}
}

// TestAccountsAreReadInTheFilesOrder: the unnamed account first, then
// each [accounts.NAME] in the file's order, sharing the app's keys when
// they leave them out; an account lacking a token is refused on its line.
func TestAccountsAreReadInTheFilesOrder(t *testing.T) {
	body := "[credentials]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \"t\"\naccess_secret = \"u\"\n\n" +
		"[accounts.help]\naccess_token = \"th\"\naccess_secret = \"uh\"\n\n[accounts.east]\napi_key = \"k2\"\napi_secret = \"s2\"\naccess_token = \"te\"\naccess_secret = \"ue\"\n"
	c, err := Load(write(t, body, 0o600), true, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range c.Accounts {
		got = append(got, a.Name+":"+a.Credentials.APIKey+":"+a.Credentials.AccessToken)
	}
	if strings.Join(got, " ") != ":k:t help:k:th east:k2:te" {
		t.Errorf("accounts: %v", got)
	}
	_, err = Load(write(t, "[accounts.help]\napi_key = \"k\"\napi_secret = \"s\"\n\naccess_token = \"th\"\n", 0o600), true, env(nil))
	if err == nil || !strings.Contains(err.Error(), ":1: [accounts.help] lacks access_secret") {
		t.Errorf("an account without its secret: %v", err)
	}
	if _, err := Load(write(t, "[accounts.help]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \"t\"\naccess_secret = \"u\"\n", 0o644), true, env(nil)); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("accounts others can read: %v", err)
	}
	if c, _ := Load(write(t, "", 0o600), true, env(map[string]string{"HARK_X_API_KEY": "k", "HARK_X_API_SECRET": "s", "HARK_X_ACCESS_TOKEN": "t", "HARK_X_ACCESS_SECRET": "u"})); len(c.Accounts) != 1 || c.Accounts[0].Name != "" {
		t.Errorf("the environment's account: %+v", c.Accounts)
	}
}

// TestWriteANamedAccount: hark login NAME writes [accounts.NAME] beside
// the unnamed account, which stays; Load reads both.
func TestWriteANamedAccount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	main := Credentials{APIKey: "k", APIKeySecret: "s", AccessToken: "t", AccessSecret: "u"}
	help := Credentials{APIKey: "k", APIKeySecret: "s", AccessToken: "th", AccessSecret: "uh"}
	if err := WriteCredentials(path, "", main); err != nil {
		t.Fatal(err)
	}
	if err := WriteCredentials(path, "help", help); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, true, env(nil))
	if err != nil || len(c.Accounts) != 2 || c.Accounts[1].Name != "help" || c.Accounts[1].Credentials != help || c.Credentials != main {
		t.Errorf("accounts: %+v, %v", c.Accounts, err)
	}
	if err := WriteCredentials(path, "no way", help); err == nil {
		t.Error("a bad account name was written")
	}
}

// TestAnAccountsOwnSearches: [[accounts.NAME.search]] are that
// account's, checked as [[search]] is, on their lines.
func TestAnAccountsOwnSearches(t *testing.T) {
	body := "[accounts.help]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \"t\"\naccess_secret = \"u\"\n\n[[accounts.help.search]]\nname = \"orders\"\nquery = '\"order number\" paperandpine_help'\n"
	c, err := Load(write(t, body, 0o600), true, env(nil))
	if err != nil || len(c.Accounts) != 1 || len(c.Accounts[0].Searches) != 1 || c.Accounts[0].Searches[0].Name != "orders" || len(c.Searches) != 0 {
		t.Fatalf("%+v, %v", c.Accounts, err)
	}
	bad := strings.Replace(body, `name = "orders"`, `name = "dms"`, 1)
	if _, err := Load(write(t, bad, 0o600), true, env(nil)); err == nil || !strings.Contains(err.Error(), ":7: [[accounts.help.search]] name \"dms\" is hark's own source") {
		t.Errorf("a bad account search: %v", err)
	}
}

// TestWriteCredentialsThroughALink: a config.toml that is a link (a
// dotfiles folder's) is written where it points, and stays a link; a
// link to nowhere is refused in words, nothing written.
func TestWriteCredentialsThroughALink(t *testing.T) {
	dotfiles := filepath.Join(t.TempDir(), "dotfiles")
	os.MkdirAll(dotfiles, 0o700)
	real := filepath.Join(dotfiles, "hark.toml")
	os.WriteFile(real, []byte("notify = \"bell\"\n"), 0o600)
	dir := filepath.Join(t.TempDir(), "hark")
	os.MkdirAll(dir, 0o700)
	path := filepath.Join(dir, "config.toml")
	if err := os.Symlink(real, path); err != nil {
		t.Fatal(err)
	}
	c := Credentials{APIKey: "k1", APIKeySecret: "s1", AccessToken: "1-t1", AccessSecret: "a1"}
	if err := WriteCredentials(path, "", c); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if raw, _ := os.ReadFile(real); !strings.Contains(string(raw), "access_token = \"1-t1\"") || !strings.Contains(string(raw), "notify") {
		t.Errorf("the file linked to:\n%s", raw)
	}
	gone := filepath.Join(dir, "gone.toml")
	os.Symlink(filepath.Join(dotfiles, "nowhere.toml"), gone)
	if err := WriteCredentials(gone, "", c); err == nil || !strings.Contains(err.Error(), "is a link to a file that cannot be reached") {
		t.Errorf("a link to nowhere: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dotfiles, "nowhere.toml")); err == nil {
		t.Error("a file was made at the end of a dangling link")
	}
}

// TestOwnBackfillDays: own_backfill_days 30 and people_refresh_days 7
// unless set; 1 to 365, else refused on its line.
func TestOwnBackfillDays(t *testing.T) {
	c, err := Load(write(t, "", 0o600), true, env(nil))
	if err != nil || c.OwnBackfill != 30*24*time.Hour {
		t.Errorf("default: %v, %v", c.OwnBackfill, err)
	}
	c, err = Load(write(t, "own_backfill_days = 7\n", 0o600), true, env(nil))
	if err != nil || c.OwnBackfill != 7*24*time.Hour {
		t.Errorf("7: %v, %v", c.OwnBackfill, err)
	}
	for _, bad := range []string{"0", "-1", "400"} {
		for _, key := range []string{"own_backfill_days", "people_refresh_days"} {
			if _, err := Load(write(t, "\n"+key+" = "+bad+"\n", 0o600), true, env(nil)); err == nil || !strings.Contains(err.Error(), ":2: "+key+" "+bad+": use 1 to 365") {
				t.Errorf("%s %s: %v", key, bad, err)
			}
		}
	}
	if c, err := Load(write(t, "people_refresh_days = 3\n", 0o600), true, env(nil)); err != nil || c.PeopleRefresh != 3*24*time.Hour {
		t.Errorf("people_refresh_days 3: %v, %v", c.PeopleRefresh, err)
	}
}

// TestLiveIsReadWithItsDefaults: nothing pushed unless [live] asks, a
// 15-minute safety poll; a safety poll out of range refused on its line.
func TestLiveIsReadWithItsDefaults(t *testing.T) {
	c, err := Parse("c.toml", nil, env(nil))
	if err != nil || c.Live.On() || c.Live.SafetyPoll != DefaultSafetyPoll {
		t.Errorf("defaults: %+v, %v", c.Live, err)
	}
	c, err = Parse("c.toml", []byte("[live]\ndms = true\nown_posts = true\nsafety_poll = \"30m\"\n"), env(nil))
	if err != nil || !c.Live.DMs || !c.Live.OwnPosts || c.Live.Mentions || c.Live.SafetyPoll != 30*time.Minute {
		t.Errorf("set: %+v, %v", c.Live, err)
	}
	if _, err := Parse("c.toml", []byte("[live]\ndms = true\nsafety_poll = \"1m\"\n"), env(nil)); err == nil || !strings.Contains(err.Error(), "c.toml:3: [live] safety_poll") {
		t.Errorf("a safety poll of a minute: %v", err)
	}
}

// TestLiveIsOnOnceSignedInForIt: with the account's live sign-in beside
// the config, DMs and own posts are pushed unless [live] says no;
// mentions only when asked; another account's sign-in turns nothing on.
func TestLiveIsOnOnceSignedInForIt(t *testing.T) {
	keys := "[credentials]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \"t\"\naccess_secret = \"u\"\n"
	path := write(t, keys, 0o600)
	if err := os.WriteFile(LiveTokensPath(path, "help"), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(path, true, env(nil)); err != nil || c.Live.On() {
		t.Fatalf("another account's sign-in: %+v, %v", c.Live, err)
	}
	if err := os.WriteFile(LiveTokensPath(path, ""), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, true, env(nil))
	if err != nil || !c.Live.DMs || !c.Live.OwnPosts || c.Live.Mentions {
		t.Errorf("signed in, [live] left out: %+v, %v", c.Live, err)
	}
	if err := os.WriteFile(path, []byte(keys+"[live]\ndms = false\nmentions = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = Load(path, true, env(nil))
	if err != nil || c.Live.DMs || !c.Live.OwnPosts || !c.Live.Mentions {
		t.Errorf("signed in, dms = false, mentions = true: %+v, %v", c.Live, err)
	}
}

// TestABlueskyAccountIsReadAndWritten: [accounts.NAME] with network =
// "bluesky" takes a handle and an app password, not X's keys, nor the
// unnamed account's app keys; one lacking a key is refused on its line;
// hark login bluesky's writing reads back the same.
func TestABlueskyAccountIsReadAndWritten(t *testing.T) {
	keys := "[credentials]\napi_key = \"k\"\napi_secret = \"s\"\naccess_token = \"t\"\naccess_secret = \"u\"\n"
	path := write(t, keys, 0o600)
	if err := WriteBlueskyAccount(path, "sky", Credentials{Handle: "paperandpine.bsky.social", AppPassword: "abcd-efgh-ijkl-mnop"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, true, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	a, ok := c.Account("sky")
	if !ok || a.Network != Bluesky || a.Credentials.Handle != "paperandpine.bsky.social" || a.Credentials.AppPassword != "abcd-efgh-ijkl-mnop" || a.Credentials.APIKey != "" {
		t.Errorf("the Bluesky account: %+v", a)
	}
	if err := os.WriteFile(path, []byte(keys+"\n[accounts.sky]\nnetwork = \"bluesky\"\nhandle = \"a.bsky.social\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, true, env(nil)); err == nil || !strings.Contains(err.Error(), ":7: [accounts.sky] (Bluesky) lacks app_password") {
		t.Errorf("a Bluesky account without its app password: %v", err)
	}
	if err := os.WriteFile(path, []byte(keys+"\n[accounts.m]\nnetwork = \"mastodon\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, true, env(nil)); err == nil || !strings.Contains(err.Error(), `network = "mastodon"`) {
		t.Errorf("an unknown network: %v", err)
	}
}

// testKey is an ed25519 public key as a .pub file holds it.
const testKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ann@laptop"

// TestTeamIsReadAndWritten: hark team add writes a person's key (its
// comment kept, never twice), and [team] reads back: the person, the
// key's fingerprint, the default address; a key that is not one, a
// private key, or one two people hold is refused on its line.
func TestTeamIsReadAndWritten(t *testing.T) {
	path := write(t, "poll_interval = \"2m\"\n", 0o600)
	for range 2 {
		if _, err := WriteTeamKey(path, "ann", testKey); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Load(path, true, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Team.Addr != DefaultServeAddr || len(c.Team.People) != 1 || c.Team.People[0].Name != "ann" || len(c.Team.People[0].Keys) != 1 || c.PollInterval != 2*time.Minute {
		t.Fatalf("[team]: %+v", c.Team)
	}
	if fp := c.Team.People[0].Fingerprints()[0]; !strings.HasPrefix(fp, "SHA256:") {
		t.Errorf("fingerprint %q", fp)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), "ann@laptop") {
		t.Errorf("the key's comment was dropped:\n%s", raw)
	}
	if who, ok := c.Team.Who(c.Team.People[0].Keys[0]); !ok || who.Name != "ann" {
		t.Errorf("Who: %+v %v", who, ok)
	}
	for _, bad := range []struct{ text, want string }{
		{"[team.people.bob]\nkeys = [\"ssh-ed25519 nonsense\"]\n", ":1: [team.people.bob] keys[0]: not an SSH public key"},
		{"[team.people.bob]\nkeys = [\"-----BEGIN OPENSSH PRIVATE KEY-----\"]\n", "that is a private key"},
		{"[team.people.ann]\nkeys = [\"" + testKey + "\"]\n\n[team.people.bob]\nkeys = [\"" + testKey + "\"]\n", ":4: [team.people.bob] keys[0] is ann's key too"},
		{"[team.people.bob]\nkeys = []\n", "has no keys"},
	} {
		if err := os.WriteFile(path, []byte(bad.text), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(path, true, env(nil)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: %v, want %q", bad.text, err, bad.want)
		}
	}
}
