package bluesky

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/harkhq/hark/bluesky/text"
	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
)

// Bluesky's adapter is known to hark by importing this package (its
// rules come with bluesky/text, which this package imports).
func init() { network.Provide(text.Name, adapter{}) }

// adapter is Bluesky's network.Adapter.
type adapter struct{}

// Connect makes a client for the account d signs in as: its handle and
// app password, its PDS (d.APIBase, else the account's service, else
// Bluesky's), its session kept in d.Tokens.
func (adapter) Connect(d network.Dial) (network.Client, error) {
	c, err := connect(d)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func connect(d network.Dial) (*Client, error) {
	ids := d.IDs
	if ids == nil {
		ids = &memIDs{}
	}
	service := d.APIBase
	if service == "" {
		service = d.Credentials.Service
	}
	return New(Options{Service: service, Identifier: d.Credentials.Handle, AppPassword: d.Credentials.AppPassword, SessionFile: d.Tokens, IDs: ids})
}

// SignIn asks for the handle and an app password, signs in, and says
// whether the app password may read DMs.
func (adapter) SignIn(ctx context.Context, d network.Dial, t network.Terminal) (config.Credentials, error) {
	handle, err := t.Ask("Bluesky handle (like paperandpine.bsky.social): ")
	if err != nil {
		return config.Credentials{}, err
	}
	t.Say("hark signs in with an app password, never your own: Bluesky → Settings → Privacy and security → App passwords → Add,\nwith \"Allow access to your direct messages\" ticked, for the DMs.")
	password, err := t.Secret("App password: ")
	if err != nil {
		return config.Credentials{}, err
	}
	d.Credentials = config.Credentials{Handle: strings.TrimPrefix(strings.TrimSpace(handle), "@"), AppPassword: password, Service: d.APIBase}
	client, err := connect(d)
	if err != nil {
		return config.Credentials{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	t.Say("Checking with Bluesky…")
	me, err := client.Me(ctx)
	if err != nil {
		return config.Credentials{}, fmt.Errorf("Bluesky refused the sign-in: %w (nothing was saved)", err)
	}
	t.Say(fmt.Sprintf("✓ signed in as @%s (%s)\n✓ mentions, replies and quotes", me.Username, me.Name))
	t.Say(dmLine(client.DMEvents(ctx, network.DMQuery{Max: 1})))
	return d.Credentials, nil
}

// dmLine says whether DMs work, from one read of them.
func dmLine(_ network.Page, err error) string {
	switch {
	case err == nil:
		return "✓ DMs: reading and sending"
	case errors.Is(err, network.ErrNoDMPermission):
		return "✗ DMs: " + err.Error()
	}
	return "? DMs: could not be checked: " + err.Error()
}

// Check asks Bluesky about the account: who it is, whether its app
// password may read DMs.
func (adapter) Check(ctx context.Context, d network.Dial) []network.Finding {
	client, err := connect(d)
	if err != nil {
		return []network.Finding{{What: "account", Said: err.Error(), Fix: "hark login bluesky"}}
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	me, err := client.Me(ctx)
	if err != nil {
		return []network.Finding{{What: "account", Said: "Bluesky refused the sign-in: " + err.Error(), Fix: "make a new app password and run hark login bluesky"}}
	}
	account := network.Finding{OK: true, What: "account", Said: "signed in to Bluesky as @" + me.Username + " (" + me.Name + ")"}
	dms := network.Finding{OK: true, What: "DMs", Said: dmLine(client.DMEvents(ctx, network.DMQuery{Max: 1}))}
	if !strings.HasPrefix(dms.Said, "✓") {
		dms.OK, dms.Fix = false, "make an app password with direct messages allowed, and run hark login bluesky"
	}
	dms.Said = strings.TrimPrefix(strings.TrimPrefix(dms.Said, "✓ "), "✗ ")
	return []network.Finding{account, dms}
}

// Prices: Bluesky bills nothing for reading or writing.
func (adapter) Prices() spend.Prices { return spend.Prices{} }

// memIDs maps Bluesky's ids to hark's in memory, for a client with no
// store (a sign-in's checks).
type memIDs struct {
	mu   sync.Mutex
	ids  map[string]uint64
	refs map[uint64]string
	seq  uint64
}

func (m *memIDs) id(ref string, at time.Time) uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ids == nil {
		m.ids, m.refs = map[string]uint64{}, map[uint64]string{}
	}
	if id, ok := m.ids[ref]; ok {
		return id
	}
	m.seq++
	id := model.SnowflakeID(at, m.seq)
	m.ids[ref], m.refs[id] = id, ref
	return id
}

// Post, User, PostRef and UserRef are network.IDs's, in memory.
func (m *memIDs) Post(ref string, at time.Time) (uint64, error) { return m.id(ref, at), nil }
func (m *memIDs) User(ref string) (uint64, error)               { return m.id(ref, time.Unix(1, 0)), nil }
func (m *memIDs) PostRef(id uint64) (string, bool, error)       { return m.ref(id) }
func (m *memIDs) UserRef(id uint64) (string, bool, error)       { return m.ref(id) }

func (m *memIDs) ref(id uint64) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ref, ok := m.refs[id]
	return ref, ok, nil
}
