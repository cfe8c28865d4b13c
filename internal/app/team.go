// Package app is hark's runtime: the composition of the shop's accounts,
// their pollers and senders, the post-new hook's feeder, the socket
// other hark commands reach a running hark by, and the inbox. cmd/hark
// declares the commands and starts what they need from here; this
// package's tests start it against the simulated X and stop it.
package app

import (
	"context"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Account is one of the shop's accounts at work: who it is on the
// network and the client that speaks for it (nil offline).
type Account struct {
	// Name is its [accounts.NAME]; "" for the unnamed account.
	Name   string
	User   model.User
	Client network.Client
	// Searches are the account's own ([[accounts.NAME.search]]); the
	// first account's are the config's [[search]].
	Searches []config.Search
}

// Team is the shop's accounts, the database's own first.
type Team []Account

// Users are the team's people, the database's own first.
func (t Team) Users() []model.User {
	out := make([]model.User, len(t))
	for i, a := range t {
		out[i] = a.User
	}
	return out
}

// Others are the ids of the accounts besides a.
func (t Team) Others(a Account) []uint64 {
	var out []uint64
	for _, b := range t {
		if b.User.ID != a.User.ID {
			out = append(out, b.User.ID)
		}
	}
	return out
}

// Online reports whether the team talks to the network (its first
// account has a client): an inbox opened offline does not.
func (t Team) Online() bool { return len(t) > 0 && t[0].Client != nil }

// SignIn makes a client for an account through its network's adapter
// and asks the network who it is.
func SignIn(ctx context.Context, d network.Dial, name string) (Account, error) {
	client, err := network.Connect(d)
	if err != nil {
		return Account{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	me, err := client.Me(ctx)
	return Account{Name: name, User: me, Client: client}, err
}
