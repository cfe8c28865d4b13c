package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

func idKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

func pairKey(a, b uint64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), a), b)
}

func splitPair(k []byte) (uint64, uint64) {
	return binary.BigEndian.Uint64(k[:8]), binary.BigEndian.Uint64(k[8:16])
}

func getUint(b *bolt.Bucket, key string) uint64 {
	v := b.Get([]byte(key))
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func putUint(b *bolt.Bucket, key string, v uint64) error {
	return b.Put([]byte(key), idKey(v))
}

// getJSON decodes the value at key into v; false when there is none. A
// value that cannot be decoded is reported by its key (see Damaged).
func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, &Damaged{Key: keyName(key), Err: err}
	}
	return true, nil
}

// Damaged is a record that cannot be decoded, named by its key.
type Damaged struct {
	// Key is the record's id, or its key's bytes quoted.
	Key string
	Err error
}

func (d *Damaged) Error() string {
	return fmt.Sprintf("record %s in the database is damaged (%v)", d.Key, d.Err)
}

// keyName is a key as a person reads it: an id, or the bytes quoted.
func keyName(k []byte) string {
	switch len(k) {
	case 8:
		return strconv.FormatUint(binary.BigEndian.Uint64(k), 10)
	case 16:
		a, b := splitPair(k)
		return fmt.Sprintf("%d/%d", a, b)
	}
	return strconv.Quote(string(k))
}

// postDamaged reports a post that cannot be decoded.
func postDamaged(key []byte, err error) error {
	return fmt.Errorf("post %s is damaged (%v): 'hark check' lists the damaged posts", keyName(key), err)
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}
