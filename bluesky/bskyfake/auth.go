package bskyfake

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// window is one rate-limit window of an XRPC method: 5 minutes, as
// Bluesky's PDS counts.
type window struct {
	start time.Time
	used  int
}

const windowLength = 5 * time.Minute

// defaultLimits are the PDS's: createSession is held tight (30 in 5
// minutes), every other call shares the global 3,000.
var defaultLimits = map[string]int{"com.atproto.server.createSession": 30}

const globalLimit = 3000

// take counts a call of method against its window and writes Bluesky's
// rate-limit headers; false when the window is spent. The caller holds
// the mutex.
func (s *Server) take(w http.ResponseWriter, method string) bool {
	s.calls[method]++
	limit := globalLimit
	if n, ok := defaultLimits[method]; ok {
		limit = n
	}
	if n, ok := s.opts.Limits[method]; ok {
		limit = n
	}
	now := s.opts.Clock()
	win := s.windows[method]
	if win == nil || now.Sub(win.start) >= windowLength {
		win = &window{start: now}
		s.windows[method] = win
	}
	ok := win.used < limit
	if ok {
		win.used++
	}
	h := w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(limit-win.used))
	h.Set("RateLimit-Reset", strconv.FormatInt(win.start.Add(windowLength).Unix(), 10))
	h.Set("RateLimit-Policy", fmt.Sprintf("%d;w=%d", limit, int(windowLength.Seconds())))
	return ok
}

// limited counts the call and answers Bluesky's 429 when its window is
// spent. The caller holds the mutex.
func (s *Server) limited(w http.ResponseWriter, r *http.Request) bool {
	if s.take(w, method(r)) {
		return false
	}
	xrpcError(w, http.StatusTooManyRequests, "RateLimitExceeded", "Rate Limit Exceeded")
	return true
}

// method is an XRPC request's method name.
func method(r *http.Request) string { return strings.TrimPrefix(r.URL.Path, "/xrpc/") }

// didKey keys, in a request's context, the account its token signs in.
type didKey struct{}

// authed wraps a method that needs an access token: the rate limit, then
// the token (ExpiredToken once it is old, as the PDS says it); the
// handler runs with the mutex held.
func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.limited(w, r) {
			return
		}
		token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		sess, ok := s.access[token]
		switch {
		case !ok:
			xrpcError(w, http.StatusUnauthorized, "AuthenticationRequired", "Authentication Required")
			return
		case !s.opts.Clock().Before(sess.expires):
			xrpcError(w, http.StatusBadRequest, "ExpiredToken", "Token has expired")
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), didKey{}, sess.did)))
	}
}

// createSession is com.atproto.server.createSession: an identifier (a
// handle or DID) and an app password make a session.
func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	var in struct{ Identifier, Password string }
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limited(w, r) {
		return
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Identifier == "" || in.Password == "" {
		xrpcError(w, http.StatusBadRequest, "InvalidRequest", "Input must have the property \"identifier\" and \"password\"")
		return
	}
	acct, ok := s.account(in.Identifier)
	if !ok || acct.AppPassword == "" || acct.AppPassword != in.Password {
		xrpcError(w, http.StatusUnauthorized, "AuthenticationRequired", "Invalid identifier or password")
		return
	}
	writeJSON(w, http.StatusOK, s.newSession(acct))
}

// refreshSession is com.atproto.server.refreshSession: the refresh token
// (as the Bearer) traded, once, for a new pair.
func (s *Server) refreshSession(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limited(w, r) {
		return
	}
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	sess, ok := s.refresh[token]
	if !ok || sess.spent {
		xrpcError(w, http.StatusBadRequest, "InvalidToken", "Token has been revoked")
		return
	}
	sess.spent = true
	s.refresh[token] = sess
	writeJSON(w, http.StatusOK, s.newSession(s.accounts[sess.did]))
}

// getSession is com.atproto.server.getSession: whose the token is.
func (s *Server) getSession(w http.ResponseWriter, r *http.Request) {
	a := s.accounts[r.Context().Value(didKey{}).(string)]
	writeJSON(w, http.StatusOK, map[string]any{"did": a.DID, "handle": a.Handle, "active": true})
}

// newSession issues an access and a refresh token. The caller holds the
// mutex.
func (s *Server) newSession(a Account) map[string]any {
	access, refresh := "acc-"+randomHex(16), "ref-"+randomHex(16)
	s.access[access] = session{did: a.DID, expires: s.opts.Clock().Add(s.opts.AccessLife)}
	s.refresh[refresh] = session{did: a.DID}
	return map[string]any{"accessJwt": access, "refreshJwt": refresh, "handle": a.Handle, "did": a.DID, "active": true}
}

// account finds an account by handle or DID. The caller holds the mutex.
func (s *Server) account(id string) (Account, bool) {
	if a, ok := s.accounts[id]; ok {
		return a, true
	}
	for _, a := range s.accounts {
		if strings.EqualFold(a.Handle, strings.TrimPrefix(id, "@")) {
			return a, true
		}
	}
	return Account{}, false
}

// Sessions says how many sessions were made with the app password and
// how many refresh tokens were spent.
func (s *Server) Sessions() (created, refreshed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.refresh {
		if sess.spent {
			refreshed++
		}
	}
	return s.calls["com.atproto.server.createSession"], refreshed
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
