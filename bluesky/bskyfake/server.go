// Package bskyfake is a simulated Bluesky for tests and the demo: a real
// HTTP server on 127.0.0.1 that speaks XRPC as a PDS and its app view
// do, with the Lexicons' shapes: sessions made from an app password and
// renewed by a single-use refresh token, access tokens that expire,
// notifications paged by cursor, posts, records made and deleted, people,
// handles resolved, rate limits with Bluesky's headers, and errors as
// {"error", "message"}. It is its own code: it shares none with the
// client it tests.
package bskyfake

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"sync"
	"time"
)

// Account is a person on the simulated Bluesky.
type Account struct {
	DID, Handle, DisplayName string
	// AppPassword signs the account in (createSession); "" for one that
	// never signs in.
	AppPassword string
	// NoDMs plays an app password made without "Allow access to your
	// direct messages": the chat service refuses its sessions.
	NoDMs bool
}

// Options are the simulated Bluesky's settings.
type Options struct {
	// Clock tells the time; time.Now when nil. Tokens expire and rate
	// windows turn by it.
	Clock func() time.Time
	// AccessLife is how long an access token lasts (2 hours when zero,
	// as Bluesky's PDS gives).
	AccessLife time.Duration
	// Limits override the calls allowed per 5-minute window, by XRPC
	// method name.
	Limits map[string]int
}

// Server is the simulated Bluesky. It is safe for concurrent use.
type Server struct {
	opts     Options
	ln       net.Listener
	httpSrv  *http.Server
	mu       sync.Mutex
	accounts map[string]Account // by DID
	self     string             // the shop's DID, whose notifications are listed
	posts    []*post            // oldest first
	seq      int
	access   map[string]session
	refresh  map[string]session
	windows  map[string]*window
	calls    map[string]int
	// loseAnswers is how many records or messages made next lose their
	// answers.
	loseAnswers int
	// convos are the chat service's conversations; chatLog each
	// account's log of changes.
	convos  []*convo
	chatLog map[string][]logEntry
}

// session is a token issued: whose, until when, and whether spent.
type session struct {
	did     string
	expires time.Time
	spent   bool
}

// Start serves the accounts, the first of them the shop, on a random
// port of 127.0.0.1.
func Start(accounts []Account, o Options) (*Server, error) {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.AccessLife == 0 {
		o.AccessLife = 2 * time.Hour
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, ln: ln, accounts: map[string]Account{}, access: map[string]session{},
		refresh: map[string]session{}, windows: map[string]*window{}, calls: map[string]int{}, chatLog: map[string][]logEntry{}}
	for i, a := range accounts {
		s.accounts[a.DID] = a
		if i == 0 {
			s.self = a.DID
		}
	}
	s.httpSrv = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 5 * time.Second}
	go s.httpSrv.Serve(ln) //nolint:errcheck // ends with Close
	return s, nil
}

// URL is the server's address: the PDS (and app view) hark talks to.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return s.httpSrv.Shutdown(ctx)
}

// Calls is how many times an XRPC method was called.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// routes maps the XRPC methods to their handlers.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for name, h := range map[string]http.HandlerFunc{
		"POST /xrpc/com.atproto.server.createSession":       s.createSession,
		"POST /xrpc/com.atproto.server.refreshSession":      s.refreshSession,
		"GET /xrpc/com.atproto.server.getSession":           s.authed(s.getSession),
		"GET /xrpc/com.atproto.identity.resolveHandle":      s.authed(s.resolveHandle),
		"GET /xrpc/app.bsky.actor.getProfiles":              s.authed(s.getProfiles),
		"GET /xrpc/app.bsky.notification.listNotifications": s.authed(s.listNotifications),
		"GET /xrpc/app.bsky.feed.getPosts":                  s.authed(s.getPosts),
		"GET /xrpc/app.bsky.feed.getAuthorFeed":             s.authed(s.getAuthorFeed),
		"POST /xrpc/com.atproto.repo.createRecord":          s.authed(s.createRecord),
		"POST /xrpc/com.atproto.repo.deleteRecord":          s.authed(s.deleteRecord),
		"GET /xrpc/chat.bsky.convo.listConvos":              s.chat(s.listConvos),
		"GET /xrpc/chat.bsky.convo.getMessages":             s.chat(s.getMessages),
		"GET /xrpc/chat.bsky.convo.getConvoForMembers":      s.chat(s.getConvoForMembers),
		"POST /xrpc/chat.bsky.convo.sendMessage":            s.chat(s.sendMessage),
		"GET /xrpc/chat.bsky.convo.getLog":                  s.chat(s.getLog),
		"GET /xrpc/chat.bsky.convo.getConvo":                s.chat(s.getConvo),
	} {
		mux.HandleFunc(name, h)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		xrpcError(w, http.StatusNotImplemented, "MethodNotImplemented", "Method Not Implemented")
	})
	return mux
}

// xrpcError writes an XRPC error: {"error": name, "message": message}.
func xrpcError(w http.ResponseWriter, status int, name, message string) {
	writeJSON(w, status, map[string]string{"error": name, "message": message})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
