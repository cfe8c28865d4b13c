// Package config finds hark's files and reads its settings: the XDG
// paths, config.toml, and the HARK_* environment variables, which win.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/harkhq/hark/spend"
)

// Paths are where hark keeps its files.
type Paths struct {
	Config string // $XDG_CONFIG_HOME/hark/config.toml
	DB     string // $XDG_DATA_HOME/hark/hark.db
	Log    string // $XDG_STATE_HOME/hark/hark.log
}

// DefaultPaths follows the XDG base directory spec, with its fallbacks.
func DefaultPaths(getenv func(string) string) (Paths, error) {
	home, err := os.UserHomeDir()
	if err != nil && (getenv("XDG_CONFIG_HOME") == "" || getenv("XDG_DATA_HOME") == "" || getenv("XDG_STATE_HOME") == "") {
		return Paths{}, fmt.Errorf("no home folder to keep hark's files in: %w", err)
	}
	dir := func(env, fallback string) string {
		if v := getenv(env); filepath.IsAbs(v) {
			return filepath.Join(v, "hark")
		}
		return filepath.Join(home, fallback, "hark")
	}
	return Paths{
		Config: filepath.Join(dir("XDG_CONFIG_HOME", ".config"), "config.toml"),
		DB:     filepath.Join(dir("XDG_DATA_HOME", ".local/share"), "hark.db"),
		Log:    filepath.Join(dir("XDG_STATE_HOME", ".local/state"), "hark.log"),
	}, nil
}

// Config is hark's settings.
type Config struct {
	APIBase      string
	PollInterval time.Duration
	Credentials  Credentials
	// Keys rebinds actions: action name → keys.
	Keys map[string][]string
	// UndoWindow is how long a reply waits to be taken back.
	UndoWindow time.Duration
	// HourlyLimit is the number of public replies an hour past which hark
	// suggests DMs.
	HourlyLimit int
	// MaxPages bounds the pages one sync reads (0: listen's default).
	MaxPages int
	// Searches are the saved X searches, each a source of its own.
	Searches []Search
	// Backfill is the most posts a new search reads on its first sync.
	Backfill int
	// OwnBackfill is how far back the first read of the shop's own posts
	// goes (own_backfill_days).
	OwnBackfill time.Duration
	// PeopleRefresh is how long a person read from X is kept before
	// being read again (people_refresh_days).
	PeopleRefresh time.Duration
	// ContextDepth is how many levels up a thread hark reads the posts a
	// mention answers that X did not send (context_depth, 0 to 20).
	ContextDepth int
	// Prices are the prices [prices] sets, which cmd/hark lays over the
	// network's own (network.Adapter's Prices) when it reads the config;
	// NotAppOwner says the account does not own the developer app (its
	// mentions are then post reads, not owned reads).
	Prices      spend.Prices
	NotAppOwner bool
	// Budget is the month's budget; 0 is none.
	Budget spend.Budget
	// DMInterval is the pause between DM reads; 0 reads no DMs.
	DMInterval time.Duration
	// Live is what X's activity stream pushes ([live]).
	Live Live
	// Team is who shares the inbox over SSH, and how ([team]).
	Team Team
	// Service is what the service report measures against: the
	// first-response target and the business hours, as written (see
	// report.SettingsOf).
	Service Service
	// Accounts are the shop's accounts: the unnamed one (Credentials)
	// first when it has its keys, then each [accounts.NAME].
	Accounts []Account
	// Rules are the [[rule]]s as written, each run on every post as it
	// is stored once the store has made its rule of it (store.RulesOf).
	Rules []Rule
	// Handoff is where a conversation handed off to e-mail goes.
	Handoff Handoff
	// Notify says how the TUI tells of new mentions: NotifyOff (the
	// default), NotifyBell or NotifyOSC9 (a desktop notification in
	// terminals that show them).
	Notify string
	// Theme names the TUI's colours: a shipped theme ("dark", the
	// default, or "light") or NAME.toml in the themes folder beside
	// config.toml.
	Theme string
	// MarkRead says when a conversation shown beside the list is read:
	// MarkReadDwell (after MarkReadAfter) or MarkReadOpen (only opened).
	MarkRead      string
	MarkReadAfter time.Duration
	// Path is the file read, and KeyLines the line of each [keys] entry in
	// it, so that a bad key can be reported where it is written.
	Path     string
	KeyLines map[string]int
}

// LineOf returns "FILE:LINE" for a [keys] entry, or the file alone.
func (c Config) LineOf(action string) string {
	if n, ok := c.KeyLines[action]; ok {
		return fmt.Sprintf("%s:%d", c.Path, n)
	}
	return c.Path
}

