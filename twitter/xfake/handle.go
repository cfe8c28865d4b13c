package xfake

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

var unauthorized = problem{Title: "Unauthorized", Detail: "Unauthorized", Type: "about:blank"}

// handle wraps an endpoint handler with what every X endpoint does:
// authentication, injected faults, the rate limit and its headers. The
// handler runs with the server's lock held.
func (s *Server) handle(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer s.flushEvents() // what the call made, pushed once the mutex is let go
		endpoint := endpointName(r.Pattern)
		s.mu.Lock()
		s.calls[endpoint]++
		now := s.opts.Clock()
		if !s.authorized(r) {
			s.mu.Unlock()
			writeProblem(w, http.StatusUnauthorized, unauthorized)
			return
		}
		self := s.accountOf(r)
		r = r.WithContext(context.WithValue(r.Context(), selfKey{}, self))
		fault, faulty := s.nextFault(endpoint)
		win, ok := s.take(endpoint, self, now)
		if faulty && fault.Status == http.StatusTooManyRequests && fault.UsageCap == "" {
			win.remaining = 0
			if fault.RetryIn > 0 {
				win.reset = now.Add(fault.RetryIn)
			}
			ok = false
		}
		setRateHeaders(w.Header(), win)
		w.Header().Set("Date", now.UTC().Format(http.TimeFormat)) // X's clock, which may not be ours
		s.mu.Unlock()

		switch {
		case faulty && fault.needsAnswer() && ok:
			s.serveFaulty(w, r, h, fault)
		case faulty && !s.applyFault(w, r, fault):
		case !ok:
			writeProblem(w, http.StatusTooManyRequests, tooManyRequests)
		default:
			s.mu.Lock()
			defer s.mu.Unlock()
			bw := &billingWriter{ResponseWriter: w}
			h(bw, r)
			s.billing.bill(endpoint, bw.status, bw.body, s.opts.Clock())
		}
	}
}

// serveFaulty does the work, then acts out the fault on its answer.
func (s *Server) serveFaulty(w http.ResponseWriter, r *http.Request, h http.HandlerFunc, f Fault) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	s.mu.Lock()
	h(rec, r)
	s.mu.Unlock()
	if f.Edit != nil {
		rec.edit(f.Edit)
	}
	truncate := f.Truncate
	f.Commit, f.Truncate, f.Edit = false, false, nil
	if !s.applyFault(w, r, f) {
		return
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	body := rec.body.Bytes()
	if !truncate {
		w.WriteHeader(rec.status)
		_, _ = w.Write(body)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.status)
	_, _ = w.Write(body[:len(body)/2])
	hangUp(w)
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

// edit lets fn change the recorded JSON answer.
func (r *recorder) edit(fn func(map[string]any)) {
	var answer map[string]any
	if json.Unmarshal(r.body.Bytes(), &answer) != nil {
		return
	}
	fn(answer)
	r.body.Reset()
	_ = json.NewEncoder(&r.body).Encode(answer)
}

// hangUp closes the connection under a handler.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, buf, err := hj.Hijack(); err == nil {
			_ = buf.Flush()
			conn.Close()
		}
	}
}

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
		hangUp(w)
		return false
	case f.Malformed:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"data":[{"id":"12`))
		return false
	case f.Huge != 0:
		writeHuge(w, r, f)
		return false
	case f.UsageCap != "":
		writeProblem(w, http.StatusTooManyRequests, problem{Title: "UsageCapExceeded", Detail: "Usage cap exceeded: " + f.UsageCap + " project cap",
			Type: problemBase + "usage-capped", Period: f.UsageCap, Scope: "Product"})
		return false
	case f.Status == http.StatusPaymentRequired:
		writeProblem(w, f.Status, problem{Title: "CreditsDepleted", Detail: "Your enrolled account [" + strconv.FormatUint(s.data.self, 10) + "] does not have any credits to fulfill this request.",
			Type: problemBase + "credits"})
		return false
	case f.Status != 0 && f.Status != http.StatusTooManyRequests:
		writeProblem(w, f.Status, problem{Title: http.StatusText(f.Status), Detail: strconv.Itoa(f.Status) + " " + http.StatusText(f.Status), Type: "about:blank"})
		return false
	}
	return true
}

// writeHuge answers with a problem whose detail is f.Huge bytes long, or
// endless, without a Content-Length.
func writeHuge(w http.ResponseWriter, r *http.Request, f Fault) {
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"title":"Error","type":"about:blank","detail":"`))
	chunk := []byte(strings.Repeat("x", 64<<10))
	for sent := int64(0); f.Huge < 0 || sent < f.Huge; sent += int64(len(chunk)) {
		if r.Context().Err() != nil {
			return
		}
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
	_, _ = w.Write([]byte(`"}`))
}
