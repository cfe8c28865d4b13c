package store

import (
	"encoding/json"
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
