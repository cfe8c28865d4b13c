// Package model holds the values every part of hark shares: posts and the
// people who write them, as hark keeps them (cleaned, ids as numbers).
package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// Kind tells whose post it is.
type Kind string

const (
	// Mention is a post by someone else that reaches the shop.
	Mention Kind = "mention"
	// Reply is a post by the shop itself.
	Reply Kind = "reply"
	// DMSent is a direct message the shop sent (from hark or from X's
	// app), kept in the DM conversation with that person.
	DMSent Kind = "dm_sent"
	// DMIn is a direct message someone sent to the shop.
	DMIn Kind = "dm"
	// Heard is a post by someone else that does not mention the shop,
	// found by one of its searches: X takes no public reply to it.
	Heard Kind = "heard"
	// Context is a post by someone else that hark holds only because a
	// post it heard answers it (X sent it with that post): it reached no
	// one at the shop, opens nothing and waits for nothing.
	Context Kind = "context"
	// Unavailable stands for a post a conversation answers that X would
	// not give (deleted, or its author's posts protected): kept, empty,
	// so that it is shown as such and never asked for again.
	Unavailable Kind = "unavailable"
	// Deleted stands for a post its author deleted (X's terms say to
	// remove it): no text, no author, only its place in the conversation.
	Deleted Kind = "deleted"
)

// Reached reports whether the post was said to the shop or by it: not
// one kept only for context, or standing for one X would not give or
// its author deleted.
func (k Kind) Reached() bool { return k != Context && k != Unavailable && k != Deleted }

// Gone reports whether the post stands for one X will not give again:
// never asked for, never looked up.
func (k Kind) Gone() bool { return k == Unavailable || k == Deleted }

// Inbound reports whether someone else made it to or about the shop: a
// mention, a DM to the shop, a heard post. Its author is a customer.
func (k Kind) Inbound() bool { return !k.Ours() && k.Reached() }

// Ours reports whether the shop wrote it.
func (k Kind) Ours() bool { return k == Reply || k == DMSent }

// IsDM reports whether it is a direct message, either way.
func (k Kind) IsDM() bool { return k == DMSent || k == DMIn }

