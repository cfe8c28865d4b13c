package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/handoff"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/styles"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/text"
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
	offline := make(team, len(accounts))
	for i, u := range accounts {
		offline[i] = shopAccount{user: u}
	}
	return e.runTUI(ctx, st, offline, 0)
}

// session is what talking to the real X needs: a client, the store, and
// the account the credentials belong to.
type session struct {
	client  *twitter.Client
	store   *store.Store
	account model.User
	// team is every account of the shop's, the first client and account
	// above.
	team team
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
		client := h.client
		if client == nil { // an offline inbox: this command talks to X itself
			var err error
			if client, err = e.client(h.store); err != nil {
				return session{}, err
			}
		}
		t := h.team
		if len(t) == 0 || t[0].client == nil {
			t = team{{user: h.account, client: client}}
		}
		return session{client: client, store: h.store, account: h.account, team: t, borrowed: true}, nil
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
	t, err := e.moreAccounts(ctx, st, shopAccount{user: acct, client: client})
	if err != nil {
		st.Close()
		return session{}, err
	}
	return session{client: client, store: st, account: acct, team: t}, nil
}

// runTUI runs the poller and the interface until the user quits.
func (e *env) runTUI(ctx context.Context, st *store.Store, t team, interval time.Duration) error {
	acct, client := t[0].user, t[0].client
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	snips, err := e.snippets()
	if err != nil {
		return err
	}
	sty, err := e.styles()
	if err != nil {
		return err
	}
	c := &common.Common{
		Styles:        sty,
		Keys:          e.keys,
		Store:         st,
		Account:       acct,
		Now:           time.Now,
		UndoWindow:    e.cfg.UndoWindow,
		HourlyLimit:   e.cfg.HourlyLimit,
		Snippets:      snips,
		Rules:         text.Rules{},
		Notify:        e.cfg.Notify,
		Copy:          e.tmuxCopier(),
		MarkRead:      e.cfg.MarkRead,
		MarkReadAfter: e.cfg.MarkReadAfter,
		Prices:        e.cfg.Prices,
		Budget:        e.cfg.Budget,
		Service:       e.cfg.Service,
		Accounts:      t.users(),
		ToEmail: func(ctx context.Context, id uint64) (string, store.Undo, error) {
			o, err := e.handoffOptions("", "", false)
			if err != nil {
				return "", store.Undo{}, err
			}
			return handoff.Run(ctx, st, id, acct, o)
		},
	}
	changes := make(chan struct{}, 1)
	src := tui.Sources{Changed: changes}
	var workers sync.WaitGroup
	var senders *desk
	if client != nil {
		events, sends := make(chan listen.Event, 64), make(chan outbox.Event, 64)
		src.Listen, src.Outbox = events, sends
		for _, poller := range e.pollers(st, t, interval, events) {
			workers.Go(func() {
				if err := poller.Run(ctx); err != nil {
					e.log.Error("poller stopped", "err", err)
				}
			})
		}
		failed := make(chan error, 1)
		src.HookFailed = failed
		if f := e.feeder(st, func(err error) { newest(failed, err) }); f != nil {
			workers.Go(func() { f.Run(ctx) })
		}
		senders = e.startDesk(ctx, st, t, sends)
		defer senders.Close()
		c.Kick = senders.Kick
	}
	stop, err := e.serve(&held{store: st, client: client, account: acct, team: t, listens: &e.cfg, ctx: ctx, desk: senders, changed: func() {
		select { // one pending refresh covers any number of commands
		case changes <- struct{}{}:
		default:
		}
	}})
	if err != nil { // the inbox works without: commands wait for it to close
		e.log.Warn("not serving other hark commands", "err", err)
		src.ServeErr = err
	} else {
		defer stop()
	}
	_, err = tea.NewProgram(tui.New(c, src), tea.WithContext(ctx)).Run()
	cancel()
	workers.Wait()
	return err
}

// listenOptions are the poller's settings from the config.
func (e *env) listenOptions(interval time.Duration, events chan<- listen.Event) listen.Options {
	searches := listenSearches(e.cfg.Searches)
	return listen.Options{
		Interval:      interval,
		Events:        events,
		Log:           e.log,
		MaxPages:      e.cfg.MaxPages,
		Searches:      searches,
		Backfill:      e.cfg.Backfill,
		OwnBackfill:   e.cfg.OwnBackfill,
		ContextDepth:  e.cfg.ContextDepth,
		PeopleRefresh: e.cfg.PeopleRefresh,
		DMInterval:    e.cfg.DMInterval,
		Budget:        e.cfg.Budget,
		Prices:        e.cfg.Prices,
	}
}

// snippets reads snippets.toml beside the config file.
func (e *env) snippets() ([]snippets.Snippet, error) {
	s, err := snippets.Load(filepath.Join(filepath.Dir(e.configPath), "snippets.toml"))
	if s == nil && err == nil && e.demoSnippets {
		return snippets.Demo(), nil
	}
	return s, err
}

// newest puts v in a channel of one, in place of what waits there: the
// newest news of a hook is the one to show (a recovery must not be lost
// behind the failure it ends).
func newest[T any](ch chan T, v T) {
	for {
		select {
		case ch <- v:
			return
		default:
			select {
			case <-ch:
			default:
			}
		}
	}
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
