package listen

import (
	"context"
	"slices"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// filed is a page made ready to store: the page, what complete found for
// it, and how many posts the network sent on it.
type filed struct {
	page              network.Page
	earlier, versions []model.Post
	saved             []spend.Use
	sent              int
}

// put stores a page read from src in one transaction (the last page of a
// sync also moves the cursor to highest), counts it in res, says what it
// skipped, and tells what arrived.
func (p *Poller) put(ctx context.Context, src source, f filed, last bool, highest uint64, res *Result) ([]model.Post, error) {
	b := p.batch(src, f.page, last, highest)
	b.Posts = slices.Concat(f.earlier, b.Posts, f.versions) // the oldest first; an edit's newest version before its earlier ones
	b.Spend = store.SpendCount{At: p.opts.Now(), Source: spend.Source(ctx), Uses: f.saved}
	added, err := p.store.Put(b)
	if err != nil {
		return nil, err
	}
	res.New += len(added)
	res.Sources[0].New += len(added)
	res.Reread += f.sent - countIn(added, f.page.Posts)
	res.Skipped = append(res.Skipped, f.page.Skipped...)
	for _, s := range f.page.Skipped {
		p.opts.Log.Warn("skipped a record the network sent", "network", p.title(), "kind", s.Kind, "raw_id", s.RawID, "reason", s.Reason)
	}
	if len(added) > 0 {
		p.emit(ctx, Arrived{Posts: added})
	}
	return added, nil
}

// batch is what a page stores; the last page also moves the cursor.
func (p *Poller) batch(src source, page network.Page, last bool, highest uint64) store.Batch {
	found := make([]model.Post, len(page.Posts))
	for i, post := range page.Posts {
		post.Sources = []string{src.label}
		found[i] = post
	}
	b := store.Batch{Users: page.Users, Account: p.account.ID, SourcePrefix: p.sourcePrefix()}
	if src.dms {
		b.Posts = p.asDMs(found)
	} else {
		b.Posts = append(p.context(page.Referenced, found, src.name == OwnSource), p.ownership(found, src.hears)...)
	}
	if last {
		b.Source, b.Cursor, b.NetCursor = p.scoped(src.name), highest, page.Cursor
		b.SyncedSource, b.Synced = p.scoped(src.label), p.opts.Now()
	}
	return b
}

// countIn counts the posts of page that are among added.
func countIn(added, page []model.Post) int {
	ids := make(map[uint64]bool, len(added))
	for _, a := range added {
		ids[a.ID] = true
	}
	n := 0
	for _, post := range page {
		if ids[post.ID] {
			n++
		}
	}
	return n
}
