// Package xfake is a simulated X API v2: a real HTTP server on 127.0.0.1
// that speaks the contract hark relies on (JSON shapes, since_id and
// pagination_token paging, includes, problem+json errors, partial errors,
// rate-limit headers and 429s, the reply and duplicate rules). Tests and
// the demo run the real client against it.
package xfake

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/harkhq/hark/model"
)

// Options configure a Server.
type Options struct {
	// Clock tells the time; time.Now when nil. Rate-limit windows and new
	// posts follow it.
	Clock func() time.Time
	// Limits overrides the requests allowed per 15-minute window, by
	// endpoint name ("GET /2/users/:id/mentions").
	Limits map[string]int
	// Secrets, when set, make the server verify OAuth 1.0a signatures
	// against them, as X does.
	Secrets *Secrets
	// AppName is the developer app's name on the authorize page ("hark"
	// when empty).
	AppName string
	// KeepAlive is the pause between the activity stream's blank lines
	// (20 s, as X's, when zero).
	KeepAlive time.Duration
	// ClientID and ClientSecret are the app's OAuth 2.0 client (any
	// client id, and a public client, when empty); Callbacks the
	// callback URLs registered for it (any http://127.0.0.1 one when
	// none).
	ClientID, ClientSecret string
	Callbacks              []string
}

func (o Options) appName() string {
	if o.AppName == "" {
		return "hark"
	}
	return o.AppName
}

// Secrets are the keys a signed request must have been signed with.
type Secrets struct {
	ConsumerKey, ConsumerSecret, Token, TokenSecret string
}

// Server is the simulated X. It is safe for concurrent use.
type Server struct {
	opts     Options
	httpSrv  *http.Server
	listener net.Listener

	mu           sync.Mutex
	data         *store
	windows      map[string]*window
	faults       map[string][]Fault
	unauthorized bool
	// duplicateRule refuses a post whose text the account posted before.
	duplicateRule bool
	// calls counts the requests each endpoint was sent, answered or not.
	calls map[string]int
	// billing is what X billed for the answers it served.
	billing billing
	// pending are the sign-ins' request tokens; issued the access
	// tokens they traded for (token → secret), accepted from then on.
	pending map[string]*pending
	issued  map[string]string
	// dmDenied plays an app whose permission is "Read and write": X
	// refuses its DM calls.
	dmDenied bool
	// streams are the activity stream's connections and app tokens.
	streams streams
	// subs are the app's activity subscriptions.
	subs []Subscription
	// oauth2 is what the OAuth 2.0 sign-in issued.
	oauth2 oauth2State
}

// Start serves scenario on a random port of 127.0.0.1.
func Start(scenario Scenario, opts Options) (*Server, error) {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: opts, listener: ln, data: newStore(scenario),
		windows: map[string]*window{}, faults: map[string][]Fault{}, duplicateRule: true,
		pending: map[string]*pending{}, issued: map[string]string{}, calls: map[string]int{},
	}
	s.httpSrv = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 5 * time.Second}
	go s.httpSrv.Serve(ln) //nolint:errcheck // ends with Close; clients see any failure
	return s, nil
}

// URL is the server's base URL, to be used as hark's API base.
func (s *Server) URL() string { return "http://" + s.listener.Addr().String() }

// Close stops the server.
func (s *Server) Close() error {
	s.Cut() // a stream ends only when told
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := s.httpSrv.Shutdown(ctx); err != nil {
		return s.httpSrv.Close()
	}
	return nil
}

// Account is the user the credentials belong to.
func (s *Server) Account() model.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data.users[s.data.self]
}

// Calls is how many requests an endpoint ("GET /2/users/:id/mentions")
// was sent so far.
func (s *Server) Calls(endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[endpoint]
}

// AddPost publishes a post as if someone wrote it now. A zero ID or time
// is filled in; a zero conversation starts a new one. It returns the post
// as stored.
func (s *Server) AddPost(p model.Post) model.Post {
	s.mu.Lock()
	p = s.data.add(p, s.opts.Clock())
	s.announcePost(p)
	s.mu.Unlock()
	s.flushEvents()
	return p
}

