package network

import "context"

// Pusher is a Client whose network also pushes what happens as it
// happens (X's activity stream). Polling stays the net: a push may be
// lost while disconnected, come twice, or come late, so what it brings is
// stored by the same path as a polled page, deduplicated by id.
type Pusher interface {
	// Push connects and hands each pushed page to each, in order, until
	// ctx ends or the connection fails or goes silent; it never returns
	// nil. connected is called once the network answered (the moment a
	// poll can fill what was missed while disconnected).
	Push(ctx context.Context, connected func(), each func(Pushed)) error
	// Follow asks the network to push the sources named (model's
	// MentionsSource, OwnSource, DMSource) of account, and no others
	// (X: its activity subscriptions, made once and repaired).
	Follow(ctx context.Context, account uint64, sources []string) error
	// Followed are the sources the network pushes for account, as hark
	// asked it (Follow).
	Followed(ctx context.Context, account uint64) ([]string, error)
	// PushKey names what the network's connection limit counts (X: an
	// app at an API address): harks whose clients share it hold one
	// connection between them; no secret is in it.
	PushKey() string
}

// Pushed is one page a network pushed.
type Pushed struct {
	// Source is the source the page belongs to, as a poll reads it
	// (model.MentionsSource, model.OwnSource, model.DMSource); "" for an
	// event of no source hark reads, whose Page holds at most skipped
	// records.
	Source string
	// Account is the account the page is for (one connection may carry
	// several accounts' events); 0 when the network did not say.
	Account uint64
	Page    Page
	// Deleted are posts the network says their author deleted: hark
	// removes them (keeping a tombstone), as X's terms ask.
	Deleted []uint64
}
