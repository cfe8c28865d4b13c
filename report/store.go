package report

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/harkhq/hark/hints"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// longest is how many of the longest waits a report lists.
const longest = 10

// FromStore makes the report of [from, to) as seen at now from the
// store: the stamps of the posts from Lookback before the period (never
// their text), the states of the conversations begun in it, and the
// inbox's longest waits. It ends early with ctx.
func FromStore(ctx context.Context, st *store.Store, s Settings, from, to, now time.Time) (Report, error) {
	b := NewBuilder(s, from, to, now)
	nets := byNetwork{new: func() *Builder { return NewBuilder(s, from, to, now) }}
	split, err := st.HasOtherNetworks() // an X-only file builds one report, as before
	if err != nil {
		return Report{}, err
	}
	add := func(it Item) {
		b.Add(it)
		if split {
			nets.add(it)
		}
	}
	readFrom := from.Add(-Lookback)
	if s.WaitsFor == WaitsForQuestions { // the hints read the text: the posts whole
		err = st.EachPostBetween(ctx, readFrom, to, func(p model.Post) {
			_, asks := hints.NeedsAnswer(p.Text)
			add(Item{Conv: p.ConversationID, At: p.CreatedAt, Kind: p.Kind, Asks: asks, Network: p.Network(), By: p.By})
		})
	} else {
		err = st.EachStampBetween(ctx, readFrom, to, func(p store.PostStamp) {
			add(Item{Conv: p.ConversationID, At: p.CreatedAt, Kind: p.Kind, Network: p.Network, By: p.By})
		})
	}
	if err != nil {
		return Report{}, err
	}
	var begun []uint64
	for id, c := range b.convs {
		if !c.started.IsZero() {
			begun = append(begun, id)
		}
	}
	marks, err := st.ConversationMarks(begun)
	if err != nil {
		return Report{}, err
	}
	waiting, err := backlog(st, b, readFrom)
	if err != nil {
		return Report{}, err
	}
	counts, err := st.Counts()
	if err != nil {
		return Report{}, err
	}
	state := func(id uint64) (Conv, bool) {
		m, ok := marks[id]
		return Conv{ID: id, Status: string(m.Status), Tags: m.Tags, DoneAt: m.DoneAt, StatusBy: m.StatusBy}, ok
	}
	r := b.Finish(state, waiting, counts.ByView[store.ViewInbox])
	r.Networks = nets.finish(state)
	return r, nil
}

// backlog finds the inbox's longest waits without reading the whole
// inbox: the conversations whose newest post is older than the posts
// read wait longest (since that post at least), and they are the oldest
// end of the inbox's list; after them, those the posts read show
// waiting, the longest first, that are in the inbox.
func backlog(st *store.Store, b *Builder, readFrom time.Time) ([]Conv, error) {
	old, err := st.OldestIn(store.ViewInbox, longest, func(c store.Conversation) bool { return c.LastAt.Before(readFrom) })
	if err != nil {
		return nil, err
	}
	out := make([]Conv, 0, longest)
	for _, c := range old {
		out = append(out, convOf(c))
	}
	if len(out) == longest {
		return out, nil
	}
	more, err := st.FirstIn(b.waitingIDs(), store.ViewInbox, longest-len(out))
	for _, c := range more {
		out = append(out, convOf(c))
	}
	return out, err
}

// waitingIDs are the conversations the posts read show waiting, the
// longest first.
func (b *Builder) waitingIDs() []uint64 {
	var ids []uint64
	for id, c := range b.convs {
		if !c.waiting.IsZero() {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(x, y uint64) int { return b.convs[x].waiting.Compare(b.convs[y].waiting) })
	return ids
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

// Waiter is who waits in one of the longest waits, and their newest
// words, for the page to show.
type Waiter struct {
	Who, Words string
}

// Waiters reads who waits in each of waits.
func Waiters(st *store.Store, waits []Wait) map[uint64]Waiter {
	out := map[uint64]Waiter{}
	for _, w := range waits {
		c, _, err := st.Conversation(w.Conv)
		if err != nil {
			continue
		}
		u, _, _ := st.User(c.CustomerID)
		p, _, _ := st.Post(c.LastPostID)
		out[w.Conv] = Waiter{Who: "@" + u.Username, Words: strings.Join(strings.Fields(p.Text), " ")}
	}
	return out
}
