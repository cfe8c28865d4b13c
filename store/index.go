package store

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
)

// postDoc is a post as the index sees it: with its author's and its
// addressee's handles and its conversation's tags. Status and read state
// are left out: they are checked on reading.
func postDoc(tx *bolt.Tx, p model.Post) search.Doc { return newReader(tx).doc(p) }

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
}

// reader makes a reader for tx that shares the store's decoded people.
func (s *Store) reader(tx *bolt.Tx) *reader {
	r := newReader(tx)
	r.people = &s.people
	return r
}

func newReader(tx *bolt.Tx) *reader {
	return &reader{tx: tx, users: map[uint64]model.User{}, convs: map[uint64]Conversation{}, before: map[uint64]*Conversation{}}
}

// doc is p as the index sees it (see postDoc).
func (r *reader) doc(p model.Post) search.Doc {
	c, _, _ := r.conversation(p.ConversationID)
	return docOf(p, c.Tags, r.handle)
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
		if err := saveConversation(r.tx, r.before[id], r.convs[id]); err != nil {
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

// entries calls add with each index entry of p: its terms with its id,
// and, for a customer's post, the customer's entry with its
// conversation's id (see customerTerm).
func (r *reader) entries(p model.Post, add func(term string, id uint64)) {
	fileEntries(p, search.IndexTerms(r.doc(p)), add)
}

// fileEntries calls add with p's entries, given its terms.
func fileEntries(p model.Post, terms []string, add func(term string, id uint64)) {
	for _, term := range terms {
		add(term, p.ID)
	}
	if !p.Kind.Ours() {
		add(customerTerm(p.AuthorID), p.ConversationID)
	}
}

// customerTerm is the index entry that lists a person's conversations,
// by conversation id. Filing it with the posts' terms, instead of in a
// bucket keyed by person, spares each batch a page write per customer.
// It starts with a byte no query term has, so no search finds it.
func customerTerm(userID uint64) string { return "\x01customer:" + strconv.FormatUint(userID, 10) }

// handle is a user's @handle, "" when unknown.
func (r *reader) handle(id uint64) string {
	u, _ := r.user(id)
	return u.Username
}

// docOf builds a post's document from its conversation's tags and a
// lookup of handles by user id.
func docOf(p model.Post, tags []string, handle func(uint64) string) search.Doc {
	fold := func(id uint64) string {
		if id == 0 {
			return ""
		}
		return search.Fold(handle(id))
	}
	return search.Doc{Post: p, Author: fold(p.AuthorID), ReplyTo: fold(p.InReplyToUser), Tags: tags}
}

// indexPost adds a post's terms to the index.
func indexPost(tx *bolt.Tx, p model.Post) error { return indexPosts(tx, []model.Post{p}) }

// indexPosts adds posts' terms to the index, in the transaction that
// stores them, so the two never disagree. Each term's list is read and
// written once for the whole batch.
func indexPosts(tx *bolt.Tx, posts []model.Post) error {
	return addAllPostings(tx, termsOf(newReader(tx), posts))
}

// termsOf gathers posts' index entries (see entries), each term with its
// ascending ids.
func termsOf(r *reader, posts []model.Post) map[string][]uint64 {
	byTerm := map[string][]uint64{}
	for _, p := range posts {
		r.entries(p, func(term string, id uint64) { byTerm[term] = append(byTerm[term], id) })
	}
	return sortEntries(byTerm)
}

// sortEntries puts each term's ids in ascending order, once each.
func sortEntries(byTerm map[string][]uint64) map[string][]uint64 {
	for term, ids := range byTerm {
		slices.Sort(ids)
		byTerm[term] = slices.Compact(ids)
	}
	return byTerm
}

// unindexPost takes a post's entries out of the index: its terms, and
// its author's entry for its conversation unless they wrote another post
// there.
func unindexPost(tx *bolt.Tx, p model.Post) error {
	for _, term := range search.IndexTerms(postDoc(tx, p)) {
		if err := removePosting(tx, term, p.ID); err != nil {
			return err
		}
	}
	if p.Kind.Ours() || wroteAgain(tx, p) {
		return nil
	}
	return removePosting(tx, customerTerm(p.AuthorID), p.ConversationID)
}

// wroteAgain says whether p's author has another post in its
// conversation.
func wroteAgain(tx *bolt.Tx, p model.Post) bool {
	posts, found := tx.Bucket(bucketPosts), false
	eachPostID(tx, p.ConversationID, func(id uint64) {
		var other model.Post
		if found || id == p.ID {
			return
		}
		if ok, err := getJSON(posts, idKey(id), &other); err == nil && ok {
			found = other.AuthorID == p.AuthorID && !other.Kind.Ours()
		}
	})
	return found
}

// retagPosts keeps the tag terms of a conversation's posts in step with
// its tags: the terms of tags taken off go, those of tags put on come.
func retagPosts(tx *bolt.Tx, convID uint64, before, after []string) error {
	if slices.ContainsFunc(before, func(t string) bool { return !slices.Contains(after, t) }) {
		if err := foldPending(tx, nil); err != nil { // what is taken off must be in the blocks
			return err
		}
	}
	var ids []uint64
	apply := func(tags, others []string, change func(*bolt.Tx, string, uint64) error) error {
		for _, t := range tags {
			if slices.Contains(others, t) {
				continue
			}
			if ids == nil {
				ids = convPostIDs(tx, convID)
			}
			for _, id := range ids {
				if err := change(tx, search.TagTerm(t), id); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := apply(before, after, removePosting); err != nil {
		return err
	}
	return apply(after, before, addPosting)
}

func convPostIDs(tx *bolt.Tx, convID uint64) []uint64 {
	ids := []uint64{}
	eachPostID(tx, convID, func(id uint64) { ids = append(ids, id) })
	return ids
}

// migrateV3 brings a schema 3 file to schema 4: tags in the index.
func migrateV3(tx *bolt.Tx) error {
	var tagged []Conversation
	err := tx.Bucket(bucketConvs).ForEach(func(_, v []byte) error {
		var c Conversation
		if err := json.Unmarshal(v, &c); err != nil {
			return err
		}
		if len(c.Tags) > 0 {
			tagged = append(tagged, c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range tagged {
		if err := retagPosts(tx, c.ID, nil, c.Tags); err != nil {
			return err
		}
	}
	return nil
}

// migrateV4 brings a schema 4 file to schema 5: waiting index segments.
func migrateV4(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists(bucketPending)
	return err
}

// migrateV2 brings a schema 2 file to schema 3: the full-text index.
func migrateV2(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketPostings); err != nil {
		return err
	}
	return tx.Bucket(bucketPosts).ForEach(func(_, v []byte) error {
		var p model.Post
		if err := json.Unmarshal(v, &p); err != nil {
			return err
		}
		return indexPost(tx, p)
	})
}

// Reindex rebuilds the index from the posts, a batch of posts per
// transaction, telling progress as it goes.
func (s *Store) Reindex(progress func(done, total int)) error {
	total := 0
	if err := s.view(func(tx *bolt.Tx) error { total = tx.Bucket(bucketPosts).Stats().KeyN; return nil }); err != nil {
		return err
	}
	if err := s.update(func(tx *bolt.Tx) error {
		if err := clearPending(tx); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketPostings); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketPostings)
		return err
	}); err != nil {
		return err
	}
	const batch = 2000
	var after []byte
	for done := 0; ; {
		n := 0
		err := s.update(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketPosts).Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if k != nil && string(k) == string(after) {
					k, v = c.Next()
				}
			}
			var posts []model.Post
			for ; k != nil && n < batch; k, v = c.Next() {
				var p model.Post
				if err := json.Unmarshal(v, &p); err != nil {
					return err
				}
				posts = append(posts, p)
				after = append(after[:0], k...)
				n++
			}
			return indexPosts(tx, posts)
		})
		if err != nil {
			return err
		}
		done += n
		if progress != nil {
			progress(done, total)
		}
		if n < batch {
			return nil
		}
	}
}
