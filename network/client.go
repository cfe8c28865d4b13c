package network

import (
	"context"

	"github.com/harkhq/hark/model"
)

// MaxLookup is the most ids the core hands one Users or Posts look-up:
// X's most. An adapter whose network takes fewer splits them.
const MaxLookup = 100

// Client is one of the shop's accounts signed in to a network: what it
// reads and what it writes. Its methods are safe for concurrent use;
// what the network bills is counted by the adapter (see spend.Meter).
type Client interface {
	Reader
	Writer
}

// Reader is what the core reads from a network for an account.
type Reader interface {
	// Me is the account the credentials belong to.
	Me(ctx context.Context) (model.User, error)
	// Mentions is a page of the posts that mention the account.
	Mentions(ctx context.Context, account uint64, q MentionsQuery) (Page, error)
	// OwnPosts is a page of the posts the account made, wherever it
	// made them (the network's own app included).
	OwnPosts(ctx context.Context, account uint64, q MentionsQuery) (Page, error)
	// SearchRecent is a page of the recent posts that match a query.
	SearchRecent(ctx context.Context, q SearchQuery) (Page, error)
	// DMEvents is a page of DM events, newest first: of the
	// conversation with q.With, or of all. Each is a post whose
	// InReplyToUser is the person it went to; its kind and conversation
	// are left to the caller, who knows which account is ours.
	DMEvents(ctx context.Context, q DMQuery) (Page, error)
	// Posts looks posts up by id (at most MaxLookup); those the network
	// does not send are said in the page's Errors.
	Posts(ctx context.Context, ids []uint64) (Page, error)
	// Users looks people up by id (at most MaxLookup).
	Users(ctx context.Context, ids []uint64) ([]model.User, error)
}

// Writer is what the core writes to a network for an account, and how
// it finds what it wrote when a send's answer was lost.
type Writer interface {
	// Reply posts text in answer to a post and returns the post as the
	// network made it: its id, text and time (author, kind and thread
	// are the core's to fill in). SendDM likewise.
	Reply(ctx context.Context, inReplyTo uint64, text string) (model.Post, error)
	// SendDM sends text to a person.
	SendDM(ctx context.Context, to uint64, text string) (model.Post, error)
	// Delete removes one of the account's posts.
	Delete(ctx context.Context, id uint64) error
	// RecentPosts are the account's own posts newer than sinceID, to
	// find a send whose answer was lost.
	RecentPosts(ctx context.Context, account, sinceID uint64) ([]model.Post, error)
	// SameText reports whether theirs, a post as the network shows it,
	// is the text the account sent as ours (the network may rewrite
	// links and white space).
	SameText(ours, theirs string) bool
}
