package listen

import (
	"context"
	"errors"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
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

// dmSource reads the account's DM events, newest first, each filed in
// its one-to-one DM conversation. X gives no since_id, so paging stops
// at the first event at or below the cursor (less Overlap, as for posts:
// events can show up late), which is the newest event an earlier DM sync
// read down to. The cursor is the DM source's own: a DM the outbox sent
// is stored too, but a sync that stopped at it would skip a customer's
// older DM not yet read. A first read takes the 30 days X keeps, at most
// Backfill events. When X refuses the app's DM permission, no DM read
// helps until it changes: the DMs stop.
func (p *Poller) dmSource() source {
	return source{name: DMSource, label: DMSource, dms: true, backfills: true, group: restDMs,
		fetch: func(ctx context.Context, since uint64, token string) (network.Page, error) {
			q := network.DMQuery{Max: dmPollPage, Token: token, SinceID: since}
			if since == 0 {
				q.Max = dmFirstPage
			}
			if token == "" { // a network's own cursor goes on from the last read stored
				var err error
				if q.Cursor, err = p.store.NetCursor(p.scoped(DMSource)); err != nil {
					return network.Page{}, err
				}
			}
			return p.client.DMEvents(ctx, q)
		},
		refused: func(err error) bool {
			if !errors.Is(err, network.ErrNoDMPermission) {
				return false
			}
			p.dmRefused = err.Error()
			p.opts.Log.Warn("the network refuses the app's DM reads: DMs stop", "network", p.title(), "reason", err)
			return true
		}}
}

// asDMs files events as the account's (sent) or someone's to it, each
// in its one-to-one DM conversation.
func (p *Poller) asDMs(events []model.Post) []model.Post {
	for i, e := range events {
		e.Kind, e.ConversationID = model.DMIn, model.DMConversation(e.AuthorID)
		if e.AuthorID == p.account.ID {
			e.Kind, e.ConversationID = model.DMSent, model.DMConversation(e.InReplyToUser)
		}
		events[i] = e
	}
	return events
}
