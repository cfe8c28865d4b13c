package config

import (
	"fmt"
	"slices"
	"strings"
)

// credentialsFile is a table of keys: [credentials], or one account of
// [accounts.NAME].
type credentialsFile struct {
	APIKey       string `toml:"api_key"`
	APISecret    string `toml:"api_secret"`
	AccessToken  string `toml:"access_token"`
	AccessSecret string `toml:"access_secret"`
}

func (c credentialsFile) credentials() Credentials {
	return Credentials{APIKey: c.APIKey, APIKeySecret: c.APISecret, AccessToken: c.AccessToken, AccessSecret: c.AccessSecret}
}

// accountFile is one [accounts.NAME]: its network, its keys and its own
// searches.
type accountFile struct {
	credentialsFile
	// Network names the account's network: "x" when empty, or
	// "bluesky", whose keys are a handle and an app password.
	Network     string   `toml:"network"`
	Handle      string   `toml:"handle"`
	AppPassword string   `toml:"app_password"`
	Service     string   `toml:"service"`
	Search      []Search `toml:"search"`
}

// Bluesky is the network name of a Bluesky account.
const Bluesky = "bluesky"

// Account is one of the shop's X accounts hark listens to and answers
// from: the unnamed one of the environment or [credentials], or a named
// one of [accounts.NAME].
type Account struct {
	// Name is the table's name; "" for the unnamed account.
	Name string
	// Network is the account's network's name ("" is X's).
	Network     string
	Credentials Credentials
	// Searches are the account's own saved searches
	// ([[accounts.NAME.search]]); the unnamed account's are the
	// config's [[search]].
	Searches []Search
}

// Account is the config's account named name ("" for the unnamed one).
func (c Config) Account(name string) (Account, bool) {
	for _, a := range c.Accounts {
		if a.Name == name {
			return a, true
		}
	}
	return Account{}, false
}

// resolveAccounts reads [accounts.NAME] into c.Accounts, in the file's
// order, after the unnamed account when it has its keys. An account may
// leave out the app's key and secret (one app signs every account in):
// it takes the unnamed account's. A named account lacking a key is
// refused on its line.
func resolveAccounts(c *Config, f file, path string, raw []byte) error {
	if len(c.Credentials.Missing()) == 0 {
		c.Accounts = append(c.Accounts, Account{Credentials: c.Credentials})
	}
	for _, name := range tableOrder(raw, "accounts.", f.Accounts) {
		at := fmt.Sprintf("%s:%d", path, tableLine(raw, "accounts."+name))
		if !validName(name) {
			return fmt.Errorf("%s: [accounts.%s]: a name of letters, digits, - and _", at, name)
		}
		if err := checkSearches(path, raw, f.Accounts[name].Search, "accounts."+name+".search"); err != nil {
			return err
		}
		a, err := resolveAccount(c, f.Accounts[name], at, name)
		if err != nil {
			return err
		}
		c.Accounts = append(c.Accounts, a)
	}
	return nil
}

// resolveAccount is one [accounts.NAME], its keys checked for its
// network; an X account may leave out the app's key and secret (one app
// signs every account in): it takes the unnamed account's.
func resolveAccount(c *Config, af accountFile, at, name string) (Account, error) {
	switch strings.ToLower(af.Network) {
	case "", "x":
		cr := af.credentials()
		if cr.APIKey == "" && cr.APIKeySecret == "" {
			cr.APIKey, cr.APIKeySecret = c.Credentials.APIKey, c.Credentials.APIKeySecret
		}
		if missing := cr.Missing(); len(missing) > 0 {
			return Account{}, fmt.Errorf("%s: [accounts.%s] lacks %s", at, name, tableKeys(missing))
		}
		return Account{Name: name, Credentials: cr, Searches: af.Search}, nil
	case Bluesky:
		var missing []string
		if af.Handle == "" {
			missing = append(missing, "handle")
		}
		if af.AppPassword == "" {
			missing = append(missing, "app_password")
		}
		if len(missing) > 0 {
			return Account{}, fmt.Errorf("%s: [accounts.%s] (Bluesky) lacks %s", at, name, strings.Join(missing, ", "))
		}
		if len(af.Search) > 0 {
			return Account{}, fmt.Errorf("%s: [accounts.%s] (Bluesky): hark does not search Bluesky yet: remove its [[accounts.%s.search]]", at, name, name)
		}
		cr := Credentials{Handle: strings.TrimPrefix(af.Handle, "@"), AppPassword: af.AppPassword, Service: af.Service}
		return Account{Name: name, Network: Bluesky, Credentials: cr}, nil
	}
	return Account{}, fmt.Errorf("%s: [accounts.%s] network = %q: hark knows \"x\" and \"bluesky\"", at, name, af.Network)
}

// ValidAccountName reports whether name can name [accounts.NAME]:
// letters, digits, - and _.
func ValidAccountName(name string) bool { return validName(name) }

// tableKeys names the missing credentials as the table's keys.
func tableKeys(missing []string) string {
	keys := map[string]string{"HARK_X_API_KEY": "api_key", "HARK_X_API_SECRET": "api_secret", "HARK_X_ACCESS_TOKEN": "access_token", "HARK_X_ACCESS_SECRET": "access_secret"}
	out := make([]string, len(missing))
	for i, m := range missing {
		out[i] = keys[m]
	}
	return strings.Join(out, ", ")
}

// tableOrder is the names of the tables [PREFIXNAME] in the order the
// file writes them (a TOML table is a map).
func tableOrder[T any](raw []byte, prefix string, tables map[string]T) []string {
	var names []string
	for _, line := range strings.Split(string(raw), "\n") {
		header, _, _ := strings.Cut(strings.TrimSpace(line), "#")
		header = strings.ReplaceAll(header, " ", "")
		if name, ok := strings.CutPrefix(header, "["+prefix); ok {
			name = strings.Trim(strings.TrimSuffix(name, "]"), `"`)
			if _, known := tables[name]; known && !contains(names, name) {
				names = append(names, name)
			}
		}
	}
	var rest []string
	for name := range tables { // a name the line scan missed is still a table
		if !contains(names, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	return append(names, rest...)
}

// tableLine is the line of the table [HEADER] (its last dot-separated
// name may be quoted), 0 when not found.
func tableLine(raw []byte, header string) int {
	dot := strings.LastIndex(header, ".")
	quoted := header[:dot+1] + `"` + header[dot+1:] + `"`
	for i, line := range strings.Split(string(raw), "\n") {
		h, _, _ := strings.Cut(strings.TrimSpace(line), "#")
		if h := strings.ReplaceAll(h, " ", ""); h == "["+header+"]" || h == "["+quoted+"]" {
			return i + 1
		}
	}
	return 0
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}
