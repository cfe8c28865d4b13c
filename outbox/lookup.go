package outbox

import (
	"context"
	"slices"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
)

// lookBack is how long before an item was first handed to X its copy is
// looked for, for clocks that disagree.
const lookBack = 10 * time.Minute

// dmLookupPages and dmLookupSize bound a DM look-up: each DM event read
// costs $0.01, and the DM looked for is among the newest.
const (
	dmLookupPages = 3
	dmLookupSize  = 10
)

// lookup looks on X for an item that may have arrived: a reply among the
// account's posts since it was first handed to X, a DM among the newest
// messages of its conversation. It returns X's copy, or a zero post when
// X does not have it. A copy already recorded for another item does not
// count.
func (s *Sender) lookup(ctx context.Context, it store.Item) (model.Post, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	since := it.SendingSince.Add(-lookBack)
	if it.DM {
		return s.lookupDM(ctx, it, since)
	}
	posts, err := s.client.RecentPosts(ctx, s.account.ID, model.SnowflakeID(since, 0))
	if err != nil {
		return model.Post{}, err
	}
	versions := s.parent(it).Versions() // edited since: the reply went to one of them
	for _, p := range posts {
		if slices.Contains(versions, p.InReplyToID) && s.isCopy(it, p) {
			p.Kind = model.Reply
			return p, nil
		}
	}
	return model.Post{}, nil
}

// lookupDM pages through the DM conversation, newest first, down to since.
func (s *Sender) lookupDM(ctx context.Context, it store.Item, since time.Time) (model.Post, error) {
	q := network.DMQuery{With: it.Recipient, Max: dmLookupSize}
	for range dmLookupPages {
		page, err := s.client.DMEvents(ctx, q)
		if err != nil {
			return model.Post{}, err
		}
		for _, p := range page.Posts {
			if p.AuthorID == s.account.ID && s.isCopy(it, p) {
				return p, nil
			}
			if !p.CreatedAt.IsZero() && p.CreatedAt.Before(since) {
				return model.Post{}, nil
			}
		}
		if page.NextToken == "" || page.NextToken == q.Token {
			break
		}
		q.Token = page.NextToken
	}
	return model.Post{}, nil
}

// isCopy reports whether p, found on X, is it's copy: the same text as X
// rewrites it, and not already the copy of another item.
func (s *Sender) isCopy(it store.Item, p model.Post) bool {
	if !s.client.SameText(it.Text, p.Text) {
		return false
	}
	other, found, err := s.store.SentAs(p.ID)
	return err == nil && (!found || other.ID == it.ID)
}
