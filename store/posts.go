package store

import (
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/hints"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store/internal/index"
)

// Batch is one write: posts and the people in them, and optionally a
// cursor to move in the same transaction.
type Batch struct {
	Posts []model.Post
	Users []model.User
	// Source and Cursor, when Cursor is not 0, move the named source's
	// cursor forward to Cursor.
	Source string
	Cursor uint64
	// NetCursor, when not "", is the network's own position where the
	// read this batch ends stopped (Bluesky's chat log): kept with the
	// source, in the same transaction as what the read found.
	NetCursor string
	// Synced, when not zero, says the batch ends a sync of the source
	// named SyncedSource that read X to the end, at that time.
	Synced       time.Time
	SyncedSource string
	// Account is the shop's account whose source read the batch: a
	// conversation the batch begins belongs to it.
	Account uint64
	// SourcePrefix names that account's sources when it is not the
	// database's own ("@NAME:"): the posts it found count under its
	// sources (hark sources), though they carry the plain source name
	// (source:mentions finds every account's).
	SourcePrefix string
	// Spend is counted in the batch's transaction (see CountSpend): the
	// people the page named whom hark knew and did not read
	// (spend.PersonKnown), for hark usage to say what that saved.
	Spend SpendCount
}

// SpendCount is what to count with CountSpend: at, to source, uses.
type SpendCount struct {
	At     time.Time
	Source string
	Uses   []spend.Use
}

