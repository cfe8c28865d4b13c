package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
)

// moreAccounts signs in the config's accounts after the first, each with
// its own client, and records the whole team in the store.
func (e *env) moreAccounts(ctx context.Context, st *store.Store, first app.Account) (app.Team, error) {
	t := app.Team{first}
	for _, a := range e.cfg.Accounts[min(1, len(e.cfg.Accounts)):] {
		sa, err := app.SignIn(ctx, e.dialFor(a, e.cfg.APIBase, st), a.Name)
		if err != nil {
			return nil, fmt.Errorf("[accounts.%s]: %w", a.Name, err)
		}
		sa.Searches = a.Searches
		t = append(t, sa)
	}
	return t, st.SetAccounts(t.Users())
}

// dialFor is how a config account is reached: an X account at apiBase,
// metered into st; a Bluesky account at its PDS, its session kept beside
// config.toml, its ids st's (nil st: a sign-in's, in memory).
func (e *env) dialFor(a config.Account, apiBase string, st *store.Store) network.Dial {
	if a.Network == "" || a.Network == network.X {
		return e.dialAccount(a.Name, apiBase, a.Credentials, e.meter(st))
	}
	d := network.Dial{Network: a.Network, APIBase: a.Credentials.Service, Credentials: a.Credentials, Getenv: e.getenv,
		Tokens: config.SessionPath(e.configPath, a.Network, a.Name)}
	if st != nil {
		d.IDs = st.NetIDs(a.Network)
	}
	return d
}

// settings are what the runtime's workers read: the config, the hooks
// folder beside it, the log.
func (e *env) settings() app.Settings {
	return app.Settings{Config: &e.cfg, Hooks: e.hooksDir(), Log: e.log}
}

// hooksDir is the hooks folder beside config.toml.
func (e *env) hooksDir() hooks.Dir {
	return hooks.Dir(filepath.Join(filepath.Dir(e.configPath), "hooks"))
}
