package store

import (
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// accountOf is the shop's account a new conversation belongs to: the one
// whose source read it, else (a post of the shop's, sent from hark) its
// author, else the database's account.
func accountOf(tx *bolt.Tx, p model.Post, account uint64) uint64 {
	switch {
	case account != 0:
		return account
	case p.Kind.Ours():
		return p.AuthorID
	}
	var u model.User
	_, _ = getJSON(tx.Bucket(bucketMeta), []byte(metaAccount), &u)
	return u.ID
}

// SetAccounts records the shop's accounts hark runs with, the first the
// database's own (SetAccount's), so that a conversation can be handed
// to any of them and shown with its handle. Recording the same again
// writes nothing.
func (s *Store) SetAccounts(accounts []model.User) error {
	if len(accounts) == 0 {
		return nil
	}
	if err := s.SetAccount(accounts[0]); err != nil {
		return err
	}
	was, _ := s.Accounts()
	if sameIDs(was, accounts) {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, u := range accounts {
			if err := s.putUser(tx, u); err != nil {
				return err
			}
		}
		return putJSON(tx.Bucket(bucketMeta), []byte(metaAccounts), accounts)
	})
}

// Accounts returns the shop's accounts SetAccounts recorded; the
// database's own alone when it recorded none.
func (s *Store) Accounts() ([]model.User, error) {
	var out []model.User
	err := s.view(func(tx *bolt.Tx) error {
		found, err := getJSON(tx.Bucket(bucketMeta), []byte(metaAccounts), &out)
		if err != nil || found {
			return err
		}
		var u model.User
		if found, err := getJSON(tx.Bucket(bucketMeta), []byte(metaAccount), &u); found && err == nil {
			out = []model.User{u}
		}
		return err
	})
	return out, err
}

func sameIDs(a, b []model.User) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Username != b[i].Username {
			return false
		}
	}
	return true
}

// HandOff moves conversations to another of the shop's accounts, with a
// note saying so (the customer is not told). The account must be one
// SetAccounts recorded.
func (s *Store) HandOff(ids []uint64, to model.User, note string, now time.Time) (Undo, error) {
	accounts, err := s.Accounts()
	if err != nil {
		return Undo{}, err
	}
	if !slices.ContainsFunc(accounts, func(u model.User) bool { return u.ID == to.ID }) {
		return Undo{}, fmt.Errorf("@%s is not one of this hark's accounts", to.Username)
	}
	var notes [][2][]byte
	u, err := s.change(ids, func(tx *bolt.Tx, c *Conversation) error { // with its note, one transaction
		c.Account = to.ID
		_, key, err := s.putNote(tx, bucketNotes, c.ID, Note{Text: fmt.Sprintf("handed off to @%s: %s", to.Username, note), At: now})
		notes = append(notes, [2][]byte{bucketNotes, key})
		return err
	})
	if err != nil {
		return Undo{}, err
	}
	u.notes = notes
	return u, nil
}
