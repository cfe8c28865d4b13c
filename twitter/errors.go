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

// APIError is an answer from X other than success, with X's own words.
type APIError struct {
	Status int    // HTTP status
	Title  string // problem title, e.g. "Forbidden"
	Detail string // X's reason, shown to the user as is
	Type   string // problem type URI, "about:blank" for generic ones
	// RetryAt is when a rate-limited (429) call may be made again.
	RetryAt time.Time
}

func (e *APIError) Error() string {
	reason := e.Detail
	if reason == "" {
		reason = e.Title
	}
	if reason == "" {
		reason = http.StatusText(e.Status)
	}
	if e.Status == http.StatusUnauthorized {
		return fmt.Sprintf("%v (X said: %s)", ErrUnauthorized, reason)
	}
	return fmt.Sprintf("X answered %d: %s", e.Status, reason)
}

// Unwrap lets errors.Is(err, ErrUnauthorized) find a 401.
func (e *APIError) Unwrap() error {
	if e.Status == http.StatusUnauthorized {
		return ErrUnauthorized
	}
	return nil
}

// IsRateLimited reports a 429 and when to try again.
func IsRateLimited(err error) (time.Time, bool) {
	var e *APIError
	if errors.As(err, &e) && e.Status == http.StatusTooManyRequests {
		return e.RetryAt, true
	}
	return time.Time{}, false
}

// resetMargin is added to X's rate-limit reset times (see retryAt).
const resetMargin = time.Second

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

// IsTransient reports errors worth retrying after a pause: 5xx answers and
// failures below HTTP (network, timeouts, bodies that are not JSON).
func IsTransient(err error) bool {
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
			e.Title, e.Detail, e.Type = p.Title, p.Detail, p.Type
			if e.Detail == "" && len(p.Errors) > 0 {
				e.Detail = p.Errors[0].Message
			}
			continue
		}
		if e.Detail == "" {
			e.Detail = ai.Message
		}
	}
	e.Title, e.Detail = CleanName(e.Title), CleanName(e.Detail)
	if e.Status == http.StatusTooManyRequests {
		e.RetryAt = c.retryAt(endpoint, ge)
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
