package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// Open reports whether a conversation is still in hand: the customer
// waits for the shop, or the shop for the customer. Done, heard (said
// about the shop, not to it) and the shop's own are not.
func (c Conversation) Open() bool { return c.Status == StatusOpen || c.Status == StatusWaiting }

// Open lists the conversations of the file that "@handle" means, newest
// first: the open ones, or when none is, the heard ones (`hark send
// @rae_inks` means her DM, not what she said about the shop; with no DM
// open, what she said).
func (f CustomerFile) Open() []Row {
	var open, heard []Row
	for _, r := range f.Conversations {
		switch {
		case r.Conversation.Open():
			open = append(open, r)
		case r.Conversation.Status == StatusHeard:
			heard = append(heard, r)
		}
	}
	if len(open) == 0 {
		return heard
	}
	return open
}

// NewestPostOf is the newest post stored from the person with handle
// (with or without its @): how a handle names a person.
func (s *Store) NewestPostOf(ctx context.Context, handle string) (model.Post, error) {
	handle = strings.TrimPrefix(handle, "@")
	q, err := search.Parse("from:" + handle)
	if err != nil || handle == "" {
		return model.Post{}, fmt.Errorf("@%s is not a handle", handle)
	}
	ids, err := s.SearchIDs(ctx, q, 0, 1, time.Now())
	if err != nil || len(ids) == 0 {
		if err == nil {
			err = fmt.Errorf("no post from @%s in this database", handle)
		}
		return model.Post{}, err
	}
	p, _, err := s.Post(ids[0])
	return p, err
}

// CountOpen fills in each row's MoreOpen and MoreOpenFloor: the rows a
// list shows, after they were read (a page load reads rows it never
// shows, to find its place; and hark ls shows no count).
func (s *Store) CountOpen(rows []Row) error {
	if len(rows) == 0 {
		return nil
	}
	return s.view(func(tx *bolt.Tx) error {
		ix, err := s.index.Read(tx)
		if err != nil {
			return err
		}
		counter := s.newOpenCounter(tx, ix)
		for i := range rows {
			if err := counter.count(&rows[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// MoreOpen counts the other open conversations of c's customer, as a
// list's row does (CountOpen).
func (s *Store) MoreOpen(c Conversation) (n int, floor bool, err error) {
	rows := []Row{{Conversation: c}}
	err = s.CountOpen(rows)
	return rows[0].MoreOpen, rows[0].MoreOpenFloor, err
}

// moreOpenLook bounds how many of a person's conversations a page of
// rows reads to count their other open ones: a row costs a few of them,
// not the whole history of a customer with hundreds. Past it the count
// is a floor (Row.MoreOpenFloor).
const moreOpenLook = 8

// openCounter counts, for the rows of one page, the customer's other open
// conversations, reading each customer's once, and once for as long as
// the database is unchanged (openCache).
type openCounter struct {
	convs *bolt.Bucket
	ix    *index.Reader
	cache *openCache
	txid  int
}

// openCache keeps what the counters read, by customer, while no write
// has happened since (the read transactions' id is the last write's):
// scrolling reloads a window whose customers were counted a key ago.
type openCache struct {
	mu   sync.Mutex
	txid int
	by   map[uint64]openOf
}

// openOf is a customer's open conversations among their newest read;
// full when more were left unread.
type openOf struct {
	open []uint64
	full bool
}

// maxOpenCache bounds the cache: a few screens of customers.
const maxOpenCache = 4096

func (s *Store) newOpenCounter(tx *bolt.Tx, ix *index.Reader) *openCounter {
	return &openCounter{convs: tx.Bucket(bucketConvs), ix: ix, cache: &s.openCache, txid: tx.ID()}
}

// count fills in the row's MoreOpen and MoreOpenFloor.
func (o *openCounter) count(row *Row) error {
	who := row.Conversation.CustomerID
	if who == 0 {
		return nil
	}
	got, ok := o.cache.get(o.txid, who)
	if !ok {
		got = o.read(who)
		o.cache.put(o.txid, who, got)
	}
	row.MoreOpen = len(got.open)
	if slices.Contains(got.open, row.Conversation.ID) {
		row.MoreOpen--
	}
	row.MoreOpenFloor = got.full
	return nil
}

func (c *openCache) get(txid int, who uint64) (openOf, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.txid != txid {
		return openOf{}, false
	}
	got, ok := c.by[who]
	return got, ok
}

func (c *openCache) put(txid int, who uint64, got openOf) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.txid != txid || c.by == nil || len(c.by) >= maxOpenCache {
		if txid < c.txid {
			return // read before the cache's: older than what it holds
		}
		c.txid, c.by = txid, map[uint64]openOf{}
	}
	c.by[who] = got
}

// read finds the open ones among a customer's newest conversations.
func (o *openCounter) read(who uint64) openOf {
	var got openOf
	it := o.ix.Term(customerTerm(who))
	for n, max := 0, ^uint64(0); ; n++ {
		id, ok := it.Seek(max)
		if !ok {
			break
		}
		if n == moreOpenLook {
			got.full = true
			break
		}
		if openRecord(o.convs.Get(idKey(id))) {
			got.open = append(got.open, id)
		}
		if id == 0 {
			break
		}
		max = id - 1
	}
	return got
}

// The status of an open conversation as its record holds it (putJSON of
// Conversation). A tag holding these bytes is written with its quotes
// escaped, so only the status field matches.
var (
	rawOpen    = []byte(`"status":"` + string(StatusOpen) + `"`)
	rawWaiting = []byte(`"status":"` + string(StatusWaiting) + `"`)
)

// openRecord reports whether a conversation's record is open, without
// decoding it: a page of rows reads a few for each customer, and decoding
// them tripled a keystroke's time at 100,000 posts (0.97 → 3.4 ms).
func openRecord(raw []byte) bool {
	return bytes.Contains(raw, rawOpen) || bytes.Contains(raw, rawWaiting)
}
