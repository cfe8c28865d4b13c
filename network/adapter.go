package network

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
)

// Adapter is how hark reaches a network as the shop's accounts, beside
// its rules: a client made from an account's settings, an account signed
// in from a terminal, what hark doctor asks the network, and the
// network's stand-in for the demo. An adapter registers it with Provide
// from its client package's init (its rules come from its counter's, so
// that the core's tokenizer reads them without the client).
type Adapter interface {
	// Connect makes a client for an account; it makes no request.
	Connect(d Dial) (Client, error)
	// SignIn asks the person at t for what an account of the network
	// needs (keys, a PIN, a password), checks them with the network,
	// says on t what works and what does not, and returns them. Nothing
	// is saved: the caller writes what it returns.
	SignIn(ctx context.Context, d Dial, t Terminal) (config.Credentials, error)
	// Check asks the network about the account d signs in as, one
	// finding per thing hark doctor looks at (the account, what the keys
	// may do, the clock, the rate limits).
	Check(ctx context.Context, d Dial) []Finding
	// Demo starts the network's stand-in, in this process, with the
	// demo shop's world on it.
	Demo(o DemoOptions) (*Demo, error)
	// Prices are what the network charges per resource of each kind it
	// bills (spend's kinds; none for a network that bills nothing):
	// config's [prices] overrides them.
	Prices() spend.Prices
}

// Dial is what a client is made from: where the network's API is, the
// account's keys, and where what it bills is counted.
type Dial struct {
	// Network names the adapter ("" is X's).
	Network string
	// APIBase is where the API lives; the network's own when empty.
	APIBase     string
	Credentials config.Credentials
	// NotAppOwner says the account is not the app's owner (X bills its
	// mentions as post reads then).
	NotAppOwner bool
	// Meter counts what the network bills; nil counts nothing.
	Meter spend.Meter
	// Getenv reads the environment (a sign-in takes an app's keys from
	// it); os.Getenv when nil.
	Getenv func(string) string
	// Tokens is the file (0600, beside config.toml) where the adapter
	// keeps the tokens it renews itself (X's live sign-in, Bluesky's
	// session); "" for none (kept in memory).
	Tokens string
	// IDs are the store's ids of the network's records, for a network
	// whose own ids are not hark's (Bluesky's AT URIs and DIDs); nil for
	// X, whose ids are hark's.
	IDs IDs
}

// LiveSigner is an adapter whose push needs a sign-in of its own (X's
// OAuth 2.0, for its activity subscriptions): hark login --live.
type LiveSigner interface {
	// SignInLive has the person at t authorize hark for the push, as the
	// account d signs in as, through a browser sent back to a loopback
	// port, and keeps what the network gave in d.Tokens.
	SignInLive(ctx context.Context, d Dial, t Terminal, port int) error
}

// Terminal is the person a sign-in asks: a line at a time, secrets
// without echo.
type Terminal interface {
	// Say writes a line.
	Say(line string)
	// Ask asks and reads one line.
	Ask(prompt string) (string, error)
	// Secret asks for a secret, not echoed on a terminal.
	Secret(prompt string) (string, error)
	// Yes asks a yes/no question, no by default.
	Yes(prompt string) (bool, error)
	// Open opens url in a browser when there is one, and says whether
	// it did.
	Open(url string) bool
}

// Finding is one line of hark doctor: what was checked, what was found,
// and the fix when it failed.
type Finding struct {
	OK         bool
	What, Said string
	Fix        string
}

// DemoOptions say which demo world a stand-in serves.
type DemoOptions struct {
	// Epoch is when the world began: its posts are dated from it, and
	// its drip goes on where the clock says it is.
	Epoch time.Time
	// Accounts is how many of the shop's accounts sign in: 1, or 2 with
	// its help desk.
	Accounts int
	// Known walks the posts a demo wrote before (the drip's, the
	// replies sent), so that the world holds them again with their ids
	// and threads; nil for a new world.
	Known func(each func(model.Post) error) error
}

// Demo is a network's stand-in serving the demo's world.
type Demo struct {
	// APIBase is where the stand-in listens.
	APIBase string
	// Accounts are the shop's accounts' keys, the first its own.
	Accounts []config.Credentials
	// Search is the shop's brand search, as a shop would set it up.
	Search string
	// SignInHelp says how to sign in to the stand-in from another
	// terminal (hark login, hark doctor).
	SignInHelp string
	// Drip adds the world's next posts every little while until ctx
	// ends.
	Drip func(ctx context.Context)
	// Close stops the stand-in.
	Close func()
}

var (
	adapters    = map[string]Adapter{}
	adapterLock sync.RWMutex
)

// Provide makes the network name's adapter known. Providing a name twice,
// or nil, panics: it is a fault of the program.
func Provide(name string, a Adapter) {
	adapterLock.Lock()
	defer adapterLock.Unlock()
	if _, dup := adapters[name]; dup || a == nil || name == "" {
		panic(fmt.Sprintf("network: Provide(%q) twice, or without an adapter", name))
	}
	adapters[name] = a
}

// AdapterOf is the adapter of the network named ("" is X's), or an error
// saying hark does not know it.
func AdapterOf(name string) (Adapter, error) {
	if name == "" {
		name = X
	}
	adapterLock.RLock()
	defer adapterLock.RUnlock()
	if a, ok := adapters[name]; ok {
		return a, nil
	}
	return nil, fmt.Errorf("network %q: this hark does not know it", name)
}

// Connect makes a client through the adapter of d's network.
func Connect(d Dial) (Client, error) {
	a, err := AdapterOf(d.Network)
	if err != nil {
		return nil, err
	}
	return a.Connect(d)
}
