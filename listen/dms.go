package listen

import (
	"context"
	"fmt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// DMSource names the DM cursor in the store, and the source that reads
// DMs.
const DMSource = model.DMSource

// The DM page sizes. GET /2/dm_events has no since_id, so every read
// starts again at the newest event and reads its first page again: a
// small page keeps what a quiet poll re-reads (and X bills once a day)
// small. The first read takes X's largest, for the backfill.
const (
	dmPollPage  = 5
	dmFirstPage = 100
)

// dmsDue reports whether the DMs are to be read in this sync, and if so
// sets when they are next due.
func (p *Poller) dmsDue() bool {
	now := p.opts.Now()
	if p.opts.DMInterval <= 0 || p.dmRefused != "" || now.Before(p.dmDue) {
		return false
	}
	p.dmDue = now.Add(p.opts.DMInterval)
	return true
}

// syncDMs reads the account's new DM events, newest first, and stores
// each in its one-to-one DM conversation. X gives no since_id, so paging
// stops at the first event at or below the cursor (less Overlap, as for
// posts: events can show up late), which is the newest event an earlier
// DM sync read down to. The cursor is the DM source's own: a DM the
// outbox sent is stored too, but a sync that stopped at it would skip a
// customer's older DM not yet read. The cursor moves only when the pages
// down to it are stored; a first read takes the 30 days X keeps, at most
// Backfill events.
func (p *Poller) syncDMs(ctx context.Context) (Result, error) {
	ctx = spend.WithSource(ctx, p.scoped(DMSource))
	cursor, err := p.store.Cursor(p.scoped(DMSource))
	if err != nil {
		return Result{}, err
	}
	floor := sinceWithOverlap(cursor)
	res := Result{Sources: []SourceResult{{Name: p.scoped(DMSource)}}}
	seen := map[string]bool{}
	highest, q, read := cursor, network.DMQuery{Max: dmPollPage}, 0
	if cursor == 0 {
		q.Max = dmFirstPage
	}
	for {
		if err := p.checkBudget(); err != nil { // page by page, as syncSource
			return res, err
		}
		page, err := p.client.DMEvents(ctx, q)
		if err != nil {
			return res, err
		}
		res.Pages++
		fresh, reached := p.newDMs(page.Posts, floor)
		read += len(fresh)
		highest = max(highest, min(highestID(page), p.ceiling()))
		res.Cut = p.cut(page, seen, res.Pages)
		if res.Cut == "" && cursor == 0 && read >= p.opts.Backfill && page.NextToken != "" && !reached {
			res.Cut = fmt.Sprintf("first read of %s: the newest %d DMs (backfill)", DMSource, read)
		}
		last := reached || page.NextToken == "" || res.Cut != ""
		if err := p.storeDMs(ctx, &res, page, fresh, last, highest); err != nil {
			return res, err
		}
		if last {
			return res, nil
		}
		q.Token = page.NextToken
	}
}

// newDMs are the events of a page above floor, as the account's (sent)
// or someone's to it, found by the DM source; reached says the page went
// down to floor.
func (p *Poller) newDMs(events []model.Post, floor uint64) (fresh []model.Post, reached bool) {
	for _, e := range events {
		if e.ID <= floor && floor != 0 {
			reached = true
			continue
		}
		e.Kind, e.Sources = model.DMIn, []string{DMSource}
		e.ConversationID = model.DMConversation(e.AuthorID)
		if e.AuthorID == p.account.ID {
			e.Kind, e.ConversationID = model.DMSent, model.DMConversation(e.InReplyToUser)
		}
		fresh = append(fresh, e)
	}
	return fresh, reached
}

// storeDMs stores a page's new events and people; the last page moves
// the cursor in the same transaction.
func (p *Poller) storeDMs(ctx context.Context, res *Result, page network.Page, fresh []model.Post, last bool, highest uint64) error {
	b := store.Batch{Posts: fresh, Users: page.Users, Account: p.account.ID}
	if last {
		b.Source, b.Cursor = p.scoped(DMSource), highest
		b.SyncedSource, b.Synced = p.scoped(DMSource), p.opts.Now()
	}
	added, err := p.store.Put(b)
	if err != nil {
		return err
	}
	res.New += len(added)
	res.Sources[0].New += len(added)
	res.Reread += len(page.Posts) - len(added)
	res.Skipped = append(res.Skipped, page.Skipped...)
	if len(added) > 0 {
		p.emit(ctx, Arrived{Posts: added})
	}
	return nil
}
