package twitter

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Limit is the state of one endpoint's rate-limit window, as X's
// x-rate-limit-* headers last told it.
type Limit struct {
	Limit     int
	Remaining int
	Reset     time.Time
}

// RateLimits records the rate-limit headers of every response, per
// endpoint. It is safe for concurrent use.
type RateLimits struct {
	mu     sync.Mutex
	limits map[string]Limit
}

// NewRateLimits returns an empty record.
func NewRateLimits() *RateLimits { return &RateLimits{limits: map[string]Limit{}} }

// Get returns what is known of an endpoint, named as "GET /2/users/:id/mentions".
func (r *RateLimits) Get(endpoint string) (Limit, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l, ok := r.limits[endpoint]
	return l, ok
}

// record keeps the headers of a response to method and path.
func (r *RateLimits) record(method, path string, h http.Header) {
	limit, okL := headerInt(h, "x-rate-limit-limit")
	remaining, okR := headerInt(h, "x-rate-limit-remaining")
	reset, okS := headerInt(h, "x-rate-limit-reset")
	if !okL || !okR || !okS {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.limits[EndpointName(method, path)] = Limit{Limit: limit, Remaining: remaining, Reset: time.Unix(int64(reset), 0)}
}

// EndpointName names an endpoint by method and path, with ids as ":id"
// ("GET /2/users/:id/mentions"); the version segment stays.
func EndpointName(method, path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if i > 1 && p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = ":id"
		}
	}
	return method + " " + strings.Join(parts, "/")
}

func headerInt(h http.Header, name string) (int, bool) {
	v, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
	return v, err == nil
}
