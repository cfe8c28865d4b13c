package twitter

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/harkhq/hark/network"
	"github.com/michimani/gotwi"
)

// ErrUnauthorized means X refused the credentials (HTTP 401); it is a
// network.ErrUnauthorized.
var ErrUnauthorized error = kind{network.ErrUnauthorized, "X refused the credentials (401): check HARK_X_API_KEY, HARK_X_API_SECRET, HARK_X_ACCESS_TOKEN and HARK_X_ACCESS_SECRET"}

// ErrOutOfCredits means X refused a call for want of prepaid credit
// (402): every call fails until the account is topped up. It is a
// network.ErrOutOfCredits.
var ErrOutOfCredits error = kind{network.ErrOutOfCredits, "X says the account is out of credits (402): top up your X developer account"}

// ErrUsageCapped means X's usage cap for a period is reached (a 429 of
// type usage-capped): waiting for the rate-limit reset does not help. It
// is a network.ErrUsageCapped.
var ErrUsageCapped error = kind{network.ErrUsageCapped, "X's usage cap is reached (429 usage-capped): waiting for the rate-limit reset does not help"}

// ErrNoDMPermission means the developer app may not read or send DMs
// (403 of type oauth1-permissions): its permission is "Read and write",
// not "Read, write, and Direct Messages". It is a
// network.ErrNoDMPermission.
var ErrNoDMPermission error = kind{network.ErrNoDMPermission, `the X app may not read or send DMs: give it the permission "Read, write, and Direct Messages" in X's developer portal, then make the access token again (hark login)`}

// kind is one of X's refusals in X's words, which errors.Is also finds
// as the contract's kind of refusal.
type kind struct {
	of  error
	msg string
}

func (k kind) Error() string { return k.msg }
func (k kind) Unwrap() error { return k.of }

// APIError is an answer from X other than success, with X's own words.
type APIError struct {
	Status int    // HTTP status
	Title  string // problem title, e.g. "Forbidden"
	Detail string // X's reason, shown to the user as is
	Type   string // problem type URI, "about:blank" for generic ones
	// RetryAt is when a rate-limited (429) call may be made again.
	RetryAt time.Time
	// FarReset marks a 429 whose reset is more than maxReset away: a
	// fault, not a wait (see RateLimitedUntil).
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

// RateLimitedUntil is when a 429 lets X be called again
// (network.IsRateLimited reads it). A reset more than a day away is not
// believed (X's windows are 15 minutes and 24 hours): such an answer is
// transient instead, and a usage cap is no wait at all.
func (e *APIError) RateLimitedUntil() (time.Time, bool) {
	if e.Status == http.StatusTooManyRequests && !e.FarReset && !e.usageCapped() {
		return e.RetryAt, true
	}
	return time.Time{}, false
}

// resetMargin is added to X's rate-limit reset times (see retryAt).
const resetMargin = time.Second

// maxReset is the furthest rate-limit reset hark waits for.
const maxReset = 24 * time.Hour

// Transient reports an answer worth retrying after a pause: a 5xx, or a
// 429 with an unbelievable reset (network.IsTransient reads it; failures
// below HTTP, with no answer, are transient too).
func (e *APIError) Transient() bool { return e.Status >= 500 || e.FarReset }

// MayHaveArrived reports an answer after which X may hold what was sent:
// a 5xx (network.MayHaveArrived reads it). A refusal in X's words (4xx)
// means X did not take it; with no answer at all, it may have.
func (e *APIError) MayHaveArrived() bool { return e.Status >= 500 }

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
		return fmt.Errorf("calling X (%s): %w", endpoint, unwrapURL(err))
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

// Duplicate reports X's refusal of a text already posted
// (network.IsDuplicate reads it).
func (e *APIError) Duplicate() bool {
	return e.Status == http.StatusForbidden && strings.Contains(strings.ToLower(e.Detail), "duplicate content")
}

// QueryRefused reports X refusing a request as malformed (400): for a
// search, its query; with X's reason.
func (e *APIError) QueryRefused() (string, bool) {
	return e.Detail, e.Status == http.StatusBadRequest
}

// TargetGone reports X's refusal of a reply to a post that is deleted
// or no longer visible to the shop ("You attempted to reply to a Tweet
// that is deleted or not visible to you."): no retry can succeed, and
// the post must be removed (X's terms). network.IsTargetGone reads it.
func (e *APIError) TargetGone() bool {
	return e.Status == http.StatusForbidden && strings.Contains(strings.ToLower(e.Detail), "deleted or not visible")
}

// unwrapURL drops a url.Error's method and URL, keeping its cause.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
