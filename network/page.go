package network

import (
	"fmt"
	"time"

	"github.com/harkhq/hark/model"
)

// Page is one page of what a network read, newest first, with the
// people and the posts they refer to. A cursor comes from what was
// stored (see listen), never from what the network says it sent.
type Page struct {
	Posts      []model.Post
	Users      []model.User
	Referenced []model.Post
	// NextToken asks for the page after this one; "" at the end.
	NextToken string
	// Errors are what the network said of records it did not send (a
	// referenced post deleted, an author hidden).
	Errors []PartialError
	// Skipped are the records that could not be read (see Skipped).
	Skipped []Skipped
	// Cursor is the network's own position where this read ended, to
	// start the next read from (DMQuery.Cursor); "" for a network that
	// keeps none (X).
	Cursor string
}

// PartialError is what a network said beside a successful answer about
// one record it did not send.
type PartialError struct {
	Title, Detail, ResourceID string
	// Deleted says the record does not exist: a post its author
	// deleted.
	Deleted bool
	// Hidden says the shop may not see it (a protected author).
	Hidden bool
}

// Gone reports whether the record is deleted or hidden: the network's
// words for a post hark must remove. Any other partial error proves
// nothing.
func (e PartialError) Gone() bool { return e.Deleted || e.Hidden }

// Skipped is a record a network sent that hark could not read (a post
// or person without a valid id, a field of the wrong type): the rest of
// its page is kept, and the record is reported by its raw id.
type Skipped struct {
	// Kind is "post" or "user".
	Kind string
	// RawID is the record's id as the network sent it, cleaned and cut
	// short; empty when it had none.
	RawID string
	// ID is RawID as a number, 0 when it is not one.
	ID     uint64
	Reason string
}

func (s Skipped) String() string {
	return fmt.Sprintf("%s %q: %s", s.Kind, s.RawID, s.Reason)
}

// MentionsQuery selects a page of a timeline: the posts that mention an
// account, or those it made.
type MentionsQuery struct {
	SinceID uint64 // only posts newer than this; 0 for all the network holds
	Token   string // the NextToken of the previous page
	Max     int    // page size; the network's largest when zero
	// Start, when set, leaves out posts made before it: a first read of
	// a timeline goes back that far.
	Start time.Time
}

// SearchQuery selects a page of a recent search.
type SearchQuery struct {
	Query   string // in the network's query language
	SinceID uint64 // only posts newer than this; 0 for all it searches
	Token   string // the NextToken of the previous page
	Max     int    // page size; the network's largest when zero
}

// DMQuery selects a page of DM events.
type DMQuery struct {
	// With is the other person of one conversation; 0 for every
	// conversation's events.
	With  uint64
	Token string // the NextToken of the previous page
	Max   int    // page size; the network's largest when zero
	// SinceID is the newest event the core has read: a network that can
	// leave out what is older does (one that cannot, X, sends it, and
	// the core drops it); 0 for a first read.
	SinceID uint64
	// Cursor is the Page.Cursor of the last read the core stored: where
	// a network with a log of changes (Bluesky's chat) goes on; "" for
	// none yet.
	Cursor string
}
