package listen

import (
	"context"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// OwnSource names the cursor of the account's own posts, and the source
// that finds them.
const OwnSource = model.OwnSource

// ownSource reads the account's own timeline: every reply it made, from
// hark or from X's app, is filed in its conversation as hark's own are
// (the conversation waits, the report counts the answer); a post hark
// sent and reads back is the same post, stored once. Its first read goes
// back OwnBackfill; X serves the newest 3,200 and bills owned reads. A
// reply to a conversation hark does not hold, and an original post,
// begin a conversation of the shop's alone (store.StatusOwn): no inbox
// row until someone answers.
func (p *Poller) ownSource() source {
	return source{name: OwnSource, label: OwnSource, fetch: func(ctx context.Context, since uint64, token string) (network.Page, error) {
		q := network.MentionsQuery{SinceID: since, Token: token, Max: 100}
		if since == 0 {
			q.Start = p.opts.Now().Add(-p.opts.OwnBackfill)
		}
		return p.client.OwnPosts(ctx, p.account.ID, q)
	}}
}
