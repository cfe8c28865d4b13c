// Package network is the contract a social network's adapter meets, so
// that the core (store, search, listen, outbox, the TUI) asks the
// network's own client and rules instead of knowing X's:
//
//   - Client (Reader, Writer): what an account reads — its mentions, its
//     own posts, searches, DMs, look-ups of posts and people, a page at a
//     time — and what it writes (a reply, a DM, a delete), with the look-up
//     that finds a send whose answer was lost.
//   - the kinds of refusal the core acts on (ErrUnauthorized, a rate
//     limit, a transient failure, a send that may have arrived, ...),
//     which an adapter's errors wrap or declare by method.
//   - Rules: how a post is counted and limited, how links look, how the
//     network is named and where it shows a post and a person; registered
//     by name (Register) from the adapter's counter.
//   - Adapter: how an account is reached (Connect), signed in from a
//     terminal (SignIn), checked by hark doctor (Check), and the network's
//     stand-in for the demo (Demo); provided by name (Provide) from the
//     adapter's client package.
//
// X's adapter implements it: twitter (its client and adapter) and
// twitter/text (its rules). Prices are still X's (see ARCHITECTURE.md).
package network

import "github.com/harkhq/hark/model"

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

// Rules are how a network counts and limits a post, how its links
// look, and how it is named and addressed to a person. An adapter's
// rules hold no state and are safe for concurrent use.
type Rules interface {
	// Count counts text as a post.
	Count(text string) Count
	// CountDM counts text as a direct message (X: 10,000 characters).
	CountDM(text string) Count
	// Links are the byte spans [start, end) of the links in text as the
	// network sees them (X: with or without a scheme, on a known TLD).
	Links(text string) [][2]int
	// Title is the network's name as a person says it ("X").
	Title() string
	// Mark is the network's short mark on rows and posts when the shop is
	// on more than one network: 1 to 4 cells ("X", "bsky").
	Mark() string
	// PostURL is where the network shows a post; false for one it shows
	// nowhere (a DM).
	PostURL(p model.Post) (string, bool)
	// ProfileURL is where the network shows a person.
	ProfileURL(u model.User) string
	// Answerable reports whether the network takes a public reply to p
	// from account (a DM is answered by DM).
	Answerable(p model.Post, account model.User) bool
}
