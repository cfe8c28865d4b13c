package store

import (
	"cmp"
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// X lets an author edit a post for an hour; each edit is a new post with
// a new id, naming the others in edit_history_tweet_ids. hark keeps one
// post per edit chain: under the id it first stored (its key), with the
// newest text, the earlier texts in Earlier, and every other version's
// id in the edits bucket pointing to the key. So an edit is one post,
// one conversation and one inbox row, and a version read again (by a
// search, a look-up, a reply that names it) is the post hark holds.

// maxEarlier bounds the earlier texts kept of one post (X allows five
// edits).
const maxEarlier = 8

// chainKey is the key of the edit chain id is a version of, 0 when it is
// no stored post's other version.
func chainKey(tx *bolt.Tx, id uint64) uint64 {
	if v := tx.Bucket(bucketEdits).Get(idKey(id)); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

// chainOf is the key of the stored chain p is a version of (found by its
// id or the versions it names), 0 when hark holds none of them.
func chainOf(tx *bolt.Tx, p model.Post) uint64 {
	posts := tx.Bucket(bucketPosts)
	for _, id := range append([]uint64{p.ID}, p.Edits...) {
		key := chainKey(tx, id)
		if key == 0 && id != p.ID && posts.Get(idKey(id)) != nil {
			key = id
		}
		if key != 0 && sameAuthor(posts, key, p) {
			return key
		}
	}
	return 0
}

// sameAuthor reports whether the post stored under key is p's author's:
// only an author edits a post, and a record that names someone else's
// post as its earlier version (a bad or hostile answer) changes nothing
// of theirs.
func sameAuthor(posts *bolt.Bucket, key uint64, p model.Post) bool {
	var was model.Post
	ok, err := getJSON(posts, idKey(key), &was)
	return err == nil && ok && (was.AuthorID == p.AuthorID || was.Kind.Gone())
}

// sameChains points p's conversation and the post it answers at the
// chains hark keeps them in: a reply to an edited post's newest version
// answers the post hark holds, in its conversation.
func sameChains(tx *bolt.Tx, p model.Post) model.Post {
	if key := chainKey(tx, p.InReplyToID); key != 0 {
		p.InReplyToID = key
	}
	if key := chainKey(tx, p.ConversationID); key != 0 {
		var root model.Post
		if ok, err := getJSON(tx.Bucket(bucketPosts), idKey(key), &root); ok && err == nil {
			p.ConversationID = root.ConversationID
		}
	}
	return p
}

// linkVersions points every version in ids other than key at key.
func linkVersions(tx *bolt.Tx, key uint64, ids []uint64) error {
	edits, posts := tx.Bucket(bucketEdits), tx.Bucket(bucketPosts)
	for _, id := range ids {
		if id != key && posts.Get(idKey(id)) == nil { // a post in its own right is never another's version
			if err := edits.Put(idKey(id), idKey(key)); err != nil {
				return err
			}
		}
	}
	return nil
}

// fileVersion files p, a version of the chain stored under key. A
// version older than the one held adds its text to Earlier if hark had
// not seen it, and its sources;
// a newer one becomes the post's text, the old text kept in Earlier, the
// index and the conversation's question following it. A customer's post
// that changed is unread again: the owner has not read what it says now.
func (s *Store) fileVersion(r *reader, entries *index.Entries, key uint64, p model.Post, found map[string]int) error {
	posts := r.tx.Bucket(bucketPosts)
	var was model.Post
	if ok, err := getJSON(posts, idKey(key), &was); err != nil || !ok || was.Kind.Gone() {
		return nil // damaged (check reports it), or deleted by its author: an edit brings nothing back
	}
	if p.ID <= was.Target() { // an older version, or the same: its text, if new to hark, is an earlier one
		if p.ID != was.Target() && p.ID != key && !slices.ContainsFunc(was.Earlier, func(v model.Version) bool { return v.ID == p.ID }) {
			was.Earlier = append(was.Earlier, model.Version{ID: p.ID, Text: p.Text})
			slices.SortFunc(was.Earlier, func(a, b model.Version) int { return cmp.Compare(a.ID, b.ID) })
			if err := putJSON(posts, idKey(key), was); err != nil {
				return err
			}
		}
		return addSources(posts, entries, key, p.Sources, found)
	}
	if p.Text == was.Text { // the same words again (a world that edits twice alike): only where replies go changes
		was.Latest = p.ID
		if err := putJSON(posts, idKey(key), was); err != nil {
			return err
		}
		return linkVersions(r.tx, key, []uint64{p.ID})
	}
	if err := s.unindexPost(r.tx, was); err != nil {
		return err
	}
	was.Earlier = append(was.Earlier, model.Version{ID: was.Target(), Text: was.Text})
	if len(was.Earlier) > maxEarlier {
		was.Earlier = was.Earlier[len(was.Earlier)-maxEarlier:]
	}
	was.Text, was.Latest = p.Text, p.ID
	was.Edits = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(slices.Concat(was.Edits, p.Edits, []uint64{p.ID})))),
		func(id uint64) bool { return id == key })
	mergeSources(&was, p.Sources, &index.Entries{}, found) // the terms are filed below, with the text's
	if err := putJSON(posts, idKey(key), was); err != nil {
		return err
	}
	if err := linkVersions(r.tx, key, was.Edits); err != nil {
		return err
	}
	terms := search.IndexEntriesWith(r.doc(was), &s.stems)
	fileEntries(entries, was, terms)
	return s.editChanges(r, was, asks(terms))
}

// editChanges moves the conversation of was, a post just edited: a
// customer's is unread again and, when newest, says whether it asks.
func (s *Store) editChanges(r *reader, was model.Post, asks bool) error {
	if !was.Kind.Inbound() {
		return nil
	}
	prev, found, err := r.conversation(was.ConversationID)
	if err != nil || !found {
		return err
	}
	c := prev
	unread := r.tx.Bucket(bucketUnread)
	if unread.Get(idKey(was.ID)) == nil {
		if err := unread.Put(idKey(was.ID), idKey(c.ID)); err != nil {
			return err
		}
		c.Unread++
	}
	if c.LastPostID == was.ID {
		c.Question = asks
	}
	r.change(&prev, c)
	return nil
}
