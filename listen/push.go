package listen

import (
	"context"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
)

// StorePushed stores a page the network pushed as a page of the source a
// poll would read it from (the mentions, the own posts, the DMs): filed,
// completed (a mention's thread, its people) and deduplicated by id as a
// polled page is, in one transaction, and told as it arrives. It never
// moves a cursor: what the push missed while disconnected, the next poll
// reads. Posts the network says were deleted are removed, as a look-up
// that finds them gone removes them. A page of no source hark reads only says what it skipped; a
// page for another account is not this poller's, and is left alone.
func (p *Poller) StorePushed(ctx context.Context, pushed network.Pushed) (Result, error) {
	if pushed.Account != 0 && pushed.Account != p.account.ID {
		return Result{}, nil
	}
	if len(pushed.Deleted) > 0 {
		_, err := p.store.AuthorDeleted(pushed.Deleted, DeletedReason)
		return Result{}, err
	}
	src, ok := p.pushedSource(pushed.Source)
	if !ok {
		for _, s := range pushed.Page.Skipped {
			p.opts.Log.Warn("skipped a pushed record", "network", p.title(), "kind", s.Kind, "raw_id", s.RawID, "reason", s.Reason)
		}
		return Result{Skipped: pushed.Page.Skipped}, nil
	}
	ctx = spend.WithSource(ctx, p.scoped(src.label))
	cursor, err := p.store.Cursor(p.scoped(src.name))
	if err != nil {
		return Result{}, err
	}
	page := pushed.Page
	var deferred []model.Post
	earlier, versions, saved, err := p.complete(ctx, src, &page, cursor, &deferred)
	if err != nil {
		return Result{}, err // nothing stored: the next poll reads it
	}
	res := Result{Sources: []SourceResult{{Name: p.scoped(src.label)}}}
	_, err = p.put(ctx, src, filed{page, earlier, versions, saved, len(page.Posts)}, false, 0, &res)
	return res, err
}

// pushedSource is the source a pushed page belongs to.
func (p *Poller) pushedSource(name string) (source, bool) {
	switch name {
	case MentionsSource:
		return p.mentionSource(), true
	case OwnSource:
		return p.ownSource(), true
	case DMSource:
		return p.dmSource(), true
	}
	return source{}, false
}
