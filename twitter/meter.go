package twitter

import (
	"context"

	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
)

// meter tells the client's Meter what a successful call billed. X bills
// per resource returned, failed requests are free: so only answers that
// were read are metered, and what they held is what is counted.
func (c *Client) meter(ctx context.Context, uses []spend.Use) {
	if c.opts.Meter != nil && len(uses) > 0 {
		c.opts.Meter(ctx, uses)
	}
}

// pageUses is what a page of posts billed: its posts as kind (owned or
// post reads), the posts it refers to as post reads and its people as
// user reads. A record hark could not read was still returned, so it is
// counted too, at the higher price where its kind is unsure.
func pageUses(p network.Page, kind spend.Kind) []spend.Use {
	uses := make([]spend.Use, 0, len(p.Posts)+len(p.Referenced)+len(p.Users)+len(p.Skipped))
	for _, post := range p.Posts {
		uses = append(uses, spend.Use{Kind: kind, ID: post.ID})
	}
	for _, post := range p.Referenced {
		uses = append(uses, spend.Use{Kind: spend.PostRead, ID: post.ID})
	}
	for _, u := range p.Users {
		uses = append(uses, spend.Use{Kind: spend.UserRead, ID: u.ID})
	}
	for _, s := range p.Skipped {
		switch s.Kind {
		case "user":
			uses = append(uses, spend.Use{Kind: spend.UserRead, ID: s.ID})
		case "DM":
			uses = append(uses, spend.Use{Kind: spend.DMRead, ID: s.ID})
		default:
			uses = append(uses, spend.Use{Kind: spend.PostRead, ID: s.ID})
		}
	}
	return uses
}

// ownedKind is the kind of a post read through an owned endpoint.
func (c *Client) ownedKind() spend.Kind {
	if c.opts.NotAppOwner {
		return spend.PostRead
	}
	return spend.OwnedRead
}

// one is a call billed as one request of kind.
func one(kind spend.Kind) []spend.Use { return []spend.Use{{Kind: kind}} }
