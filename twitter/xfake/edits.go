package xfake

import (
	"slices"
	"time"

	"github.com/harkhq/hark/model"
)

// EditPost edits a post as its author would in X's app: the new version
// is a new post with a new id, in the same conversation and answering
// the same post, and every version names all the others in
// edit_history_tweet_ids. Timelines and searches show only the newest
// version; a look-up by id still answers every one. It returns the new
// version, or false when the post is unknown or not its chain's newest.
// The new version is pushed as the new post it is.
func (s *Server) EditPost(id uint64, text string) (model.Post, bool) {
	s.mu.Lock()
	next, ok := s.data.edit(id, text, s.opts.Clock())
	if ok {
		s.announcePost(next)
	}
	s.mu.Unlock()
	s.flushEvents()
	return next, ok
}

func (d *store) edit(id uint64, text string, now time.Time) (model.Post, bool) {
	old, ok := d.posts[id]
	if !ok || old.Latest != 0 {
		return model.Post{}, false
	}
	next := old
	next.CreatedAt = now.UTC().Truncate(time.Millisecond)
	d.seq++
	next.ID, next.Text = model.SnowflakeID(next.CreatedAt, d.seq), text
	next.Edits = append(slices.Clone(old.Edits), old.ID)
	for _, v := range next.Edits {
		p := d.posts[v]
		p.Latest, p.Edits = next.ID, slices.DeleteFunc(append(slices.Clone(next.Edits), next.ID), func(x uint64) bool { return x == v })
		d.posts[v] = p
	}
	d.posts[next.ID] = next
	return next, true
}

// shown reports whether timelines and searches show p: not an earlier
// version of an edited post.
func shown(p model.Post) bool { return p.Latest == 0 }

// editHistory is p's edit_history_tweet_ids: every version, oldest first.
func editHistory(p model.Post) []string {
	var ids []string
	for _, v := range p.Versions() {
		ids = append(ids, model.FormatID(v))
	}
	return ids
}