// SetDMPermission plays an app with (true) or without (false) the
// permission "Read, write, and Direct Messages": without, X refuses every
// DM call with a 403 of type oauth1-permissions.
func (s *Server) SetDMPermission(ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dmDenied = !ok
}

// AddDM delivers a direct message as if it were sent now (or at its
// CreatedAt): from someone to the shop, or from the shop in X's own app.
// It returns the DM with its event id.
func (s *Server) AddDM(dm DM) DM {
	s.mu.Lock()
	dm = s.data.addDM(dm, s.opts.Clock())
	s.announceDM(dm)
	s.mu.Unlock()
	s.flushEvents()
	return dm
}

// DeletePost removes a post, as its author deleting it would (in X's
// app): the subscriptions to its author's post.delete are pushed.
func (s *Server) DeletePost(id uint64) {
	s.mu.Lock()
	s.deletePost(id)
	s.mu.Unlock()
	s.flushEvents()
}

// deletePost removes a post and announces it; the caller holds the mutex.
func (s *Server) deletePost(id uint64) {
	if p, ok := s.data.posts[id]; ok {
		s.announceDelete(p)
	}
	s.data.remove(id)
}

// Posts returns every post the server holds, oldest first.
func (s *Server) Posts() []model.Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data.all()
}

// DMs returns the direct messages sent so far, oldest first.
func (s *Server) DMs() []DM {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]DM(nil), s.data.dms...)
}

// SetUnauthorized makes every request fail with 401, as revoked
// credentials would, until called with false.
func (s *Server) SetUnauthorized(v bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unauthorized = v
}

// SetDuplicateRule switches X's refusal of duplicate posts on or off
// (on at start). X has no such rule for DMs.
func (s *Server) SetDuplicateRule(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.duplicateRule = on
}

// routes maps X's paths to handlers.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2/users/me", s.handle(s.getMe))
	mux.HandleFunc("GET /2/users", s.handle(s.getUsers))
	mux.HandleFunc("GET /2/users/{id}/mentions", s.handle(s.getMentions))
	mux.HandleFunc("GET /2/tweets", s.handle(s.getTweets))
	mux.HandleFunc("GET /2/tweets/search/recent", s.handle(s.searchRecent))
	mux.HandleFunc("GET /2/tweets/{id}", s.handle(s.getTweet))
	mux.HandleFunc("POST /2/tweets", s.handle(s.createTweet))
	mux.HandleFunc("DELETE /2/tweets/{id}", s.handle(s.deleteTweet))
	mux.HandleFunc("GET /2/users/{id}/tweets", s.handle(s.getUserTweets))
	mux.HandleFunc("POST /2/dm_conversations/with/{participant_id}/messages", s.handle(s.sendDM))
	mux.HandleFunc("GET /2/dm_conversations/with/{participant_id}/dm_events", s.handle(s.getDMEvents))
	mux.HandleFunc("GET /2/dm_events", s.handle(s.getAllDMEvents))
	mux.HandleFunc("POST /oauth2/token", s.issueAppToken)
	mux.HandleFunc("GET /2/activity/stream", s.activityStream)
	mux.HandleFunc("POST /2/activity/subscriptions", s.handle(s.createSubscription))
	mux.HandleFunc("GET /2/activity/subscriptions", s.handle(s.listSubscriptions))
	mux.HandleFunc("DELETE /2/activity/subscriptions/{subscription_id}", s.deleteSubscription)
	mux.HandleFunc("POST /oauth/request_token", s.requestToken)
	mux.HandleFunc("GET /oauth/authorize", s.authorize)
	mux.HandleFunc("POST /oauth/access_token", s.accessToken)
	mux.HandleFunc("GET /i/oauth2/authorize", s.oauth2Authorize)
	mux.HandleFunc("POST /xfake/cut", func(w http.ResponseWriter, _ *http.Request) { // the stand-in's knob, not X's
		s.Cut()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /2/oauth2/token", s.oauth2Token)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusNotFound, problem{Title: "Not Found", Detail: "Sorry, that page does not exist.", Type: "about:blank"})
	})
	return mux
}
