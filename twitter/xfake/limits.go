package xfake

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// rateWindow is the length of X's rate-limit windows.
const rateWindow = 15 * time.Minute

// defaultLimits are X's per-user limits per 15 minutes (pay-per-use, 2026).
var defaultLimits = map[string]int{
	"GET /2/users/me":             75,
	"GET /2/users":                900,
	"GET /2/users/:id/mentions":   300,
	"GET /2/tweets":               900,
	"GET /2/tweets/:id":           900,
	"GET /2/tweets/search/recent": 300,
	"POST /2/tweets":              100,
	"DELETE /2/tweets/:id":        50,
	"GET /2/users/:id/tweets":     900,
	"POST /2/dm_conversations/with/:participant_id/messages": 15,
	"GET /2/dm_conversations/with/:participant_id/dm_events": 15,
	"GET /2/dm_events": 15,
	// The activity subscriptions: 500 calls per 15 minutes, the notes say.
	"POST /2/activity/subscriptions": 500,
	"GET /2/activity/subscriptions":  500,
}

// window is one endpoint's current rate-limit window.
type window struct {
	limit, remaining int
	reset            time.Time
}

// Fault is a failure to answer one request with, for tests.
type Fault struct {
	// Status answers with this HTTP status and a problem body. 429 also
	// empties the rate-limit window until RetryIn has passed.
	Status  int
	RetryIn time.Duration
	// Delay holds the answer back (the request may time out first).
	Delay time.Duration
	// Malformed answers 200 with a body that is not JSON.
	Malformed bool
	// Drop closes the connection without an answer.
	Drop bool
	// Commit does the work first (a post or DM is created), then acts out
	// the rest of the fault (Delay, Drop, Status, Truncate): X accepted
	// the request, and the client may never learn it.
	Commit bool
	// Truncate sends the first half of the real answer, then closes.
	Truncate bool
	// Huge answers with a body of this many bytes (with Status, or 500
	// when it is 0); a negative Huge sends until the client gives up.
	Huge int64
	// Edit changes the real JSON answer before it is sent: malformed
	// records, a repeated next_token.
	Edit func(answer map[string]any)
	// UsageCap answers 429 usage-capped for this period ("Daily",
	// "Monthly"), the rate-limit window left as it is.
	UsageCap string
}

// OutOfCredits is X's answer to an account with no prepaid credit left.
var OutOfCredits = Fault{Status: http.StatusPaymentRequired}

// needsAnswer reports a fault acted out on the real answer.
func (f Fault) needsAnswer() bool { return f.Commit || f.Truncate || f.Edit != nil }

// Inject queues faults for an endpoint ("GET /2/users/:id/mentions"):
// each answers one request, in order; later requests are served normally.
func (s *Server) Inject(endpoint string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[endpoint] = append(s.faults[endpoint], faults...)
}

// nextFault takes the next queued fault for endpoint, if any.
func (s *Server) nextFault(endpoint string) (Fault, bool) {
	q := s.faults[endpoint]
	if len(q) == 0 {
		return Fault{}, false
	}
	s.faults[endpoint] = q[1:]
	return q[0], true
}

// take spends one request of endpoint's window for an account (each has
// its own, as X counts per user); false when none is left.
func (s *Server) take(endpoint string, account uint64, now time.Time) (*window, bool) {
	key := endpoint + "#" + strconv.FormatUint(account, 10)
	w := s.windows[key]
	if w == nil || !now.Before(w.reset) {
		limit := defaultLimits[endpoint]
		if l, ok := s.opts.Limits[endpoint]; ok {
			limit = l
		}
		w = &window{limit: limit, remaining: limit, reset: now.Add(rateWindow)}
		s.windows[key] = w
	}
	if w.remaining <= 0 {
		return w, false
	}
	w.remaining--
	return w, true
}

func setRateHeaders(h http.Header, w *window) {
	h.Set("x-rate-limit-limit", strconv.Itoa(w.limit))
	h.Set("x-rate-limit-remaining", strconv.Itoa(w.remaining))
	h.Set("x-rate-limit-reset", strconv.FormatInt(w.reset.Unix(), 10))
}

// endpointName turns a route pattern into an endpoint name:
// "/2/users/{id}/mentions" becomes "/2/users/:id/mentions".
func endpointName(pattern string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(pattern, '{')
		j := strings.IndexByte(pattern, '}')
		if i < 0 || j < i {
			return b.String() + pattern
		}
		b.WriteString(pattern[:i] + ":" + pattern[i+1:j])
		pattern = pattern[j+1:]
	}
}

var tooManyRequests = problem{Title: "Too Many Requests", Detail: "Too Many Requests", Type: "about:blank"}