// Post is one post on a network. Ids are hark's: X's snowflake ids as
// they are, and for another network one made from the post's time (see
// network.IDs); either way they grow with time.
type Post struct {
	ID             uint64    `json:"id"`
	ConversationID uint64    `json:"conversation_id"`
	AuthorID       uint64    `json:"author_id"`
	InReplyToID    uint64    `json:"in_reply_to_id,omitempty"`
	InReplyToUser  uint64    `json:"in_reply_to_user_id,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	// Text is decoded and cleaned of terminal control sequences.
	Text string `json:"text"`
	Kind Kind   `json:"kind"`
	// Sources name what found the post: MentionsSource, a saved search's
	// name, DMSource, OwnSource, and HarkSource for what hark sent. Empty
	// for a post only referred to by others and for posts stored before
	// schema 10.
	Sources []string `json:"sources,omitempty"`
	// Origin is, for a DM the shop sent from a post conversation (taking
	// it to DM), that conversation: the DM shows in both.
	Origin uint64 `json:"origin,omitempty"`
	// Edits are, as X names them (edit_history_tweet_ids), the ids of the
	// post's versions other than ID, oldest first: X gives each edit a
	// new id. Empty for a post never edited.
	Edits []uint64 `json:"edits,omitempty"`
	// Latest is, for a post its author edited after hark stored it, the
	// newest version's id: hark keeps one post per edit chain, under the
	// id it first stored, with the newest text; replies go to Latest.
	Latest uint64 `json:"latest,omitempty"`
	// Earlier are the texts the post had before its edits, oldest first.
	Earlier []Version `json:"earlier,omitempty"`
	// By is the person of the shop's team who wrote it through hark
	// (hark serve); "" for the owner alone, or written elsewhere. Before
	// On: On stays the last field, which store's stamps read by the end.
	By string `json:"by,omitempty"`
	// On names the network the post is on and its own id there, for a
	// network other than X; nil for X's (every post stored before schema
	// 16). A pointer, so that X's posts, nearly all, stay as small as
	// they were: Post is copied and decoded on every hot path.
	On *Elsewhere `json:"on,omitempty"`
}

// Elsewhere is where a post or person is when not on X: the network's
// name and its own id (an AT URI, a DID), which network.IDs maps to the
// hark id.
type Elsewhere struct {
	Network string `json:"network"`
	Ref     string `json:"ref"`
}

// Network is the name of the network the post is on; "" is X's.
func (p Post) Network() string { return p.On.network() }

func (e *Elsewhere) network() string {
	if e == nil {
		return ""
	}
	return e.Network
}

// Version is an earlier text of an edited post.
type Version struct {
	ID   uint64 `json:"id"`
	Text string `json:"text"`
}

// Edited reports whether the post was edited: X named other versions,
// or hark saw its text change.
func (p Post) Edited() bool { return len(p.Earlier) > 0 || len(p.Edits) > 0 }

// Target is the id a reply to the post goes to: its newest version's.
func (p Post) Target() uint64 {
	if p.Latest != 0 {
		return p.Latest
	}
	return p.ID
}

// Versions are the ids of every version of the post X has named, ID and
// Latest included.
func (p Post) Versions() []uint64 {
	ids := append([]uint64{p.ID}, p.Edits...)
	if p.Latest != 0 {
		ids = append(ids, p.Latest)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// FoundBy reports whether the named source found the post.
func (p Post) FoundBy(source string) bool { return slices.Contains(p.Sources, source) }

// The names of hark's own sources (a saved search may take none).
const (
	MentionsSource = "mentions"
	DMSource       = "dms"
	// OwnSource finds the shop's own posts, wherever it made them.
	OwnSource = "own"
	// HarkSource marks what hark's outbox sent (from schema 13 on): a
	// reply found by OwnSource alone was made elsewhere (X's app).
	HarkSource = "hark"
)

// MadeElsewhere reports a post of the shop's that hark did not send: its
// own timeline found it, and the outbox did not make it.
func (p Post) MadeElsewhere() bool { return p.FoundBy(OwnSource) && !p.FoundBy(HarkSource) }

// dmConversationBit marks a DM conversation's id: X's ids are signed
// 64-bit numbers, so no post id, and so no post conversation, has it.
const dmConversationBit = 1 << 63

// DMConversation is the id of the one-to-one DM conversation with a
// person: it can never be a post conversation's id.
func DMConversation(personID uint64) uint64 { return dmConversationBit | personID }

// IsDMConversation reports whether a conversation id is a DM
// conversation's, and with whom.
func IsDMConversation(id uint64) (personID uint64, ok bool) {
	return id &^ dmConversationBit, id&dmConversationBit != 0
}

// User is an account on X.
type User struct {
	ID          uint64    `json:"id"`
	Username    string    `json:"username"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Followers   int       `json:"followers,omitempty"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
	// ClosedToDMs is X's receives_your_dm false: a DM from the shop to
	// them will not go through. False when X said yes or said nothing.
	ClosedToDMs bool `json:"closed_to_dms,omitempty"`
	// ReadAt is when hark last read the person from X by themselves
	// (a look-up of people); zero for one read with posts, or before it
	// was kept. A person read within the refresh is not read again.
	ReadAt time.Time `json:"read_at,omitzero"`
	// On is as a post's: the person's network and own id there, nil on
	// X.
	On *Elsewhere `json:"on,omitempty"`
}

// Network is the name of the person's network; "" is X's.
func (u User) Network() string { return u.On.network() }

// ParseID reads one of X's decimal id strings: up to 19 digits, and no
// more than a signed 64-bit number holds, as X's ids are (so an id from X
// never has DMConversation's bit).
func ParseID(s string) (uint64, error) {
	if s == "" || len(s) > 19 {
		return 0, fmt.Errorf("bad id %q", s)
	}
	id, err := strconv.ParseUint(s, 10, 63)
	if err != nil {
		return 0, fmt.Errorf("bad id %q", s)
	}
	return id, nil
}

// ParseConversationID reads a conversation id as hark prints it: a post
// conversation's (an id of X's) or a DM conversation's (see
// DMConversation).
func ParseConversationID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("bad conversation id %q", s)
	}
	return id, nil
}

// FormatID writes an id as X does.
func FormatID(id uint64) string { return strconv.FormatUint(id, 10) }

// twitterEpoch is the start of X's snowflake ids, in Unix milliseconds.
const twitterEpoch = 1288834974657

// SnowflakeTime is when an id made as X makes them was made (to the
// millisecond).
func SnowflakeTime(id uint64) time.Time {
	return time.UnixMilli(int64(id>>22) + twitterEpoch).UTC()
}

// SnowflakeID makes an id as X does: milliseconds since its epoch, shifted
// past 22 bits of machine and sequence numbers (here seq). Ids made for a
// time sort with the posts of that time.
// A time before X's epoch makes the smallest id, one past the 41 bits of
// milliseconds X's signed ids hold (in 2080) the largest: neither wraps
// around.
func SnowflakeID(t time.Time, seq uint64) uint64 {
	ms := t.UnixMilli() - twitterEpoch
	switch {
	case ms < 0 || t.Year() < 2000:
		return seq & 0x3FFFFF
	case ms >= 1<<41 || t.Year() > 2200:
		return math.MaxInt64>>22<<22 | seq&0x3FFFFF
	}
	return uint64(ms)<<22 | seq&0x3FFFFF
}
