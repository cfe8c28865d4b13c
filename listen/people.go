package listen

import (
	"context"
	"slices"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
)

// DefaultPeopleRefresh is how long hark keeps a person before reading
// them again: a handle or a name changes rarely, and X bills each person
// each UTC day they are read.
const DefaultPeopleRefresh = 7 * 24 * time.Hour

// people are the authors of a page's posts (and of the posts it refers
// to) that hark does not know, or read longer ago than PeopleRefresh,
// read from X in look-ups of at most network.MaxLookup. The mentions and
// searches expand no people: on a real corpus four fifths of a first
// sync's cost was people X billed again each day they appeared.
// The people it knew and did not read are returned as saved, to be
// counted with the page (spend.PersonKnown).
func (p *Poller) people(ctx context.Context, page network.Page) (users []model.User, saved []spend.Use, err error) {
	ids := authors(page)
	if len(ids) == 0 {
		return nil, nil, nil
	}
	known, err := p.store.People(ids)
	if err != nil {
		return nil, nil, err
	}
	refresh := p.opts.PeopleRefresh
	if refresh <= 0 {
		refresh = DefaultPeopleRefresh
	}
	var need []uint64
	for _, id := range ids {
		switch u, ok := known[id]; {
		case id == p.account.ID:
			users = append(users, p.account) // the account itself: hark has it from X already
		case !ok || p.opts.Now().Sub(u.ReadAt) > refresh:
			need = append(need, id)
		default:
			saved = append(saved, spend.Use{Kind: spend.PersonKnown, ID: id})
		}
	}
	for chunk := range slices.Chunk(need, network.MaxLookup) {
		read, err := p.client.Users(ctx, chunk)
		if err != nil {
			return nil, nil, err
		}
		users = append(users, read...)
	}
	return users, saved, nil
}

// authors are the distinct authors of a page's posts and of the posts it
// refers to, in the page's order.
func authors(page network.Page) []uint64 {
	var ids []uint64
	for _, list := range [][]model.Post{page.Posts, page.Referenced} {
		for _, post := range list {
			if post.AuthorID != 0 && !slices.Contains(ids, post.AuthorID) {
				ids = append(ids, post.AuthorID)
			}
		}
	}
	return ids
}
