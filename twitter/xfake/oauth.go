package xfake

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"math/big"
	"net/http"
	"net/url"
	"strings"

	"github.com/harkhq/hark/model"
)

// The OAuth 1.0a PIN flow as X runs it: a request token for the app
// (oauth_callback=oob), a page where the person authorizes it and reads
// a PIN, and the PIN traded for the account's access token. Every call is
// signed; the tokens issued are accepted by the API from then on.

// tokenPair is a token and its secret.
type tokenPair struct{ token, secret string }

// pending is a request token waiting to be authorized and traded.
type pending struct {
	secret, pin string
	authorized  bool
}

// newPIN is a random 7-digit PIN, as X shows.
func newPIN() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(9_000_000))
	return fmt.Sprint(1_000_000 + n.Int64())
}

// randomHex is n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// requestToken is POST /oauth/request_token.
func (s *Server) requestToken(w http.ResponseWriter, r *http.Request) {
	oauth, ok := s.signedByApp(w, r, "", "")
	if !ok {
		return
	}
	if oauth["oauth_callback"] != "oob" {
		http.Error(w, "Callback URL not approved for this client application.", http.StatusForbidden)
		return
	}
	token, secret := randomHex(16), randomHex(20)
	s.mu.Lock()
	s.pending[token] = &pending{secret: secret, pin: newPIN()}
	s.mu.Unlock()
	fmt.Fprintf(w, "oauth_token=%s&oauth_token_secret=%s&oauth_callback_confirmed=true", token, secret)
}

// authorize is GET /oauth/authorize: the page that shows the PIN, as if
// the person signed in to X and pressed "Authorize app".
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("oauth_token")
	s.mu.Lock()
	p := s.pending[token]
	if p != nil {
		p.authorized = true
	}
	s.mu.Unlock()
	if p == nil {
		http.Error(w, "This page is no longer valid. It looks like someone already used the token information you provided.", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<html><body><p>You've granted access to %s!</p><p>Next, return to %s and enter this PIN to complete the authorization process:</p><kbd aria-labelledby=\"code-desc\"><code>%s</code></kbd></body></html>",
		html.EscapeString(s.opts.appName()), html.EscapeString(s.opts.appName()), p.pin)
}

// PINOf reads the PIN from the authorize page's HTML, as a person reads it.
func PINOf(page string) string {
	_, rest, ok := strings.Cut(page, "<code>")
	pin, _, ok2 := strings.Cut(rest, "</code>")
	if !ok || !ok2 {
		return ""
	}
	return pin
}

// accessToken is POST /oauth/access_token.
func (s *Server) accessToken(w http.ResponseWriter, r *http.Request) {
	token := oauthParams(r.Header.Get("Authorization"))["oauth_token"]
	s.mu.Lock()
	p := s.pending[token]
	s.mu.Unlock()
	if p == nil {
		http.Error(w, "Invalid request token.", http.StatusUnauthorized)
		return
	}
	oauth, ok := s.signedByApp(w, r, token, p.secret)
	if !ok {
		return
	}
	if !p.authorized || oauth["oauth_verifier"] != p.pin {
		http.Error(w, "Error processing your OAuth request: Invalid oauth_verifier parameter", http.StatusUnauthorized)
		return
	}
	issued := tokenPair{token: model.FormatID(s.Account().ID) + "-" + randomHex(12), secret: randomHex(20)}
	s.mu.Lock()
	delete(s.pending, token)
	s.issued[issued.token] = issued.secret
	s.mu.Unlock()
	acct := s.Account()
	fmt.Fprintf(w, "oauth_token=%s&oauth_token_secret=%s&user_id=%d&screen_name=%s",
		url.QueryEscape(issued.token), url.QueryEscape(issued.secret), acct.ID, url.QueryEscape(acct.Username))
}

// signedByApp checks that a sign-in call is signed by the app's keys (and
// the token's secret, once there is a token); it answers 401 otherwise.
func (s *Server) signedByApp(w http.ResponseWriter, r *http.Request, token, tokenSecret string) (map[string]string, bool) {
	h := r.Header.Get("Authorization")
	sec := s.opts.Secrets
	if sec == nil {
		sec = &Secrets{}
	}
	app := Secrets{ConsumerKey: sec.ConsumerKey, ConsumerSecret: sec.ConsumerSecret, Token: token, TokenSecret: tokenSecret}
	if !strings.HasPrefix(h, "OAuth ") || s.opts.Secrets != nil && !validSignature(r, h, app) {
		http.Error(w, "Could not authenticate you.", http.StatusUnauthorized)
		return nil, false
	}
	return oauthParams(h), true
}

// oauthParams reads an OAuth header's parameters.
func oauthParams(header string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(header, "OAuth "), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		if v, err := url.QueryUnescape(strings.Trim(v, `"`)); err == nil {
			out[k] = v
		}
	}
	return out
}

// PendingTokens are the request tokens a sign-in asked for and did not
// trade yet: a test plays the person opening the authorize page with one.
func (s *Server) PendingTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.pending))
	for t := range s.pending {
		out = append(out, t)
	}
	return out
}
