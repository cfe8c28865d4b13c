package twitter

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/michimani/gotwi"
)

// ErrUnauthorized means X refused the credentials (HTTP 401).
var ErrUnauthorized = errors.New("X refused the credentials (401): check HARK_X_API_KEY, HARK_X_API_SECRET, HARK_X_ACCESS_TOKEN and HARK_X_ACCESS_SECRET")

// ErrOutOfCredits means X refused a call for want of prepaid credit
// (402): every call fails until the account is topped up.
var ErrOutOfCredits = errors.New("X says the account is out of credits (402): top up your X developer account")

// ErrUsageCapped means X's usage cap for a period is reached (a 429 of
// type usage-capped): waiting for the rate-limit reset does not help.
var ErrUsageCapped = errors.New("X's usage cap is reached (429 usage-capped): waiting for the rate-limit reset does not help")

// ErrNoDMPermission means the developer app may not read or send DMs
// (403 of type oauth1-permissions): its permission is "Read and write",
// not "Read, write, and Direct Messages".
var ErrNoDMPermission = errors.New(`the X app may not read or send DMs: give it the permission "Read, write, and Direct Messages" in X's developer portal, then make the access token again (hark login)`)

// APIError is an answer from X other than success, with X's own words.
type APIError struct {
	Status int    // HTTP status
	Title  string // problem title, e.g. "Forbidden"
	Detail string // X's reason, shown to the user as is
	Type   string // problem type URI, "about:blank" for generic ones
	// RetryAt is when a rate-limited (429) call may be made again.
	RetryAt time.Time
	// FarReset marks a 429 whose reset is more than maxReset away: a
	// fault, not a wait (see IsRateLimited).
	FarReset bool
	// Period is a usage cap's period ("Daily", "Monthly").
	Period string
}

// noDMPermission reports X refusing a DM call for the app's permission.
func (e *APIError) noDMPermission() bool {
	return e.Status == http.StatusForbidden && strings.HasSuffix(e.Type, "/oauth1-permissions")
}

// usageCapped reports a 429 that is a usage cap, not a rate limit.
func (e *APIError) usageCapped() bool {
	return e.Status == http.StatusTooManyRequests && strings.HasSuffix(e.Type, "/usage-capped")
}

func (e *APIError) Error() string {
	reason := e.Detail
	if reason == "" {
		reason = e.Title
	}
	if reason == "" {
		reason = http.StatusText(e.Status)
	}
	switch {
	case e.Status == http.StatusUnauthorized:
		return fmt.Sprintf("%v (X said: %s)", ErrUnauthorized, reason)
	case e.Status == http.StatusPaymentRequired:
		return fmt.Sprintf("%v (X said: %s)", ErrOutOfCredits, reason)
	case e.noDMPermission():
		return fmt.Sprintf("%v (X said: %s)", ErrNoDMPermission, reason)
	case e.usageCapped():
		period := strings.ToLower(e.Period)
		if period == "" {
			period = "current"
		}
		return fmt.Sprintf("X's %s usage cap is reached: hark stopped reading until the period ends; waiting for the rate-limit reset does not help (X said: %s)", period, reason)
	case e.FarReset:
		return fmt.Sprintf("X answered 429 with a rate-limit reset at %s, more than a day away: taken as a fault of X's, retried with backoff", e.RetryAt.Local().Format("2006-01-02 15:04"))
	}
	return fmt.Sprintf("X answered %d: %s", e.Status, reason)
}

// Unwrap lets errors.Is find a 401 (ErrUnauthorized), a 402
// (ErrOutOfCredits) and a usage cap (ErrUsageCapped).
func (e *APIError) Unwrap() error {
	switch {
	case e.Status == http.StatusUnauthorized:
		return ErrUnauthorized
	case e.Status == http.StatusPaymentRequired:
		return ErrOutOfCredits
	case e.usageCapped():
		return ErrUsageCapped
	case e.noDMPermission():
		return ErrNoDMPermission
	}
	return nil
}

// IsRateLimited reports a 429 and when to try again. A reset more than a
// day away is not believed (X's windows are 15 minutes and 24 hours):
// such an answer is transient instead (see IsTransient).
func IsRateLimited(err error) (time.Time, bool) {
	var e *APIError
	if errors.As(err, &e) && e.Status == http.StatusTooManyRequests && !e.FarReset && !e.usageCapped() {
		return e.RetryAt, true
	}
	return time.Time{}, false
}

