package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/harkhq/hark/handoff"
	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/styles"
)

// runLive is plain `hark`: the inbox on the real X.
func (e *env) runLive(ctx context.Context) error {
	if e.offline {
		return e.runOffline(ctx)
	}
	s, err := e.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.store.Close()
	return e.runTUI(ctx, s.store, s.team, e.cfg.PollInterval)
}

// runOffline is `hark --offline`: the stored inbox, no network at all.
func (e *env) runOffline(ctx context.Context) error {
	st, err := e.openStore(e.dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	acct, found, err := st.Account()
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("%s holds no account yet: run hark once online first", e.dbPath)
	}
	accounts, err := st.Accounts()
	if err != nil || len(accounts) == 0 {
		accounts = []model.User{acct}
	}
	offline := make(app.Team, len(accounts))
	for i, u := range accounts {
		offline[i] = app.Account{User: u}
	}
	return e.runTUI(ctx, st, offline, 0)
}

// session is what talking to the real X needs: a client, the store, and
// the account the credentials belong to.
type session struct {
	client  network.Client
	store   *store.Store
	account model.User
	// team is every account of the shop's, the first client and account
	// above.
	team app.Team
	// borrowed is true for the store of the hark holding it.
	borrowed bool
}

// close closes the store, unless it is borrowed.
func (s session) close() {
	if !s.borrowed {
		s.store.Close()
	}
}

// openSession builds the client, opens the store and learns the account;
// the caller closes the session. In a hark running a command for another
// it is the store and account this hark holds.
func (e *env) openSession(ctx context.Context) (session, error) {
	if h := e.held; h != nil {
		client := h.Client()
		if client == nil { // an offline inbox: this command talks to X itself
			var err error
			if client, err = e.client(h.Store); err != nil {
				return session{}, err
			}
		}
		t := h.Team
		if !t.Online() {
			t = app.Team{{User: h.Account(), Client: client}}
		}
		return session{client: client, store: h.Store, account: h.Account(), team: t, borrowed: true}, nil
	}
	if missing := e.cfg.Credentials.Missing(); len(missing) > 0 {
		return session{}, e.errNoCredentials(missing) // before the database, which may be busy
	}
	st, err := e.openStore(e.dbPath)
	if err != nil {
		return session{}, err
	}
	client, err := e.client(st)
	if err != nil {
		st.Close()
		return session{}, err
	}
	acct, err := account(ctx, client, st)
	if err != nil {
		st.Close()
		return session{}, err
	}
	t, err := e.moreAccounts(ctx, st, app.Account{User: acct, Client: client})
	if err != nil {
		st.Close()
		return session{}, err
	}
	return session{client: client, store: st, account: acct, team: t}, nil
}

// runTUI runs the pollers, the senders and the inbox until the owner
// quits.
func (e *env) runTUI(ctx context.Context, st *store.Store, t app.Team, interval time.Duration) error {
	if e.serving != nil {
		return e.runServe(ctx, st, t, interval)
	}
	c, err := e.common(st, t)
	if err != nil {
		return err
	}
	return app.RunInbox(ctx, e.runtimeOptions(st, t, interval), c)
}

// common is the inbox's shared state for st and t, from the config.
func (e *env) common(st *store.Store, t app.Team) (*common.Common, error) {
	acct := t[0].User
	snips, err := e.snippets()
	if err != nil {
		return nil, err
	}
	sty, err := e.styles()
	if err != nil {
		return nil, err
	}
	return &common.Common{
		Styles:        sty,
		Keys:          e.keys,
		Store:         st,
		Account:       acct,
		Now:           time.Now,
		UndoWindow:    e.cfg.UndoWindow,
		HourlyLimit:   e.cfg.HourlyLimit,
		Snippets:      snips,
		Notify:        e.cfg.Notify,
		Copy:          e.tmuxCopier(),
		MarkRead:      e.cfg.MarkRead,
		MarkReadAfter: e.cfg.MarkReadAfter,
		Prices:        e.cfg.Prices,
		Budget:        e.cfg.Budget,
		Service:       e.service,
		Accounts:      t.Users(),
		ToEmail: func(ctx context.Context, id uint64) (string, store.Undo, error) {
			o, err := e.handoffOptions("", "", false)
			if err != nil {
				return "", store.Undo{}, err
			}
			return handoff.Run(ctx, st, id, acct, o)
		},
	}, nil
}

// snippets reads snippets.toml beside the config file.
func (e *env) snippets() ([]snippets.Snippet, error) {
	s, err := snippets.Load(filepath.Join(filepath.Dir(e.configPath), "snippets.toml"))
	if s == nil && err == nil && e.demoSnippets {
		return snippets.Demo(), nil
	}
	return s, err
}

// styles are the TUI's styles in config.toml's theme: a shipped one, or
// a file in the themes folder beside config.toml.
func (e *env) styles() (*styles.Styles, error) {
	name := e.cfg.Theme
	if name == "" {
		name = "dark"
	}
	t, err := styles.LoadTheme(name, filepath.Join(filepath.Dir(e.configPath), "themes"))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.configPath, err)
	}
	return styles.FromTheme(t), nil
}
