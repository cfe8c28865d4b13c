package store

import (
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// reader reads people and conversations for one task in a transaction
// (a batch stored and indexed, a search run), each once. A batch's
// changes to conversations are kept here and saved once each by flush.
type reader struct {
	tx    *bolt.Tx
	users map[uint64]model.User
	convs map[uint64]Conversation
	// before holds each conversation changed and not yet saved as it was
	// before (nil for a new one).
	before map[uint64]*Conversation
	// people, when set, keeps people decoded across transactions.
	people *peopleCache
	// index is where flush files tag changes.
	index *index.Index
}

// reader makes a reader for tx that shares the store's decoded people.
func (s *Store) reader(tx *bolt.Tx) *reader {
	r := newReader(tx)
	r.people, r.index = &s.people, s.index
	return r
}

func newReader(tx *bolt.Tx) *reader {
	return &reader{tx: tx, users: map[uint64]model.User{}, convs: map[uint64]Conversation{}, before: map[uint64]*Conversation{}}
}

// doc is p as the index sees it (see postDoc).
func (r *reader) doc(p model.Post) search.Doc {
	c, _, _ := r.conversation(p.ConversationID)
	return docOf(p, c.Tags, r.person)
}

// conversation reads one conversation as loadConversation does.
func (r *reader) conversation(id uint64) (Conversation, bool, error) {
	if c, ok := r.convs[id]; ok {
		return c, c.ID != 0, nil
	}
	c, found, err := loadConversation(r.tx, id)
	if err == nil {
		r.convs[id] = c
	}
	return c, found, err
}

// change records c, which was old (nil for a new conversation), for the
// next flush; readings see it at once.
func (r *reader) change(old *Conversation, c Conversation) {
	if _, changed := r.before[c.ID]; !changed {
		r.before[c.ID] = old
	}
	r.convs[c.ID] = c
}

// flush saves each changed conversation once, from its state before the
// first change: a thread that gets several posts in a batch moves in the
// views once.
func (r *reader) flush() error {
	for _, id := range slices.Sorted(maps.Keys(r.before)) {
		if err := saveConversation(r.tx, r.index, r.before[id], r.convs[id]); err != nil {
			return err
		}
	}
	clear(r.before)
	return nil
}

func (r *reader) user(id uint64) (model.User, error) {
	if u, ok := r.users[id]; ok {
		return u, nil
	}
	var u model.User
	var err error
	if r.people != nil {
		u, err = r.people.user(r.tx, id)
	} else {
		_, err = getJSON(r.tx.Bucket(bucketUsers), idKey(id), &u)
	}
	if err != nil {
		return u, err
	}
	r.users[id] = u
	return u, nil
}

// person is a user, the zero User when unknown.
func (r *reader) person(id uint64) model.User {
	u, _ := r.user(id)
	return u
}
