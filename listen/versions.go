package listen

import (
	"context"
	"slices"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// maxVersionLookups bounds the earlier versions read for one page: X
// allows five edits a post, and a page with more edited posts than this
// is not a shop's day (the rest show "edited" without the earlier text).
const maxVersionLookups = 100

// earlierVersions reads, for the edited posts of a page, the versions
// hark holds neither as posts nor as versions of one (the page names
// them in edit_history_tweet_ids), in one look-up of post reads: X's
// timelines show only a post's newest version, and what a customer said
// before an edit is theirs to have said. They are stored with the page
// as versions of their posts (one post per edit chain, see store).
// Versions X does not give are left: the post still says it was edited.
func (p *Poller) earlierVersions(ctx context.Context, page network.Page) ([]model.Post, error) {
	var want []uint64
	for _, post := range page.Posts {
		for _, v := range post.Edits {
			if v < post.ID && !slices.Contains(want, v) && len(want) < maxVersionLookups {
				want = append(want, v)
			}
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	stored, err := p.store.Stored(want)
	if err != nil {
		return nil, err
	}
	want = slices.DeleteFunc(want, func(id uint64) bool { return stored[id] }) // asked once: a version named by a post hark holds was
	if len(want) == 0 {
		return nil, nil
	}
	got, err := p.client.Posts(ctx, want)
	if err != nil {
		return nil, err
	}
	return p.ownership(slices.DeleteFunc(got.Posts, func(v model.Post) bool { return !slices.Contains(want, v.ID) }), false), nil
}
