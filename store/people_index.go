package store

import (
	"encoding/binary"
	"encoding/json"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// putUser stores a person and keeps the index's list of people by the
// words of their names in step (search.NameTerm): only a new person or a
// change of name touches it. Every write of a person goes through here.
func (s *Store) putUser(tx *bolt.Tx, u model.User) error {
	users := tx.Bucket(bucketUsers)
	var old model.User
	known, err := getJSON(users, idKey(u.ID), &old)
	if err != nil {
		known = false // a damaged record: its name is not in the index either
	}
	if err := putJSON(users, idKey(u.ID), u); err != nil {
		return err
	}
	if known && old.Name == u.Name {
		return nil
	}
	var was []string
	if known {
		was = search.NameWords(old.Name)
	}
	now := search.NameWords(u.Name)
	if err := s.index.Remove(tx, nameEntries(u.ID, without(was, now))); err != nil {
		return err
	}
	return s.index.Add(tx, nameEntries(u.ID, without(now, was)))
}

// without is the words of a not in b.
func without(a, b []string) []string {
	var out []string
	for _, w := range a {
		if !slices.Contains(b, w) {
			out = append(out, w)
		}
	}
	return out
}

// nameEntries files a person under words of their name.
func nameEntries(userID uint64, words []string) index.Entries {
	var e index.Entries
	for _, w := range words {
		e.Add(search.NameTerm(w), userID, nil)
	}
	return e
}

// allNameEntries are every person's name entries (for a reindex).
func allNameEntries(tx *bolt.Tx) index.Entries {
	var all index.Entries
	tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
		var u model.User
		if len(k) == 8 && json.Unmarshal(v, &u) == nil {
			for _, w := range search.NameWords(u.Name) {
				all.Add(search.NameTerm(w), binary.BigEndian.Uint64(k), nil)
			}
		}
		return nil
	})
	return all
}
