package report

import (
	"context"
	"time"

	"github.com/harkhq/hark/store"
)

// maxOpen bounds the inbox conversations a report reads for the backlog:
// past it the count is still exact, the longest waits are of the oldest
// read.
const maxOpen = 100_000

// FromStore makes the report of [from, to) as seen at now from the
// store: the posts from Lookback before the period (their stamps, never
// their text), the states of the conversations they name, and the inbox.
// It ends early with ctx.
func FromStore(ctx context.Context, st *store.Store, s Settings, from, to, now time.Time) (Report, error) {
	b := NewBuilder(s, from, to, now)
	err := st.EachStampBetween(ctx, from.Add(-Lookback), to, func(p store.PostStamp) {
		b.Add(Item{Conv: p.ConversationID, At: p.CreatedAt, Kind: p.Kind})
	})
	if err != nil {
		return Report{}, err
	}
	states := map[uint64]Conv{}
	for id, c := range b.convs {
		if c.started.IsZero() {
			continue // only the conversations begun in the period are read
		}
		conv, found, err := st.Conversation(id)
		if err != nil {
			return Report{}, err
		}
		if found {
			states[id] = convOf(conv)
		}
	}
	inbox, err := st.ConversationsIn(store.ViewInbox, maxOpen)
	if err != nil {
		return Report{}, err
	}
	open := make([]Conv, len(inbox))
	for i, c := range inbox {
		open[i] = convOf(c)
	}
	r := b.Finish(func(id uint64) (Conv, bool) { c, ok := states[id]; return c, ok }, open)
	counts, err := st.Counts()
	if err == nil {
		r.OpenNow = counts.ByView[store.ViewInbox]
	}
	return r, err
}

// convOf is what a report reads of a stored conversation.
func convOf(c store.Conversation) Conv {
	return Conv{
		ID:     c.ID,
		Status: string(c.Status),
		Tags:   c.Tags,
		DoneAt: c.DoneAt,
		LastAt: c.LastAt,
	}
}
