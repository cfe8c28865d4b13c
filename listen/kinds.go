package listen

import (
	"slices"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// context are the posts a page refers to (the posts its posts answer or
// quote) that are not on it: the shop's are its replies; anyone else's
// are context, which reached no one at the shop, except on a page of
// the shop's own posts (answered): a post the shop answered reached it,
// a mention if it names the shop, else a post heard (the owner found it
// in X's app). They come first, so that a conversation's older posts are
// filed before the newer.
func (p *Poller) context(referenced, found []model.Post, answered bool) []model.Post {
	var out []model.Post
	for _, r := range referenced {
		if slices.ContainsFunc(found, func(f model.Post) bool { return f.ID == r.ID }) {
			continue // the page has it itself, as what it is
		}
		switch {
		case p.ours(r):
			r.Kind = model.Reply
		case answered && network.Answerable(r, p.account):
			r.Kind = model.Mention
		case answered:
			r.Kind = model.Heard
		default:
			r.Kind = model.Context
		}
		out = append(out, r)
	}
	return out
}

// ownership marks each post as ours (a reply) or someone else's: a
// mention, or, for a source that hears, a post that does not mention the
// shop (network.Answerable: X takes a public reply only to those
// that do).
func (p *Poller) ownership(posts []model.Post, hears bool) []model.Post {
	for i := range posts {
		switch {
		case p.ours(posts[i]):
			posts[i].Kind = model.Reply
		case hears && !network.Answerable(posts[i], p.account):
			posts[i].Kind = model.Heard
		default:
			posts[i].Kind = model.Mention
		}
	}
	return posts
}

// ours reports a post by one of the shop's accounts.
func (p *Poller) ours(post model.Post) bool {
	return post.AuthorID == p.account.ID || slices.Contains(p.opts.Ours, post.AuthorID)
}
