// Package model holds the values every part of hark shares: posts and the
// people who write them, as hark keeps them (cleaned, ids as numbers).
package model

import (
	"fmt"
	"math"
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
	// DM is a direct message the shop sent, kept with the conversation it
	// came from.
	DM Kind = "dm"
	// Heard is a post by someone else that does not mention the shop,
	// found by one of its searches: X takes no public reply to it.
	Heard Kind = "heard"
)

// Ours reports whether the shop wrote it.
func (k Kind) Ours() bool { return k == Reply || k == DM }

// Post is one post on X. Ids are X's snowflake ids, which grow with time.
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
}

// User is an account on X.
type User struct {
	ID          uint64    `json:"id"`
	Username    string    `json:"username"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Followers   int       `json:"followers,omitempty"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
}

// ParseID reads one of X's decimal id strings (up to 19 digits).
func ParseID(s string) (uint64, error) {
	if s == "" || len(s) > 19 {
		return 0, fmt.Errorf("bad id %q", s)
	}
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad id %q", s)
	}
	return id, nil
}

// FormatID writes an id as X does.
func FormatID(id uint64) string { return strconv.FormatUint(id, 10) }

// twitterEpoch is the start of X's snowflake ids, in Unix milliseconds.
const twitterEpoch = 1288834974657

// SnowflakeID makes an id as X does: milliseconds since its epoch, shifted
// past 22 bits of machine and sequence numbers (here seq). Ids made for a
// time sort with the posts of that time.
// A time before X's epoch makes the smallest id, one past the 42 bits of
// milliseconds (in 2080) the largest: neither wraps around.
func SnowflakeID(t time.Time, seq uint64) uint64 {
	ms := t.UnixMilli() - twitterEpoch
	switch {
	case ms < 0 || t.Year() < 2000:
		return seq & 0x3FFFFF
	case ms >= 1<<42 || t.Year() > 2200:
		return math.MaxUint64>>22<<22 | seq&0x3FFFFF
	}
	return uint64(ms)<<22 | seq&0x3FFFFF
}
