package main

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
	"github.com/harkhq/hark/twitter"
)

// runLive is plain `hark`: the inbox on the real X.
func (e *env) runLive(ctx context.Context) error {
	s, err := e.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.store.Close()
	return e.runTUI(ctx, s.store, s.client, s.account, e.cfg.PollInterval)
}

// session is what talking to the real X needs: a client, the store, and
// the account the credentials belong to.
type session struct {
	client  *twitter.Client
	store   *store.Store
	account model.User
}

// openSession builds the client, opens the store and learns the account;
// the caller closes the store.
func (e *env) openSession(ctx context.Context) (session, error) {
	client, err := e.client()
	if err != nil {
		return session{}, err
	}
	st, err := store.Open(e.dbPath)
	if err != nil {
		return session{}, err
	}
	acct, err := account(ctx, client, st)
	if err != nil {
		st.Close()
		return session{}, err
	}
	return session{client: client, store: st, account: acct}, nil
}

// runTUI runs the poller and the interface until the user quits.
func (e *env) runTUI(ctx context.Context, st *store.Store, client *twitter.Client, acct model.User, interval time.Duration) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan listen.Event, 64)
	poller := listen.New(client, st, acct, listen.Options{Interval: interval, Events: events})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := poller.Run(ctx); err != nil {
			e.log.Error("poller stopped", "err", err)
		}
	}()
	c := &common.Common{
		Styles: styles.Default(), Keys: keys.Default(), Store: st, Client: client, Account: acct, Now: time.Now,
	}
	_, err := tea.NewProgram(tui.New(c, events), tea.WithContext(ctx)).Run()
	cancel()
	<-done
	return err
}