// Put stores a batch in one transaction and returns the posts that were
// new; a post already stored is left as it is, so nothing is stored twice.
func (s *Store) Put(b Batch) ([]model.Post, error) {
	var added []model.Post
	err := s.update(func(tx *bolt.Tx) error {
		for _, u := range b.Users {
			if err := s.putUser(tx, u); err != nil {
				return err
			}
		}
		if err := countSpend(tx, b.Spend.At, b.Spend.Source, b.Spend.Uses); err != nil {
			return err
		}
		var err error
		if added, err = s.putPosts(tx, b.Posts, b.Account, b.SourcePrefix); err != nil {
			return err
		}
		if err := s.applyRules(tx, added, time.Now()); err != nil {
			return err
		}
		if err := s.queueForHook(tx, added); err != nil {
			return err
		}
		if b.SyncedSource != "" {
			if err := noteSources(tx, map[string]int{}, b.SyncedSource, b.Synced); err != nil {
				return err
			}
		}
		if b.NetCursor != "" && b.Source != "" {
			if err := tx.Bucket(bucketCursors).Put(netCursorKey(b.Source), []byte(b.NetCursor)); err != nil {
				return err
			}
		}
		if b.Cursor != 0 {
			cursors := tx.Bucket(bucketCursors)
			if getUint(cursors, b.Source) < b.Cursor {
				return putUint(cursors, b.Source, b.Cursor)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storing posts: %w", err)
	}
	return added, nil
}

// inConversation gives a post that starts a conversation its own id as
// the conversation's.
func inConversation(p model.Post) model.Post {
	if p.ConversationID == 0 {
		p.ConversationID = p.ID
	}
	return p
}

// putPosts stores the posts not stored yet (see putPost), indexes them,
// and returns them, their conversations set. This is the one way posts
// come in: from X (Put) and from the outbox (MarkSent).
func (s *Store) putPosts(tx *bolt.Tx, posts []model.Post, account uint64, prefix string) ([]model.Post, error) {
	var added []model.Post
	var entries index.Entries
	found := map[string]int{}
	r := s.reader(tx)
	stored := tx.Bucket(bucketPosts)
	given := netRefsGiven(tx)
	for _, p := range posts {
		if p.On == nil && given != nil && given.Get(refKey(refPost, p.ID)) != nil {
			continue // an X id hark gave another network's post (see netIDs.id): never one key for two
		}
		p = inConversation(sameChains(tx, p))
		if stored.Get(idKey(p.ID)) != nil {
			if err := s.reached(r, &entries, p); err != nil {
				return nil, err
			}
			if err := addSources(stored, &entries, p.ID, p.Sources, found); err != nil {
				return nil, err
			}
			continue
		}
		if key := chainOf(tx, p); key != 0 { // a version of a post stored
			if err := s.fileVersion(r, &entries, key, p, found); err != nil {
				return nil, err
			}
			continue
		}
		for _, src := range p.Sources {
			found[src]++
		}
		terms := search.IndexEntriesWith(r.doc(p), &s.stems)
		if err := putPost(r, p, asks(terms), account); err != nil {
			return nil, err
		}
		if err := linkOrigin(r, p); err != nil {
			return nil, err
		}
		if err := linkVersions(tx, p.ID, p.Edits); err != nil {
			return nil, err
		}
		fileEntries(&entries, p, terms)
		added = append(added, p)
	}
	if err := r.flush(); err != nil {
		return nil, err
	}
	if prefix != "" {
		scoped := make(map[string]int, len(found))
		for src, n := range found {
			scoped[prefix+src] += n
		}
		found = scoped
	}
	if err := noteSources(tx, found, "", time.Time{}); err != nil {
		return nil, err
	}
	return added, s.index.Add(tx, entries)
}

// asks says whether a post's index entries mark it as a question.
func asks(terms []search.Entry) bool {
	return slices.ContainsFunc(terms, func(e search.Entry) bool { return e.Term == questionTerm })
}

// questionTerm is the index term of a post that asks something.
var questionTerm = search.FieldTerm(search.Field{Name: "is", Value: string(hints.Question)})

// putPost stores a new post, its conversation set (see inConversation),
// and files it in its conversation; asks tells whether it asks a
// question (its index terms say).
func putPost(r *reader, p model.Post, asks bool, account uint64) error {
	posts := r.tx.Bucket(bucketPosts)
	posts.FillPercent = appendFill
	if err := putJSON(posts, idKey(p.ID), p); err != nil {
		return err
	}
	convPosts := r.tx.Bucket(bucketConvPosts)
	convPosts.FillPercent = appendFill
	if err := convPosts.Put(pairKey(p.ConversationID, p.ID), nil); err != nil {
		return err
	}
	return fileInConversation(r, p, asks, account)
}

// fileInConversation adds a new post to its conversation: a post from
// the customer reopens it (waking it from a snooze) and is unread; our
// reply moves it to waiting, unless the owner said it is done (a reply
// that leaves the outbox after "done" does not take that back). Only
// the newest post changes the status; our reply only if made after the
// owner last set the status by hand (one read late, from X's app on the
// first read of the timeline, leaves the owner's word be).
func fileInConversation(r *reader, p model.Post, asks bool, account uint64) error {
	prev, found, err := r.conversation(p.ConversationID)
	if err != nil {
		return err
	}
	c := prev
	if !found {
		c = Conversation{ID: p.ConversationID, Status: StatusOwn} // no row until someone speaks to the shop
		if person, dm := model.IsDMConversation(c.ID); dm {
			c.CustomerID, c.Status = person, StatusOpen // a DM conversation is with them, whoever wrote first
		}
		c.Account = accountOf(r.tx, p, account)
	}
	c.Posts++
	newest := p.ID > c.LastPostID
	if newest {
		c.LastPostID, c.LastAt, c.SortKey = p.ID, p.CreatedAt, max(c.SortKey, p.ID)
	}
	switch {
	case p.Kind.Ours() && newest && replyMoves(c, p):
		c.Status = StatusWaiting
	case p.Kind.Inbound(): // a post kept for context reached no one: it opens nothing
		if err := fileInbound(r.tx, &c, p, newest, asks); err != nil {
			return err
		}
	}
	var old *Conversation
	if found {
		old = &prev
	}
	r.change(old, c)
	return nil
}

// replyMoves says whether our newest reply moves c to waiting: not when
// the owner said done, not in a conversation no one has spoken to the
// shop in, and not when it was made before the owner last set the status
// by hand (read late from the shop's timeline); hark's own send is after
// the owner's word whatever X's clock says.
func replyMoves(c Conversation, p model.Post) bool {
	return c.Status != StatusDone && c.Status != StatusOwn && (p.FoundBy(model.HarkSource) || !p.CreatedAt.Before(c.StatusSetAt))
}

// fileInbound records a post someone else made to or about the shop in
// c: unread and, when newest, reopening c and waking it. The first such
// post of a conversation gives it its status (heard for a heard post,
// else open); after that a heard post (not addressed to the shop)
// changes no status and wakes nothing. (The index lists c under its
// author.)
func fileInbound(tx *bolt.Tx, c *Conversation, p model.Post, newest, asks bool) error {
	if err := tx.Bucket(bucketUnread).Put(idKey(p.ID), idKey(c.ID)); err != nil {
		return err
	}
	c.Unread++
	if c.CustomerID == 0 || newest {
		c.CustomerID = p.AuthorID
	}
	if c.Status == StatusOwn { // the first post to reach the shop here
		switch {
		case p.Kind == model.Heard:
			c.Status = StatusHeard
		case newest:
			c.Status = StatusOpen
		default: // read after the shop's answer to it (its timeline read first): answered
			c.Status = StatusWaiting
		}
	}
	if newest && p.Kind != model.Heard { // whatever the owner set: a customer's word is never missed (X's clock and ours differ)
		c.Status = StatusOpen
		c.Question = asks
		if c.Snoozed() {
			c.SnoozeUntil, c.Woken = time.Time{}, true
		}
	}
	return nil
}
