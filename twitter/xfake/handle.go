package xfake

import (
	"bytes"
	"net/http"
	"strconv"
	"time"
)

var unauthorized = problem{Title: "Unauthorized", Detail: "Unauthorized", Type: "about:blank"}

// handle wraps an endpoint handler with what every X endpoint does:
// authentication, injected faults, the rate limit and its headers. The
// handler runs with the server's lock held.
func (s *Server) handle(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		endpoint := endpointName(r.Pattern)
		s.mu.Lock()
		now := s.opts.Clock()
		if !s.authorized(r) {
			s.mu.Unlock()
			writeProblem(w, http.StatusUnauthorized, unauthorized)
			return
		}
		fault, faulty := s.nextFault(endpoint)
		win, ok := s.take(endpoint, now)
		if faulty && fault.Status == http.StatusTooManyRequests {
			win.remaining = 0
			if fault.RetryIn > 0 {
				win.reset = now.Add(fault.RetryIn)
			}
			ok = false
		}
		setRateHeaders(w.Header(), win)
		s.mu.Unlock()

		if faulty && !s.applyFault(w, r, fault) {
			return
		}
		if !ok {
			writeProblem(w, http.StatusTooManyRequests, tooManyRequests)
			return
		}
		if faulty && fault.DelayAfter > 0 {
			s.serveLate(w, r, h, fault.DelayAfter)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		h(w, r)
	}
}

// serveLate does the work at once and answers after delay.
func (s *Server) serveLate(w http.ResponseWriter, r *http.Request, h http.HandlerFunc, delay time.Duration) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	s.mu.Lock()
	h(rec, r)
	s.mu.Unlock()
	select {
	case <-time.After(delay):
	case <-r.Context().Done():
		return
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// recorder keeps an answer to send later.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }

// applyFault acts out a fault; false when it answered the request.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return false
		}
	}
	switch {
	case f.Drop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
		return false
	case f.Malformed:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"data":[{"id":"12`))
		return false
	case f.Status != 0 && f.Status != http.StatusTooManyRequests:
		writeProblem(w, f.Status, problem{Title: http.StatusText(f.Status), Detail: strconv.Itoa(f.Status) + " " + http.StatusText(f.Status), Type: "about:blank"})
		return false
	}
	return true
}