// resetMargin is added to X's rate-limit reset times (see retryAt).
const resetMargin = time.Second

// maxReset is the furthest rate-limit reset hark waits for.
const maxReset = 24 * time.Hour

// The bounds of Backoff.
const (
	backoffBase = 2 * time.Second
	backoffMax  = 5 * time.Minute
)

// Backoff is how long to wait before calling X again after n
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

// IsTransient reports errors worth retrying after a pause: 5xx answers,
// a 429 with an unbelievable reset, and failures below HTTP (network,
// timeouts, answers cut short or not JSON).
func IsTransient(err error) bool {
	var e *APIError
	if errors.As(err, &e) {
		return e.Status >= 500 || e.FarReset
	}
	return err != nil
}

// MayHaveArrived reports a failure after which X may hold what was sent:
// the request left, and no refusal from X came back (a timeout, a dropped
// connection, a 5xx, an answer that could not be read). Before sending
// again, look for it on X. A refusal in X's words (4xx) means X did not
// take it.
func MayHaveArrived(err error) bool {
	var e *APIError
	if errors.As(err, &e) {
		return e.Status >= 500
	}
	return err != nil
}

// problem is X's problem+json error body.
type problem struct {
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Type   string `json:"type"`
	Period string `json:"period"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

// apiError turns a gotwi error into an *APIError where X answered, and
// leaves other errors (network, decoding) wrapped as they are.
func (c *Client) apiError(endpoint string, err error) error {
	var ge *gotwi.GotwiError
	if !errors.As(err, &ge) || !ge.OnAPI {
		// A url.Error names gotwi's api.twitter.com URL, not where the
		// request went: keep only its cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("calling X (%s): %w", endpoint, err)
	}
	e := &APIError{Status: ge.StatusCode, Title: ge.Title, Detail: ge.Detail, Type: ge.Type}
	for _, ai := range ge.APIErrors {
		// gotwi keeps a problem+json body as raw text in Message.
		var p problem
		if json.Unmarshal([]byte(ai.Message), &p) == nil && (p.Title != "" || p.Detail != "") {
			e.Title, e.Detail, e.Type, e.Period = p.Title, p.Detail, p.Type, p.Period
			if len(p.Errors) > 0 && p.Errors[0].Message != "" {
				// the parameter's own message ("Query length exceeds …")
				// says more than the problem's ("One or more parameters …")
				e.Detail = p.Errors[0].Message
			}
			continue
		}
		if e.Detail == "" {
			e.Detail = ai.Message
		}
	}
	e.Title, e.Detail = errorText(e.Title), errorText(e.Detail)
	if e.Status == http.StatusTooManyRequests {
		e.RetryAt = c.retryAt(endpoint, ge)
		e.FarReset = e.RetryAt.Sub(c.now()) > maxReset
	}
	return e
}

// retryAt is when a rate-limited endpoint opens again: from the 429's own
// headers, else from the last headers seen, else a minute from now. X
// gives the reset in whole seconds, so a second is added: a call at the
// reset itself could arrive a fraction too early.
func (c *Client) retryAt(endpoint string, ge *gotwi.GotwiError) time.Time {
	if info := ge.RateLimitInfo; info != nil && info.ResetAt != nil && info.ResetAt.Unix() > 0 {
		return info.ResetAt.Add(resetMargin)
	}
	if l, ok := c.limits.Get(endpoint); ok && !l.Reset.IsZero() {
		return l.Reset.Add(resetMargin)
	}
	return time.Now().Add(time.Minute)
}

// IsDuplicate reports X's refusal of a post whose text we already posted.
func IsDuplicate(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == http.StatusForbidden && strings.Contains(strings.ToLower(e.Detail), "duplicate content")
}

// IsTargetGone reports X's refusal of a reply to a post that is deleted
// or no longer visible to the shop ("You attempted to reply to a Tweet
// that is deleted or not visible to you."): no retry can succeed, and
// the post must be removed (X's terms).
func IsTargetGone(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == http.StatusForbidden && strings.Contains(strings.ToLower(e.Detail), "deleted or not visible")
}
