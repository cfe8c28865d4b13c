// Package tinynet is a second network, tiny and made up, that hark's
// tests run beside X to hold the network contract to its word: its ids
// are strings, its posts count by its own rule (Rules), and it is served
// over real HTTP on 127.0.0.1 (Server), read and written by a real client
// (Client) through network.Client. Nothing outside this package and the
// tests that register it knows of it; no user ever signs in to it.
package tinynet

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Post is a post as the tiny network keeps and sends it.
type Post struct {
	Ref     string    `json:"ref"`
	Author  string    `json:"author"`
	Text    string    `json:"text"`
	Created time.Time `json:"created"`
	// Parent is the post it answers; Root its thread's first post ("" for
	// a first post).
	Parent string `json:"parent,omitempty"`
	Root   string `json:"root,omitempty"`
}

// User is a person on the tiny network.
type User struct {
	Ref    string `json:"ref"`
	Handle string `json:"handle"`
	Name   string `json:"name"`
}

// page is the tiny network's answer of posts.
type page struct {
	Posts []Post `json:"posts"`
	Users []User `json:"users"`
	// Missing are refs asked for that it does not have.
	Missing []string `json:"missing,omitempty"`
	Next    string   `json:"next,omitempty"`
}

// Server serves a tiny network whose signed-in account is Shop.
type Server struct {
	Shop  User
	token string
	srv   *http.Server
	url   string

	mu    sync.Mutex
	users map[string]User
	posts []Post // in the order made
	calls int
}

// Start serves a tiny network on 127.0.0.1 for the shop, reached with
// token; its people are users.
func Start(shop User, token string, users ...User) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{Shop: shop, token: token, url: "http://" + ln.Addr().String(), users: map[string]User{shop.Ref: shop}}
	for _, u := range users {
		s.users[u.Ref] = u
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /me", s.auth(func(*http.Request) (any, error) { return shop, nil }))
	mux.HandleFunc("GET /mentions", s.auth(s.timeline(func(p Post) bool {
		return p.Author != shop.Ref && strings.Contains(strings.ToLower(p.Text), "@"+strings.ToLower(shop.Handle))
	})))
	mux.HandleFunc("GET /own", s.auth(s.timeline(func(p Post) bool { return p.Author == shop.Ref })))
	mux.HandleFunc("GET /posts", s.auth(s.lookUp))
	mux.HandleFunc("GET /users", s.auth(s.people))
	mux.HandleFunc("POST /posts", s.auth(s.create))
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// URL is where the network is served.
func (s *Server) URL() string { return s.url }

// Close stops serving.
func (s *Server) Close() error { return s.srv.Close() }

// Calls is how many requests the network answered.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// Add publishes a post by a person, answering parent ("" for none), made
// at at; it returns the post as kept.
func (s *Server) Add(author, text, parent string, at time.Time) Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.add(author, text, parent, at)
}

func (s *Server) add(author, text, parent string, at time.Time) Post {
	p := Post{Ref: "tiny:post/" + strconv.Itoa(len(s.posts)+1), Author: author, Text: text, Created: at.UTC(), Parent: parent}
	if i := s.find(parent); i >= 0 {
		p.Root = s.posts[i].Root
		if p.Root == "" {
			p.Root = parent
		}
	}
	s.posts = append(s.posts, p)
	return p
}

// Posts are every post, in the order made.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.posts)
}

func (s *Server) find(ref string) int {
	return slices.IndexFunc(s.posts, func(p Post) bool { return p.Ref == ref })
}

// auth answers a request carrying the token with fn's value as JSON.
func (s *Server) auth(fn func(*http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.calls++
		s.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+s.token {
			http.Error(w, `{"error":"bad token"}`, http.StatusUnauthorized)
			return
		}
		v, err := fn(r)
		if err != nil {
			http.Error(w, fmt.Sprintf(`{"error":%q}`, err.Error()), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
}

// timeline answers the posts keep keeps made at or after ?after (Unix
// ms), newest first, ?limit a page (10 when absent), from ?cursor on.
func (s *Server) timeline(keep func(Post) bool) func(*http.Request) (any, error) {
	return func(r *http.Request) (any, error) {
		q := r.URL.Query()
		after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
		from, _ := strconv.Atoi(q.Get("cursor"))
		limit, err := strconv.Atoi(q.Get("limit"))
		if err != nil || limit <= 0 {
			limit = 10
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		var all []Post
		for i := len(s.posts) - 1; i >= 0; i-- {
			if p := s.posts[i]; keep(p) && p.Created.UnixMilli() >= after {
				all = append(all, p)
			}
		}
		out := page{}
		if from < len(all) {
			end := min(from+limit, len(all))
			out.Posts = all[from:end]
			if end < len(all) {
				out.Next = strconv.Itoa(end)
			}
		}
		out.Users = s.authors(out.Posts)
		return out, nil
	}
}

// lookUp answers the posts ?refs names (comma-separated).
func (s *Server) lookUp(r *http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out page
	for _, ref := range strings.Split(r.URL.Query().Get("refs"), ",") {
		if i := s.find(ref); i >= 0 {
			out.Posts = append(out.Posts, s.posts[i])
		} else {
			out.Missing = append(out.Missing, ref)
		}
	}
	out.Users = s.authors(out.Posts)
	return out, nil
}

// people answers the people ?refs names.
func (s *Server) people(r *http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []User
	for _, ref := range strings.Split(r.URL.Query().Get("refs"), ",") {
		if u, ok := s.users[ref]; ok {
			out = append(out, u)
		}
	}
	return out, nil
}

// create posts the shop's {text, parent}.
func (s *Server) create(r *http.Request) (any, error) {
	var in struct{ Text, Parent string }
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<16)).Decode(&in); err != nil {
		return nil, err
	}
	if n := len([]rune(in.Text)); n == 0 || n > Limit {
		return nil, fmt.Errorf("a post is 1 to %d characters, not %d", Limit, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.Parent != "" && s.find(in.Parent) < 0 {
		return nil, fmt.Errorf("no post %s", in.Parent)
	}
	return s.add(s.Shop.Ref, in.Text, in.Parent, time.Now()), nil
}

// authors are the people who wrote posts.
func (s *Server) authors(posts []Post) []User {
	var out []User
	for _, p := range posts {
		if u, ok := s.users[p.Author]; ok && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}
