package listen

import (
	"context"
	"slices"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// DefaultContextDepth is how far up a thread hark reads the posts a
// mention answers that X did not send with it.
const DefaultContextDepth = 5

// ancestors reads, for the posts of a page, the posts they answer that
// neither the page nor the store holds, and theirs, up to ContextDepth
// levels, in look-ups of at most 100 ids (post reads). X sends the
// direct parent with a mention (includes.tweets); a longer chain (a
// customer answering a reply to the shop's old post) needs the rest to
// read as a conversation. A post X will not give (deleted, protected) is
// kept as model.Unavailable, so that it is never asked for again. A post
// whose parent is above floor is deferred (see deferAbove) and returned.
func (p *Poller) ancestors(ctx context.Context, page network.Page, floor uint64) (earlier, deferred []model.Post, err error) {
	if p.opts.ContextDepth <= 0 {
		return nil, nil, nil
	}
	level := slices.Concat(page.Posts, page.Referenced)
	have := map[uint64]bool{}
	for _, post := range level {
		have[post.ID] = true
	}
	if floor != noFloor {
		level, deferred = deferAbove(level, have, floor)
	}
	for depth := 0; depth < p.opts.ContextDepth; depth++ {
		want, err := p.missingParents(level, have)
		if err != nil || len(want) == 0 {
			return earlier, deferred, err
		}
		level = nil
		for chunk := range slices.Chunk(want, 100) {
			got, err := p.lookUp(ctx, chunk)
			if err != nil {
				return nil, nil, err
			}
			level = append(level, got...)
		}
		earlier = append(level, earlier...) // older levels first
	}
	return earlier, deferred, nil
}

// noFloor asks ancestors to read every parent missing, deferring none:
// the last page of a sync, after which no page brings them.
const noFloor = ^uint64(0)

// deferAbove takes out of posts those that answer a post above floor
// (the source's cursor) that the page lacks: a later page of the same
// sync may bring it, for an owned read instead of a post read. They are
// asked about again with the sync's last page.
func deferAbove(posts []model.Post, have map[uint64]bool, floor uint64) (now, later []model.Post) {
	for _, post := range posts {
		if parent := post.InReplyToID; parent > floor && !have[parent] {
			later = append(later, post)
		} else {
			now = append(now, post)
		}
	}
	return now, later
}

// missingParents are the posts that posts answer which are neither in
// have nor stored (and not above the shop's own posts: the own timeline
// reads those, with what they answer, for an owned read), each with the conversation and time of the post that
// answers it; each is marked in have. The store is read once.
func (p *Poller) missingParents(posts []model.Post, have map[uint64]bool) ([]model.Post, error) {
	var want []model.Post
	for _, post := range posts {
		if parent := post.InReplyToID; parent != 0 && !have[parent] && !post.Kind.Gone() && !p.ours(post) {
			have[parent] = true
			want = append(want, model.Post{ID: parent, ConversationID: post.ConversationID, CreatedAt: post.CreatedAt})
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	ids := make([]uint64, len(want))
	for i, w := range want {
		ids[i] = w.ID
	}
	stored, err := p.store.Stored(ids)
	return slices.DeleteFunc(want, func(w model.Post) bool { return stored[w.ID] }), err
}

// lookUp reads the posts wanted; those X does not give stand in the
// conversation of the post that answers them: as model.Deleted where X
// says it finds none (its author deleted it), else as model.Unavailable
// (protected, or X said nothing).
func (p *Poller) lookUp(ctx context.Context, want []model.Post) ([]model.Post, error) {
	ids := make([]uint64, len(want))
	for i, w := range want {
		ids[i] = w.ID
	}
	page, err := p.client.Posts(ctx, ids)
	if err != nil {
		return nil, err
	}
	got := p.context(page.Posts, nil, false)
	deleted := map[uint64]bool{}
	for _, e := range page.Errors {
		if id, err := model.ParseID(e.ResourceID); err == nil && e.Deleted {
			deleted[id] = true // a post another answers existed: not found now, its author deleted it
		}
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g model.Post) bool { return g.ID == w.ID }) {
			w.Kind = model.Unavailable
			if deleted[w.ID] {
				w.Kind = model.Deleted
			}
			w.CreatedAt = w.CreatedAt.Add(-1) // before the post that answers it, whenever it was
			got = append(got, w)
		}
	}
	return got, nil
}
