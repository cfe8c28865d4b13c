package network

import (
	"errors"
	"time"
)

// The kinds of a network's refusals the core acts on. An adapter's
// errors wrap them (errors.Is finds them) and say the rest in the
// network's own words.
var (
	// ErrUnauthorized: the network refused the credentials; nothing
	// more is read or sent until they change.
	ErrUnauthorized = errors.New("the network refused the credentials")
	// ErrOutOfCredits: the account may not call until it pays.
	ErrOutOfCredits = errors.New("the account is out of credits")
	// ErrUsageCapped: a usage cap for a period is reached; waiting for
	// a rate limit's reset does not help.
	ErrUsageCapped = errors.New("the usage cap is reached")
	// ErrNoDMPermission: the app may not read or send DMs.
	ErrNoDMPermission = errors.New("the app may not read or send DMs")
)

// An adapter's error says what it is by these methods, each optional;
// the functions below read them. An error that has none is a failure
// below the network's answer (connection, timeout, an answer cut short).
type (
	rateLimited  interface{ RateLimitedUntil() (time.Time, bool) }
	transient    interface{ Transient() bool }
	mayHave      interface{ MayHaveArrived() bool }
	duplicate    interface{ Duplicate() bool }
	targetGone   interface{ TargetGone() bool }
	queryRefusal interface{ QueryRefused() (string, bool) }
)

// IsRateLimited reports a rate limit and when to call again.
func IsRateLimited(err error) (time.Time, bool) {
	var e rateLimited
	if errors.As(err, &e) {
		return e.RateLimitedUntil()
	}
	return time.Time{}, false
}

// IsTransient reports a failure worth retrying after a pause: the
// network's own (a server error) or below its answer.
func IsTransient(err error) bool {
	var e transient
	if errors.As(err, &e) {
		return e.Transient()
	}
	return err != nil
}

// MayHaveArrived reports a failure after which the network may hold
// what was sent: the request left and no refusal in the network's words
// came back. Before sending again, look for it there.
func MayHaveArrived(err error) bool {
	var e mayHave
	if errors.As(err, &e) {
		return e.MayHaveArrived()
	}
	return err != nil
}

// IsDuplicate reports the network's refusal of a post whose text the
// account already posted.
func IsDuplicate(err error) bool {
	var e duplicate
	return errors.As(err, &e) && e.Duplicate()
}

// IsTargetGone reports the network's refusal of a reply to a post that
// is deleted or hidden from the shop: no retry can succeed.
func IsTargetGone(err error) bool {
	var e targetGone
	return errors.As(err, &e) && e.TargetGone()
}

// IsQueryRefused reports the network's refusal of a search's query, with
// its reason: asking again with the same query cannot succeed.
func IsQueryRefused(err error) (reason string, ok bool) {
	var e queryRefusal
	if errors.As(err, &e) {
		return e.QueryRefused()
	}
	return "", false
}

// The bounds of Backoff.
const (
	backoffBase = 2 * time.Second
	backoffMax  = 5 * time.Minute
)

// Backoff is how long to wait before calling a network again after n
// transient failures in a row (see IsTransient): doubling from 2 s up to
// 5 min, at a random point (rnd in [0, 1)) in the upper half ("equal
// jitter"), so that many clients do not retry in step.
func Backoff(n int, rnd func() float64) time.Duration {
	d := backoffMax
	if n < 20 {
		d = min(backoffBase<<max(n-1, 0), backoffMax)
	}
	return d/2 + time.Duration(rnd()*float64(d/2))
}
