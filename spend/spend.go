// Package spend prices what hark reads from X and writes to it, as X bills
// its pay-per-use plans (see ../shared/x-api-notes.md, "Limits and
// money"): per resource returned or per request, by kind, per UTC day.
// It owns the kinds, the price table, the money type and the budget's
// rule; the store keeps the counts and the twitter client reports them.
package spend

import (
	"context"
	"fmt"
	"time"
)

// Kind is a kind of resource X bills.
type Kind string

// The kinds X bills, as the notes' price table names them.
const (
	// OwnedRead is a post read through an owned endpoint (the mentions,
	// the account's own posts) by the account that owns the app.
	OwnedRead Kind = "owned_read"
	// PostRead is a post read by search or lookup (or any post read, when
	// the account does not own the app).
	PostRead Kind = "post_read"
	// UserRead is a person read (GET /2/users/me too, and the people a
	// page of posts expands).
	UserRead Kind = "user_read"
	// DMRead is a DM event read.
	DMRead Kind = "dm_read"
	// SummonedReply is a reply where the author summoned the shop.
	SummonedReply Kind = "summoned_reply"
	// OtherPost is any other post; with a link it costs more (see Prices).
	OtherPost Kind = "other_post"
	// DMSent is a direct message sent.
	DMSent Kind = "dm_sent"
	// Delete is a post deleted.
	Delete Kind = "delete"
	// PushedPost is a post X's activity stream pushed (a mention, a
	// reply, the shop's own post); PushedDM a DM it pushed in. Each is
	// the same resource as the post or DM read by a poll (Resource), so
	// one pushed and polled the same day counts once.
	PushedPost Kind = "pushed_post"
	PushedDM   Kind = "pushed_dm"
)

// OtherPostWithLink is an OtherPost that holds a link, which X prices
// higher. It is priced ([prices] other_post_with_link) but not counted
// apart: X's answer to a post does not say which price it billed.
const OtherPostWithLink Kind = "other_post_with_link"

// PersonKnown is a person a page named whom hark knew and did not read
// (see listen's people): with people expanded, X would have billed them
// as a user read that UTC day. It is not billed and not in Kinds; hark
// usage shows it as what reading people once saved.
const PersonKnown Kind = "user_known"

// Kinds lists every kind, in the order reports show them.
var Kinds = []Kind{OwnedRead, PostRead, UserRead, DMRead, SummonedReply, OtherPost, DMSent, Delete, PushedPost, PushedDM}

// Resource is what a read of kind returns, for X's rule that a resource
// read again the same UTC day is not billed again: a post is one
// resource whether the mentions or a search read it.
func (k Kind) Resource() string {
	switch k {
	case OwnedRead, PostRead, PushedPost:
		return "post"
	case UserRead:
		return "user"
	case DMRead, PushedDM:
		return "dm"
	}
	return string(k)
}

// Micros is an amount of money in millionths of a US dollar: X's prices
// are fractions of a cent, and sums of whole numbers do not drift.
type Micros int64

// Dollars converts dollars to Micros, rounded to the nearest.
func Dollars(d float64) Micros {
	if d < 0 {
		return -Dollars(-d)
	}
	return Micros(d*1e6 + 0.5)
}

// Dollars is m in dollars.
func (m Micros) Dollars() float64 { return float64(m) / 1e6 }

// String writes m as dollars and cents ("$0.42"); below a cent but not
// zero, to the tenth of a cent ("$0.004").
func (m Micros) String() string {
	if m > 0 && m < 10_000 {
		return fmt.Sprintf("$%.3f", m.Dollars())
	}
	return fmt.Sprintf("$%.2f", m.Dollars())
}

// Use is one billed resource: a post, person or DM event read (by its id,
// so that a read again the same UTC day is not counted twice, as X does
// not bill it twice), or a request X bills as such (ID 0, always counted).
type Use struct {
	Kind Kind
	ID   uint64
}

// Counts are resources counted, by kind.
type Counts map[Kind]int

// Add adds o to c.
func (c Counts) Add(o Counts) {
	for k, n := range o {
		c[k] += n
	}
}

// Meter is told of every call X answered with success, with what it
// billed (failed requests are free). ctx carries the source that made the
// call (see WithSource).
type Meter func(ctx context.Context, uses []Use)

// sourceKey keys the source in a context.
type sourceKey struct{}

// WithSource names, in ctx, the source whose calls are being made, so
// that their spend is counted to it.
func WithSource(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, sourceKey{}, name)
}

// Source is the source named in ctx, or Other.
func Source(ctx context.Context) string {
	if s, ok := ctx.Value(sourceKey{}).(string); ok && s != "" {
		return s
	}
	return Other
}

// Other is the source of calls made outside any source's sync: the
// account's own look-up, the outbox's look-ups.
const Other = "other"

// Day is the UTC day of t, as X bills ("2026-12-01").
func Day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// Row is what one source's calls billed of one kind on one UTC day.
type Row struct {
	Day    string
	Source string
	Kind   Kind
	Count  int
}

// Filter keeps the rows fn keeps.
func Filter(rows []Row, fn func(Row) bool) []Row {
	var out []Row
	for _, r := range rows {
		if fn(r) {
			out = append(out, r)
		}
	}
	return out
}

// OnDay keeps the rows of one day.
func OnDay(day string) func(Row) bool { return func(r Row) bool { return r.Day == day } }
