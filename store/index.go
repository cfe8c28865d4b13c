package store

import (
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// postDoc is a post as the index sees it: with its author's and its
// addressee's handles and its conversation's tags. Status and read state
// are left out: they are checked on reading.
func postDoc(tx *bolt.Tx, p model.Post) search.Doc { return newReader(tx).doc(p) }

// fileEntries adds p's index entries to e: its terms (search.IndexEntries)
// under its id, and, for a customer's post, the customer's entry with
// its conversation's id (see customerTerm).
func fileEntries(e *index.Entries, p model.Post, terms []search.Entry) {
	if !indexed(p) {
		return
	}
	for _, t := range terms {
		e.Add(t.Term, p.ID, t.Pos)
	}
	if !p.Kind.Ours() {
		e.Add(customerTerm(p.AuthorID), p.ConversationID, nil)
	}
}

// indexed says whether p has index entries: a tombstone has none, so
// no search finds a post its author deleted.
func indexed(p model.Post) bool { return p.Kind != model.Deleted }

// customerTerm is the index entry that lists a person's conversations,
// by conversation id. Filing it with the posts' terms, instead of in a
// bucket keyed by person, spares each batch a page write per customer.
// It starts with a byte no query term has, so no search finds it.
func customerTerm(userID uint64) string { return "\x01customer:" + strconv.FormatUint(userID, 10) }

// docOf builds a post's document from its conversation's tags and a
// lookup of people by id.
func docOf(p model.Post, tags []string, user func(uint64) model.User) search.Doc {
	handle := func(id uint64) string {
		if id == 0 {
			return ""
		}
		return search.Fold(user(id).Username)
	}
	return search.Doc{Post: p, Author: handle(p.AuthorID), AuthorName: user(p.AuthorID).Name, ReplyTo: handle(p.InReplyToUser), Tags: tags}
}

// unindexPost takes a post's entries out of the index: its terms, and
// its author's entry for its conversation unless they wrote another post
// there.
func (s *Store) unindexPost(tx *bolt.Tx, p model.Post) error {
	if !indexed(p) {
		return nil
	}
	var e index.Entries
	for _, t := range search.IndexEntriesWith(postDoc(tx, p), &s.stems) {
		e.Add(t.Term, p.ID, nil)
	}
	if !p.Kind.Ours() && !wroteAgain(tx, p) {
		e.Add(customerTerm(p.AuthorID), p.ConversationID, nil)
	}
	return s.index.Remove(tx, e)
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
func retagPosts(tx *bolt.Tx, ix *index.Index, convID uint64, before, after []string) error {
	var ids []uint64
	entries := func(tags, others []string) index.Entries {
		var e index.Entries
		for _, t := range tags {
			if slices.Contains(others, t) {
				continue
			}
			if ids == nil {
				ids = convPostIDs(tx, convID)
			}
			for _, id := range ids {
				e.Add(search.TagTerm(t), id, nil)
			}
		}
		return e
	}
	if err := ix.Remove(tx, entries(before, after)); err != nil {
		return err
	}
	return ix.Add(tx, entries(after, before))
}

func convPostIDs(tx *bolt.Tx, convID uint64) []uint64 {
	ids := []uint64{}
	eachPostID(tx, convID, func(id uint64) { ids = append(ids, id) })
	return ids
}
