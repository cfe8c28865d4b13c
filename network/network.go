// Package network is the contract a social network's adapter meets, so
// that the core (store, search, outbox, the TUI) asks the network's own
// rules instead of knowing X's. Today it holds the counting rule; the
// reading, writing, identity and prices parts come with the neutral
// core (see ARCHITECTURE.md, "The plan for the neutral core"). X's
// adapter implements it in twitter/text.
package network

// Count is a text counted as a network counts a post.
type Count struct {
	// Length is what the network counts against Limit (X weighs a CJK
	// character and an emoji as two, a link as 23).
	Length int
	// Limit is the most a post may count.
	Limit int
	// Valid says the network takes the text as a post: not empty, within
	// the limit, no character it refuses.
	Valid bool
	// ValidEnd is the byte offset where the part of the text the network
	// would take ends, past the limit: beyond it is what to cut (the
	// text's length when it is within the limit).
	ValidEnd int
}

// Over says whether the text counts past the limit.
func (c Count) Over() bool { return c.Length > c.Limit }

// Rules are how a network counts and limits a post and how its links
// look. An adapter's rules hold no state and are safe for concurrent
// use.
type Rules interface {
	// Count counts text as a post.
	Count(text string) Count
	// Links are the byte spans [start, end) of the links in text as the
	// network sees them (X: with or without a scheme, on a known TLD).
	Links(text string) [][2]int
}
