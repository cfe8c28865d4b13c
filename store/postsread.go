package store

import (
	"encoding/binary"
	"encoding/json"
	"reflect"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// The read side of posts and people: what Put stored, read back.

// Stored says which of ids are stored, read in one transaction.
func (s *Store) Stored(ids []uint64) (map[uint64]bool, error) {
	out := make(map[uint64]bool, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		posts := tx.Bucket(bucketPosts)
		for _, id := range ids {
			if posts.Get(idKey(id)) != nil || chainKey(tx, id) != 0 {
				out[id] = true
			}
		}
		return nil
	})
	return out, err
}

// Post returns one post, found by any of its versions' ids.
func (s *Store) Post(id uint64) (model.Post, bool, error) {
	var p model.Post
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		if key := chainKey(tx, id); key != 0 {
			id = key
		}
		found, err = getJSON(tx.Bucket(bucketPosts), idKey(id), &p)
		return err
	})
	return p, found, err
}

// Thread returns a conversation's posts, oldest first.
func (s *Store) Thread(conversationID uint64) ([]model.Post, error) {
	var out []model.Post
	err := s.view(func(tx *bolt.Tx) error {
		posts := tx.Bucket(bucketPosts)
		c := tx.Bucket(bucketConvPosts).Cursor()
		prefix := idKey(conversationID)
		for k, _ := c.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, _ = c.Next() {
			_, id := splitPair(k)
			var p model.Post
			if _, err := getJSON(posts, idKey(id), &p); err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// EachPost calls fn with every post, oldest first, and stops at its first
// error. A damaged post does not stop it: the others are visited, and
// the first damaged one is reported at the end, by its id.
func (s *Store) EachPost(fn func(model.Post) error) error {
	var damaged error
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPosts).ForEach(func(k, v []byte) error {
			var p model.Post
			if err := json.Unmarshal(v, &p); err != nil {
				if damaged == nil {
					damaged = postDamaged(k, err)
				}
				return nil
			}
			return fn(p)
		})
	})
	if err != nil {
		return err
	}
	return damaged
}

// EachPostOf calls fn with every post of the given conversations,
// oldest first, in one read transaction. It holds only the posts' ids
// (8 bytes each), never the posts, so an export of any size runs in
// bounded memory. Damaged posts are passed over, as EachPost does.
func (s *Store) EachPostOf(convs []uint64, fn func(model.Post) error) error {
	var damaged error
	err := s.view(func(tx *bolt.Tx) error {
		var ids []uint64
		for _, c := range convs {
			eachPostID(tx, c, func(id uint64) { ids = append(ids, id) })
		}
		slices.Sort(ids)
		posts := tx.Bucket(bucketPosts)
		for _, id := range ids {
			var p model.Post
			found, err := getJSON(posts, idKey(id), &p)
			if err != nil {
				if damaged == nil {
					damaged = err
				}
				continue
			}
			if !found {
				continue
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return damaged
}

// User returns one person.
func (s *Store) User(id uint64) (model.User, bool, error) {
	var u model.User
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketUsers), idKey(id), &u)
		return err
	})
	return u, found, err
}

// People returns the stored people among ids, by id, read in one
// transaction; id 0 and unknown ids are left out.
func (s *Store) People(ids []uint64) (map[uint64]model.User, error) {
	out := map[uint64]model.User{}
	err := s.view(func(tx *bolt.Tx) error {
		r := s.reader(tx)
		for _, id := range ids {
			if _, done := out[id]; done || id == 0 {
				continue
			}
			u, err := r.user(id)
			if err != nil {
				return err
			}
			if u.ID != 0 {
				out[id] = u
			}
		}
		return nil
	})
	return out, err
}

// Cursor returns the newest post id stored for a source, 0 if none.
func (s *Store) Cursor(source string) (uint64, error) {
	var v uint64
	err := s.view(func(tx *bolt.Tx) error {
		v = getUint(tx.Bucket(bucketCursors), source)
		return nil
	})
	return v, err
}

// NetCursor is the network's own position where the source's last
// stored read ended; "" if none (see Batch.NetCursor).
func (s *Store) NetCursor(source string) (string, error) {
	var v string
	err := s.view(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketCursors).Get(netCursorKey(source)))
		return nil
	})
	return v, err
}

// netCursorKey is where a source's network cursor is kept, beside its
// own.
func netCursorKey(source string) []byte { return append([]byte(source), 0, 'n', 'e', 't') }

// SetAccount records which account the database belongs to. Recording
// the account already recorded writes nothing (every start tells it).
func (s *Store) SetAccount(u model.User) error {
	if was, found, err := s.Account(); err == nil && found && reflect.DeepEqual(was, u) {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		if err := s.putUser(tx, u); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketMeta), []byte(metaAccount), u)
	})
}

// Account returns the account recorded by SetAccount.
func (s *Store) Account() (model.User, bool, error) {
	var u model.User
	var found bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		found, err = getJSON(tx.Bucket(bucketMeta), []byte(metaAccount), &u)
		return err
	})
	return u, found, err
}

// PostsSince returns the posts of a kind made at or after t, newest first.
// Ids grow with time, so it reads only the newest end of the file.
func (s *Store) PostsSince(t time.Time, kind model.Kind) ([]model.Post, error) {
	var out []model.Post
	floor := model.SnowflakeID(t, 0)
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPosts).Cursor()
		for k, v := c.Last(); k != nil && binary.BigEndian.Uint64(k) >= floor; k, v = c.Prev() {
			var p model.Post
			if err := json.Unmarshal(v, &p); err != nil {
				return err
			}
			if p.Kind == kind {
				out = append(out, p)
			}
		}
		return nil
	})
	return out, err
}
