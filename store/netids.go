package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// The kinds of record a network's id names, the first byte of a netrefs
// key and the byte after the network's name in a netids key.
const (
	refPost = 'p'
	refUser = 'u'
)

// errNoNetwork refuses ids for X (its ids are hark's) or for no network.
var errNoNetwork = errors.New("network ids are kept for a network other than X's")

// NetIDs are the hark ids of network net's records (see network.IDs),
// kept in the buckets netids and netrefs.
func (s *Store) NetIDs(net string) network.IDs { return netIDs{s: s, net: net} }

type netIDs struct {
	s   *Store
	net string
}

// Post, User, PostRef and UserRef are network.IDs's, for one network.
func (n netIDs) Post(ref string, at time.Time) (uint64, error) { return n.id(refPost, ref, at) }

// User places a new person at now: people are not listed by their ids.
func (n netIDs) User(ref string) (uint64, error) { return n.id(refUser, ref, time.Now()) }

func (n netIDs) PostRef(id uint64) (string, bool, error) { return n.ref(refPost, id) }
func (n netIDs) UserRef(id uint64) (string, bool, error) { return n.ref(refUser, id) }

// netKey is network ‖ 0x00 ‖ kind ‖ ref.
func (n netIDs) netKey(kind byte, ref string) []byte {
	return append(append([]byte(n.net), 0, kind), ref...)
}

// refKey is kind ‖ hark id.
func refKey(kind byte, id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{kind}, id)
}

// id finds ref's hark id, or gives it one made from at: the newest
// sequence of at's millisecond not yet taken by a record of any network
// (X's take the low sequences first, so the high end is left to these).
func (n netIDs) id(kind byte, ref string, at time.Time) (uint64, error) {
	if n.net == "" || n.net == network.X || ref == "" {
		return 0, errNoNetwork
	}
	key := n.netKey(kind, ref)
	var id uint64
	found := func(tx *bolt.Tx) bool {
		v := tx.Bucket(bucketNetIDs).Get(key)
		if len(v) == 8 {
			id = binary.BigEndian.Uint64(v)
		}
		return len(v) == 8
	}
	var known bool
	if err := n.s.view(func(tx *bolt.Tx) error { known = found(tx); return nil }); err != nil || known {
		return id, err // a record read again (most are): no write, no sync to disk
	}
	err := n.s.update(func(tx *bolt.Tx) error {
		if found(tx) { // given meanwhile, by another writer
			return nil
		}
		ids, refs := tx.Bucket(bucketNetIDs), tx.Bucket(bucketNetRefs)
		taken := tx.Bucket(bucketPosts)
		if kind == refUser {
			taken = tx.Bucket(bucketUsers)
		}
		for seq := uint64(0x3FFFFF); ; seq-- {
			id = model.SnowflakeID(at, seq)
			if refs.Get(refKey(kind, id)) == nil && taken.Get(idKey(id)) == nil {
				break
			}
			if seq == 0 {
				return fmt.Errorf("no hark id left in the millisecond of %s for %s", at, ref)
			}
		}
		if err := ids.Put(key, idKey(id)); err != nil {
			return err
		}
		return refs.Put(refKey(kind, id), bytes.Clone(key))
	})
	return id, err
}

// ref is the network's own id that gave hark id id.
func (n netIDs) ref(kind byte, id uint64) (ref string, ok bool, err error) {
	err = n.s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketNetRefs).Get(refKey(kind, id))
		prefix := append([]byte(n.net), 0, kind)
		if bytes.HasPrefix(v, prefix) {
			ref, ok = string(v[len(prefix):]), true
		}
		return nil
	})
	return ref, ok, err
}

// HasOtherNetworks reports whether the store holds ids given to another
// network's records than X's: a report splits its figures by network
// only then, and an X-only file pays nothing for it.
func (s *Store) HasOtherNetworks() (bool, error) {
	var has bool
	err := s.view(func(tx *bolt.Tx) error {
		has = netRefsGiven(tx) != nil
		return nil
	})
	return has, err
}

// netRefsGiven is the bucket of the ids given to other networks' records,
// or nil when none was given (an X-only file): then an X post's id can
// be no one else's, and storing it asks nothing more.
func netRefsGiven(tx *bolt.Tx) *bolt.Bucket {
	b := tx.Bucket(bucketNetRefs)
	if k, _ := b.Cursor().First(); k == nil {
		return nil
	}
	return b
}