// file is config.toml's layout.
type file struct {
	APIBase      string   `toml:"api_base"`
	PollInterval duration `toml:"poll_interval"`
	Credentials  struct {
		APIKey       string `toml:"api_key"`
		APISecret    string `toml:"api_secret"`
		AccessToken  string `toml:"access_token"`
		AccessSecret string `toml:"access_secret"`
	} `toml:"credentials"`
	Keys          map[string][]string    `toml:"keys"`
	UndoWindow    *duration              `toml:"undo_window"`
	HourlyLimit   int                    `toml:"public_replies_per_hour"`
	MaxPages      int                    `toml:"max_pages_per_sync"`
	Notify        string                 `toml:"notify"`
	MarkRead      string                 `toml:"mark_read"`
	MarkReadAfter *duration              `toml:"mark_read_after"`
	Theme         string                 `toml:"theme"`
	Backfill      int                    `toml:"backfill"`
	OwnBackfill   *int                   `toml:"own_backfill_days"`
	PeopleDays    *int                   `toml:"people_refresh_days"`
	Depth         *int                   `toml:"context_depth"`
	Search        []Search               `toml:"search"`
	Prices        pricesFile             `toml:"prices"`
	Budget        budgetFile             `toml:"budget"`
	DMs           dmsFile                `toml:"dms"`
	Live          liveFile               `toml:"live"`
	Team          teamFile               `toml:"team"`
	Service       serviceFile            `toml:"service"`
	Accounts      map[string]accountFile `toml:"accounts"`
	Rule          []ruleFile             `toml:"rule"`
	Handoff       handoffFile            `toml:"handoff"`
}

// Search is one [[search]] of config.toml: an X search hark listens to.
type Search struct {
	// Name names the source: letters, digits, - and _.
	Name string `toml:"name"`
	// Query is in X's query language, at most MaxSearchQuery
	// characters.
	Query string `toml:"query"`
}

// DefaultBackfill is how many posts a new search reads at most.
const DefaultBackfill = 200

// The values of notify.
const (
	NotifyOff  = "off"
	NotifyBell = "bell"
	NotifyOSC9 = "osc9"
)

// duration reads "60s", "2m" and the like.
type duration struct{ time.Duration }

func (d *duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("%q is not a duration like \"60s\" or \"2m\"", b)
	}
	d.Duration = v
	return nil
}

// The defaults of the settings a file may leave out, resolved here once.
const (
	// DefaultUndoWindow is how long a reply waits before it goes, for
	// the owner to take it back.
	DefaultUndoWindow = 10 * time.Second
	// DefaultHourlyLimit is how many public replies in an hour pass
	// without a word: more, and the shop's followers see a stream.
	DefaultHourlyLimit = 10
)

// DefaultPollInterval is poll_interval's default: 15 calls in 15
// minutes, far inside X's limits, even on the old Basic tier's 10 with
// room for retries.
const DefaultPollInterval = 60 * time.Second

// minPollInterval keeps polling well inside X's rate limits.
const minPollInterval = 10 * time.Second

// Load reads the config file at path (a missing file is fine unless
// required) and then the environment. A file that holds credentials must
// not be readable by others.
func Load(path string, required bool, getenv func(string) string) (Config, error) {
	raw, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !required:
		raw = nil
	case err != nil:
		return Config{}, fmt.Errorf("reading the config: %w", err)
	}
	return Parse(path, raw, getenv)
}

// Defaults is the config of an empty file, and the environment: what
// 'hark doctor' goes on with when the file is refused.
func Defaults(path string, getenv func(string) string) Config {
	c, err := Parse(path, nil, getenv)
	if err != nil { // only the environment can be wrong here: go on without it
		c, _ = Parse(path, nil, func(string) string { return "" })
	}
	return c
}

