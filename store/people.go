package store

import (
	"encoding/json"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// peopleCache keeps people decoded across transactions: storing a batch
// needs the handles of its authors, and the same few thousand people
// write most posts. Each person is kept with the bytes it was decoded
// from and served only while the file holds the same bytes, so a changed
// person, or a write rolled back, is never served stale.
type peopleCache struct {
	mu sync.Mutex
	m  map[uint64]cachedPerson
}

type cachedPerson struct {
	raw string
	u   model.User
}

// peopleCacheMax bounds the cache; past it, it starts again empty.
const peopleCacheMax = 100_000

// user reads person id in tx, from the cache when its bytes are the same.
func (c *peopleCache) user(tx *bolt.Tx, id uint64) (model.User, error) {
	raw := tx.Bucket(bucketUsers).Get(idKey(id))
	if raw == nil {
		return model.User{}, nil
	}
	c.mu.Lock()
	p, ok := c.m[id]
	c.mu.Unlock()
	if ok && p.raw == string(raw) {
		return p.u, nil
	}
	var u model.User
	if err := json.Unmarshal(raw, &u); err != nil {
		return u, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= peopleCacheMax {
		c.m = map[uint64]cachedPerson{}
	}
	c.m[id] = cachedPerson{raw: string(raw), u: u}
	return u, nil
}
