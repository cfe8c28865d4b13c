package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/store"
)

// moreAccounts signs in the config's accounts after the first, each with
// its own client, and records the whole team in the store.
func (e *env) moreAccounts(ctx context.Context, st *store.Store, first app.Account) (app.Team, error) {
	t := app.Team{first}
	for _, a := range e.cfg.Accounts[min(1, len(e.cfg.Accounts)):] {
		sa, err := e.signIn(ctx, st, e.cfg.APIBase, a.Name, a.Credentials)
		if err != nil {
			return nil, fmt.Errorf("[accounts.%s]: %w", a.Name, err)
		}
		sa.Searches = a.Searches
		t = append(t, sa)
	}
	return t, st.SetAccounts(t.Users())
}

// signIn makes a client for an account, metered into st, and asks X
// who it is.
func (e *env) signIn(ctx context.Context, st *store.Store, apiBase, name string, creds config.Credentials) (app.Account, error) {
	return app.SignIn(ctx, e.dialAccount(name, apiBase, creds, e.meter(st)), name)
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
