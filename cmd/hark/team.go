package main

import (
	"context"
	"fmt"
	"time"

	"path/filepath"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/hooks"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
)

// shopAccount is one of the shop's accounts at work: who it is on X and
// the client that speaks for it (nil offline).
type shopAccount struct {
	// name is its [accounts.NAME]; "" for the unnamed account.
	name   string
	user   model.User
	client *twitter.Client
	// searches are the account's own ([[accounts.NAME.search]]); the
	// first account's are the config's [[search]].
	searches []listen.Search
}

// team is the shop's accounts, the database's own first.
type team []shopAccount

// users are the team's people on X, the database's own first.
func (t team) users() []model.User {
	out := make([]model.User, len(t))
	for i, a := range t {
		out[i] = a.user
	}
	return out
}

// others are the ids of the accounts besides a.
func (t team) others(a shopAccount) []uint64 {
	var out []uint64
	for _, b := range t {
		if b.user.ID != a.user.ID {
			out = append(out, b.user.ID)
		}
	}
	return out
}

// moreAccounts signs in the config's accounts after the first, each with
// its own client, and records the whole team in the store.
func (e *env) moreAccounts(ctx context.Context, st *store.Store, first shopAccount) (team, error) {
	t := team{first}
	for _, a := range e.cfg.Accounts[min(1, len(e.cfg.Accounts)):] {
		sa, err := e.signIn(ctx, st, e.cfg.APIBase, a.Name, a.Credentials)
		if err != nil {
			return nil, fmt.Errorf("[accounts.%s]: %w", a.Name, err)
		}
		sa.searches = listenSearches(a.Searches)
		t = append(t, sa)
	}
	return t, st.SetAccounts(t.users())
}

// signIn makes a client for an account, metered into st, and asks X
// who it is.
func (e *env) signIn(ctx context.Context, st *store.Store, apiBase, name string, creds twitter.Credentials) (shopAccount, error) {
	client, err := twitter.New(twitter.Options{APIBase: apiBase, Credentials: creds, Meter: e.meter(st), NotAppOwner: e.cfg.NotAppOwner})
	if err != nil {
		return shopAccount{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	me, err := client.Me(ctx)
	return shopAccount{name: name, user: me, client: client}, err
}

// pollers are a poller for each account: the first reads the searches
// too, the others their mentions and DMs under their own names.
func (e *env) pollers(st *store.Store, t team, interval time.Duration, events chan<- listen.Event) []*listen.Poller {
	var out []*listen.Poller
	for i, a := range t {
		opts := e.listenOptions(interval, events)
		opts.Ours = t.others(a)
		if i > 0 {
			opts.AccountName, opts.Searches = a.user.Username, a.searches
		}
		out = append(out, listen.New(a.client, st, a.user, opts))
	}
	return out
}

// listenSearches are config searches as the poller takes them.
func listenSearches(in []config.Search) []listen.Search {
	out := make([]listen.Search, len(in))
	for i, s := range in {
		out[i] = listen.Search{Name: s.Name, Query: s.Query}
	}
	return out
}

// senders are an outbox sender for each account, each asking the
// pre-send hook.
func (e *env) senders(st *store.Store, t team, events chan<- outbox.Event) []*outbox.Sender {
	var out []*outbox.Sender
	for i, a := range t {
		out = append(out, outbox.New(a.client, st, a.user, outbox.Options{Events: events, Secondary: i > 0, CheckSend: e.hooksDir().CheckSend}))
	}
	return out
}

// hooksDir is the hooks folder beside config.toml.
func (e *env) hooksDir() hooks.Dir {
	return hooks.Dir(filepath.Join(filepath.Dir(e.configPath), "hooks"))
}

// feeder hands the post-new hook what is stored; nil without the hook.
func (e *env) feeder(st *store.Store, failed func(error)) *hooks.Feeder {
	if !e.hooksDir().Present(hooks.PostNew) { // not executable: told, its posts kept for it
		return nil
	}
	return &hooks.Feeder{Dir: e.hooksDir(), Store: st, Log: e.log, Failed: failed}
}
