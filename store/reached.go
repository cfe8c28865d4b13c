package store

import (
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// reached files p, read again as a post that reached the shop (a mention,
// a post heard), where hark holds it as context: kept first because a
// later post answered it (a look-up above a mention, before the page that
// holds it was read). It becomes what it is: unread, in the customer's
// conversation, opening it if it is the newest, and a wait in the report.
// Any other post read again is left as it is.
func (s *Store) reached(r *reader, entries *index.Entries, p model.Post) error {
	posts := r.tx.Bucket(bucketPosts)
	var was model.Post
	if ok, err := getJSON(posts, idKey(p.ID), &was); err != nil || !ok || was.Kind != model.Context || !p.Kind.Inbound() {
		return nil // damaged (check reports it), or nothing to change
	}
	if err := s.unindexPost(r.tx, was); err != nil {
		return err
	}
	was.Kind = p.Kind
	if err := putJSON(posts, idKey(was.ID), was); err != nil {
		return err
	}
	terms := search.IndexEntriesWith(r.doc(was), &s.stems)
	fileEntries(entries, was, terms)
	prev, found, err := r.conversation(was.ConversationID)
	if err != nil || !found {
		return err
	}
	c := prev
	if err := fileInbound(r.tx, &c, was, was.ID >= c.LastPostID, asks(terms)); err != nil {
		return err
	}
	r.change(&prev, c)
	return nil
}
