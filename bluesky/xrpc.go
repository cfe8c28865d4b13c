// Package bluesky is hark's adapter for Bluesky: its client over XRPC
// (net/http and Lexicon-shaped types of hark's own: the dozen calls hark
// makes do not need the official SDK, which is unversioned and large),
// its session from an app password, and, with bluesky/text, its rules.
// Its stand-in is bluesky/bskyfake.
package bluesky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/clean"
	"github.com/harkhq/hark/network"
)

// maxBody bounds an answer: a page of 100 notifications with their
// records is well under 1 MB; a huge body is a fault, not a page.
const maxBody = 8 << 20

// Error is Bluesky's refusal: the HTTP status and its XRPC error's name
// and message, cleaned. It says what it is to the core by network's
// methods.
type Error struct {
	Status  int
	Name    string
	Message string
	// Reset is when a rate-limited call may be made again.
	Reset time.Time
	// Method is the XRPC method refused.
	Method string
}

// Error says the refusal in one line, in Bluesky's words.
func (e *Error) Error() string {
	if e.noDMs() {
		return "Bluesky's chat refuses this app password: make one with \"Allow access to your direct messages\" ticked (Settings → Privacy and security → App passwords)"
	}
	msg := e.Name
	if e.Message != "" && e.Message != e.Name {
		msg += ": " + e.Message
	}
	return fmt.Sprintf("Bluesky refused %s (%d): %s", e.Method, e.Status, msg)
}

// Unwrap lets errors.Is find a refused sign-in, or an app password
// that may not read DMs.
func (e *Error) Unwrap() error {
	switch {
	case e.noDMs():
		return network.ErrNoDMPermission
	case e.Status == http.StatusUnauthorized || e.Name == "AuthenticationRequired" || e.Name == "AccountTakedown":
		return network.ErrUnauthorized
	}
	return nil
}

// noDMs reports the chat service refusing the session's scope: the app
// password was made without access to direct messages.
func (e *Error) noDMs() bool {
	return isChat(e.Method) && e.Name == "InvalidToken" && strings.Contains(strings.ToLower(e.Message), "scope")
}

// RateLimitedUntil implements the network contract's rate limit.
func (e *Error) RateLimitedUntil() (time.Time, bool) {
	return e.Reset, e.Status == http.StatusTooManyRequests
}

// Transient: a server error may be gone next time; a rate limit is
// waited out, not retried.
func (e *Error) Transient() bool { return e.Status >= 500 }

// MayHaveArrived: a server error after a write may hide a write made.
func (e *Error) MayHaveArrived() bool { return e.Status >= 500 }

// expired reports the access token's expiry, after which the session is
// refreshed.
func (e *Error) expired() bool { return e.Name == "ExpiredToken" }

// call makes one XRPC call with token (none when ""): a GET with q, or a
// POST with body as JSON; the answer's JSON goes to out (nil: ignored).
func (c *Client) call(ctx context.Context, httpMethod, method, token string, q url.Values, body, out any) error {
	var in io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		in = bytes.NewReader(b)
	}
	u := strings.TrimSuffix(c.opts.Service, "/") + "/xrpc/" + method
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, httpMethod, u, in)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if isChat(method) {
		req.Header.Set("atproto-proxy", chatProxy)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("calling Bluesky (%s): %w", method, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return fmt.Errorf("reading Bluesky's answer (%s): %w", method, err)
	}
	if len(raw) > maxBody {
		return fmt.Errorf("Bluesky's answer to %s is over %d MB: not read", method, maxBody>>20)
	}
	if resp.StatusCode != http.StatusOK {
		return refusal(method, resp, raw)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("Bluesky's answer to %s could not be read: %s", method, clean.Line(err.Error()))
	}
	return nil
}

// refusal reads an XRPC error answer.
func refusal(method string, resp *http.Response, raw []byte) *Error {
	var x struct{ Error, Message string }
	_ = json.Unmarshal(raw, &x)
	e := &Error{Status: resp.StatusCode, Name: clean.Line(x.Error), Message: clean.Line(x.Message), Method: method}
	if e.Name == "" {
		e.Name = http.StatusText(resp.StatusCode)
	}
	if len(e.Message) > 300 {
		e.Message = e.Message[:300] + "…"
	}
	if reset, err := strconv.ParseInt(resp.Header.Get("RateLimit-Reset"), 10, 64); err == nil {
		e.Reset = time.Unix(reset, 0)
	} else if resp.StatusCode == http.StatusTooManyRequests {
		e.Reset = time.Now().Add(time.Minute) // no reset said: a minute, hark's own guess
	}
	return e
}

// isExpired reports Bluesky saying the access token is too old.
func isExpired(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.expired()
}