// Parse reads a config file's text (nil for none), path naming it in
// errors (FILE:LINE), and the environment: Load without the file.
func Parse(path string, raw []byte, getenv func(string) string) (Config, error) {
	var f file
	if raw != nil {
		if err := decode(path, raw, &f); err != nil {
			return Config{}, err
		}
	}
	c := Config{
		Path:         path,
		Keys:         f.Keys,
		KeyLines:     keyLines(raw),
		HourlyLimit:  f.HourlyLimit,
		MaxPages:     f.MaxPages,
		Notify:       f.Notify,
		Theme:        f.Theme,
		Searches:     f.Search,
		Backfill:     f.Backfill,
		APIBase:      f.APIBase,
		PollInterval: cmp.Or(f.PollInterval.Duration, DefaultPollInterval),
		Credentials: Credentials{
			APIKey: f.Credentials.APIKey, APIKeySecret: f.Credentials.APISecret,
			AccessToken: f.Credentials.AccessToken, AccessSecret: f.Credentials.AccessSecret,
		},
	}
	c.UndoWindow = DefaultUndoWindow
	if f.UndoWindow != nil {
		if f.UndoWindow.Duration < 0 || f.UndoWindow.Duration > time.Hour {
			return Config{}, fmt.Errorf("%s%s: undo_window %v: use 0s (none) to 1h", path, lineOf(raw, "undo_window"), f.UndoWindow.Duration)
		}
		c.UndoWindow = f.UndoWindow.Duration
	}
	switch {
	case c.HourlyLimit == 0:
		c.HourlyLimit = DefaultHourlyLimit
	case c.HourlyLimit < 0:
		return Config{}, fmt.Errorf("%s%s: public_replies_per_hour %d: use 1 or more", path, lineOf(raw, "public_replies_per_hour"), c.HourlyLimit)
	}
	if c.Credentials != (Credentials{}) || len(f.Accounts) > 0 {
		if err := checkPrivate(path); err != nil {
			return Config{}, err
		}
	}
	overrideFromEnv(&c, getenv)
	if err := resolveAccounts(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if c.MaxPages < 0 || c.MaxPages > 1000 {
		return Config{}, fmt.Errorf("%s: max_pages_per_sync %d: use 1 to 1000", path, c.MaxPages)
	}
	if err := checkSearches(path, raw, c.Searches, "search"); err != nil {
		return Config{}, err
	}
	switch {
	case c.Backfill == 0:
		c.Backfill = DefaultBackfill
	case c.Backfill < 0 || c.Backfill > 10_000:
		return Config{}, fmt.Errorf("%s%s: backfill %d: use 1 to 10000", path, lineOf(raw, "backfill"), c.Backfill)
	}
	if err := readingSettings(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	switch c.Notify {
	case "":
		c.Notify = NotifyOff
	case NotifyOff, NotifyBell, NotifyOSC9:
	default:
		return Config{}, fmt.Errorf("%s%s: notify %q: use \"bell\", \"osc9\" or \"off\"", path, lineOf(raw, "notify"), c.Notify)
	}
	if err := resolveMarkRead(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if err := resolveMoney(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if err := resolveTeam(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if err := resolveLive(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if err := resolveService(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if err := resolveRules(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if err := resolveHandoff(&c, f, path, raw); err != nil {
		return Config{}, err
	}
	if c.PollInterval != 0 && c.PollInterval < minPollInterval {
		return Config{}, fmt.Errorf("%s: poll_interval %v is too short: at least %v", path, c.PollInterval, minPollInterval)
	}
	return c, nil
}

// decode parses TOML strictly: an unknown key is an error naming it.
func decode(path string, raw []byte, f *file) error {
	md, err := toml.Decode(string(raw), f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return fmt.Errorf("%s:%d: %s (text values need quotes)", path, perr.Position.Line, hideQuoted(perr.Message))
		}
		return fmt.Errorf("%s: %v", path, hideQuoted(err.Error()))
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return fmt.Errorf("%s%s: unknown setting %q", path, keyLine(raw, undecoded[0]), undecoded[0].String())
	}
	return nil
}

// quoted matches what the TOML parser quotes from the file in its
// messages: the text it found, which may be an unquoted secret.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// hideQuoted keeps the file's text out of an error message: the config
// holds secrets, and errors are printed and logged.
func hideQuoted(msg string) string { return quoted.ReplaceAllString(msg, "[text hidden]") }

// checkSearches refuses a [[search]] without a good name (unique:
// letters, digits, - and _) or with a query X would refuse for its
// length, at the line of the entry.
func checkSearches(path string, raw []byte, searches []Search, table string) error {
	lines := searchLines(raw, table)
	seen := map[string]bool{}
	for i, s := range searches {
		at := path
		if i < len(lines) {
			at = fmt.Sprintf("%s:%d", path, lines[i])
		}
		switch {
		case !validName(s.Name):
			return fmt.Errorf("%s: [[%s]] name %q: use letters, digits, - and _", at, table, s.Name)
		case s.Name == "mentions" || s.Name == "dms" || s.Name == "own":
			return fmt.Errorf("%s: [[%s]] name %q is hark's own source: choose another", at, table, s.Name)
		case seen[s.Name]:
			return fmt.Errorf("%s: [[%s]] name %q is used twice", at, table, s.Name)
		case strings.TrimSpace(s.Query) == "":
			return fmt.Errorf("%s: [[%s]] %q has no query", at, table, s.Name)
		case len(s.Query) > MaxSearchQuery:
			return fmt.Errorf("%s: [[%s]] %q: the query is %d characters, X takes at most %d", at, table, s.Name, len(s.Query), MaxSearchQuery)
		}
		seen[s.Name] = true
	}
	return nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// checkPrivate refuses a credentials file that others can read.
func checkPrivate(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%s holds X credentials but others can read it (mode %v): run chmod 600 %s", path, info.Mode().Perm(), path)
	}
	return nil
}

func overrideFromEnv(c *Config, getenv func(string) string) {
	for env, dst := range map[string]*string{
		"HARK_X_API_KEY": &c.Credentials.APIKey, "HARK_X_API_SECRET": &c.Credentials.APIKeySecret,
		"HARK_X_ACCESS_TOKEN": &c.Credentials.AccessToken, "HARK_X_ACCESS_SECRET": &c.Credentials.AccessSecret,
		"HARK_X_API_BASE": &c.APIBase,
	} {
		if v := getenv(env); v != "" {
			*dst = v
		}
	}
}
