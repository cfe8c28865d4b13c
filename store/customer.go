package store

import (
	"cmp"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// CustomerFile is what the shop knows of one person.
type CustomerFile struct {
	User      model.User
	FirstSeen time.Time
	// Conversations are every conversation with them, newest first, with
	// their newest posts.
	Conversations []Row
	Notes         []Note
	// MedianFirstResponse is the median time from their first post in a
	// conversation to our first reply after it, over Answered
	// conversations.
	MedianFirstResponse time.Duration
	Answered            int
}

// Customer gathers a person's file.
func (s *Store) Customer(userID uint64) (CustomerFile, error) {
	var f CustomerFile
	var responses []time.Duration
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := getJSON(tx.Bucket(bucketUsers), idKey(userID), &f.User); err != nil {
			return err
		}
		r, err := s.index.Read(tx)
		if err != nil {
			return err
		}
		convIDs := r.All(customerTerm(userID))
		if err := r.Err(); err != nil { // a damaged waiting segment
			return err
		}
		for _, convID := range convIDs {
			conv, found, err := loadConversation(tx, convID)
			if err != nil {
				return err
			}
			if !found {
				continue // purged
			}
			row, err := rowOf(tx, pairKey(conv.SortKey, convID), conv) // conv is read once
			if err != nil {
				return err
			}
			f.Conversations = append(f.Conversations, row)
			first, response, ok := firstResponse(tx, convID, userID)
			if f.FirstSeen.IsZero() || first.Before(f.FirstSeen) {
				f.FirstSeen = first
			}
			if ok {
				responses = append(responses, response)
			}
		}
		return nil
	})
	if err != nil {
		return f, err
	}
	slices.SortFunc(f.Conversations, func(a, b Row) int { return cmp.Compare(b.Conversation.SortKey, a.Conversation.SortKey) })
	f.Answered, f.MedianFirstResponse = len(responses), median(responses)
	f.Notes, err = s.PersonNotes(userID)
	return f, err
}

// firstResponse finds the person's first post in a conversation and how
// long our first reply after it took.
func firstResponse(tx *bolt.Tx, convID, userID uint64) (first time.Time, response time.Duration, ok bool) {
	posts := tx.Bucket(bucketPosts)
	eachPostID(tx, convID, func(id uint64) {
		if ok {
			return
		}
		var p model.Post
		if found, err := getJSON(posts, idKey(id), &p); err != nil || !found {
			return
		}
		switch {
		case first.IsZero() && p.AuthorID == userID:
			first = p.CreatedAt
		case !first.IsZero() && p.Kind.Ours():
			response, ok = p.CreatedAt.Sub(first), true
		}
	})
	return first, response, ok
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	if n := len(ds); n%2 == 0 {
		return (ds[n/2-1] + ds[n/2]) / 2
	}
	return ds[len(ds)/2]
}
