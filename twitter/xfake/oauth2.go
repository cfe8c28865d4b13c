package xfake

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// OAuth 2.0's authorization code flow with PKCE, as X runs it for the
// activity subscriptions: the authorize page (played as the person
// pressing "Authorize app": it redirects at once), the code traded for an
// access token (2 hours) and a refresh token within 30 s, and the refresh
// token traded for a new pair, once: X's refresh tokens rotate and a used
// one is refused.

// Lifetimes X gives its OAuth 2.0 codes and user access tokens.
const (
	codeLife      = 30 * time.Second
	userTokenLife = 2 * time.Hour
)

// oauth2State is what the flow has issued.
type oauth2State struct {
	codes   map[string]authCode
	access  map[string]userToken
	refresh map[string]refreshToken
	// oauth1Refused plays X taking only OAuth 2.0 user tokens for the
	// subscriptions, as its prose says.
	oauth1Refused bool
	// slowAnswer holds each token answer back after the tokens changed:
	// an answer arriving after the client gave up.
	slowAnswer time.Duration
}

type authCode struct {
	clientID, redirect, challenge, scope string
	user                                 uint64
	issued                               time.Time
}

type userToken struct {
	user    uint64
	expires time.Time
}

type refreshToken struct {
	clientID, scope string
	user            uint64
	used            bool
}

// UserTokenLife is how long an OAuth 2.0 user access token lasts.
const UserTokenLife = userTokenLife

// oauth2Authorize is GET /i/oauth2/authorize (x.com's page): it checks
// the request as X does and redirects to the app's callback with a code,
// as if the person pressed "Authorize app".
func (s *Server) oauth2Authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect := q.Get("redirect_uri")
	switch {
	case q.Get("response_type") != "code" || q.Get("client_id") == "" || q.Get("state") == "":
		http.Error(w, "Something went wrong: the request lacks response_type=code, client_id or state.", http.StatusBadRequest)
		return
	case s.opts.ClientID != "" && q.Get("client_id") != s.opts.ClientID:
		http.Error(w, "Something went wrong: this app is not known.", http.StatusBadRequest)
		return
	case !s.registeredCallback(redirect):
		http.Error(w, "Something went wrong: the callback URL is not one the app registered.", http.StatusBadRequest)
		return
	case q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) < 43:
		http.Error(w, "Something went wrong: code_challenge with S256 is required.", http.StatusBadRequest)
		return
	}
	code := randomHex(24)
	s.mu.Lock()
	s.o2().codes[code] = authCode{clientID: q.Get("client_id"), redirect: redirect, challenge: q.Get("code_challenge"),
		scope: q.Get("scope"), user: s.data.self, issued: s.opts.Clock()}
	s.mu.Unlock()
	back, _ := url.Parse(redirect)
	v := back.Query()
	v.Set("state", q.Get("state"))
	v.Set("code", code)
	back.RawQuery = v.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// registeredCallback says whether X would send the person back to
// redirect: one of Options.Callbacks exactly, or, with none set, any
// http://127.0.0.1 address.
func (s *Server) registeredCallback(redirect string) bool {
	if len(s.opts.Callbacks) > 0 {
		for _, c := range s.opts.Callbacks {
			if c == redirect {
				return true
			}
		}
		return false
	}
	u, err := url.Parse(redirect)
	return err == nil && u.Scheme == "http" && u.Hostname() == "127.0.0.1"
}

// oauth2Token is POST /2/oauth2/token: a code or a refresh token traded
// for a new access token and refresh token.
func (s *Server) oauth2Token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		tokenError(w, "invalid_request", "The request could not be read.")
		return
	}
	clientID := r.PostForm.Get("client_id")
	if id, secret, ok := r.BasicAuth(); ok {
		if s.opts.ClientSecret != "" && secret != s.opts.ClientSecret {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized_client", "error_description": "Missing valid authorization header"})
			return
		}
		clientID = id
	}
	s.mu.Lock()
	s.calls["POST /2/oauth2/token"]++
	var answer map[string]any
	var refused string
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		answer, refused = s.tradeCode(clientID, r.PostForm)
	case "refresh_token":
		answer, refused = s.tradeRefresh(clientID, r.PostForm.Get("refresh_token"))
	default:
		refused = "Missing required parameter [grant_type]."
	}
	slow := s.o2().slowAnswer
	s.mu.Unlock()
	if refused != "" {
		tokenError(w, "invalid_request", refused)
		return
	}
	time.Sleep(slow)
	writeJSON(w, http.StatusOK, answer)
}

// tradeCode checks a code against its PKCE verifier, once, within 30 s.
// The caller holds the mutex.
func (s *Server) tradeCode(clientID string, form url.Values) (map[string]any, string) {
	code, ok := s.o2().codes[form.Get("code")]
	delete(s.o2().codes, form.Get("code"))
	sum := sha256.Sum256([]byte(form.Get("code_verifier")))
	switch {
	case !ok || s.opts.Clock().Sub(code.issued) > codeLife:
		return nil, "Value passed for the authorization code was invalid."
	case code.clientID != clientID || code.redirect != form.Get("redirect_uri"):
		return nil, "Value passed for the redirect uri or the client id was invalid."
	case base64.RawURLEncoding.EncodeToString(sum[:]) != code.challenge:
		return nil, "Value passed for the code verifier did not match the code challenge."
	}
	return s.issueUserTokens(clientID, code.scope, code.user), ""
}

// tradeRefresh rotates a refresh token: the one given is spent. The
// caller holds the mutex.
func (s *Server) tradeRefresh(clientID, token string) (map[string]any, string) {
	rt, ok := s.o2().refresh[token]
	if !ok || rt.used || rt.clientID != clientID {
		return nil, "Value passed for the token was invalid."
	}
	rt.used = true
	s.o2().refresh[token] = rt
	return s.issueUserTokens(clientID, rt.scope, rt.user), ""
}

// issueUserTokens makes an access token and, with offline.access, a
// refresh token. The caller holds the mutex.
func (s *Server) issueUserTokens(clientID, scope string, user uint64) map[string]any {
	access := randomHex(24)
	s.o2().access[access] = userToken{user: user, expires: s.opts.Clock().Add(userTokenLife)}
	out := map[string]any{"token_type": "bearer", "expires_in": int(userTokenLife.Seconds()), "access_token": access, "scope": scope}
	if strings.Contains(" "+scope+" ", " offline.access ") {
		refresh := randomHex(24)
		s.o2().refresh[refresh] = refreshToken{clientID: clientID, scope: scope, user: user}
		out["refresh_token"] = refresh
	}
	return out
}

func tokenError(w http.ResponseWriter, code, description string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": code, "error_description": description})
}

// o2 is the flow's state, made on first use. The caller holds the mutex.
func (s *Server) o2() *oauth2State {
	if s.oauth2.codes == nil {
		s.oauth2.codes, s.oauth2.access, s.oauth2.refresh = map[string]authCode{}, map[string]userToken{}, map[string]refreshToken{}
	}
	return &s.oauth2
}

// userOf is the account an OAuth 2.0 user access token signs in, and
// whether it is one X issued and has not expired. The caller holds the
// mutex.
func (s *Server) userOf(header string) (uint64, bool) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return 0, false
	}
	t, ok := s.o2().access[token]
	return t.user, ok && s.opts.Clock().Before(t.expires)
}

// RefuseOAuth1Subscriptions plays X taking only OAuth 2.0 user tokens
// for the activity subscriptions (its prose), not the OAuth 1.0a ones
// its OpenAPI document also lists.
func (s *Server) RefuseOAuth1Subscriptions(refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth2.oauth1Refused = refuse
}

// SlowTokenAnswers holds each answer of POST /2/oauth2/token back by d
// after the tokens have changed, as an answer that arrives after the
// client gave up.
func (s *Server) SlowTokenAnswers(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.o2().slowAnswer = d
}

// RefreshTokens says how many refresh tokens X issued and how many of
// them are spent.
func (s *Server) RefreshTokens() (issued, spent int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rt := range s.o2().refresh {
		issued++
		if rt.used {
			spent++
		}
	}
	return issued, spent
}

// unsupportedAuth is X's 403 for a token of the wrong kind.
var unsupportedAuth = problem{Title: "Unsupported Authentication",
	Detail: "Authenticating with OAuth 1.0a User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 User Context].",
	Type:   problemBase + "unsupported-authentication"}

// oauth1Refused answers X's 403 when the subscriptions take only OAuth
// 2.0 and r is signed with OAuth 1.0a. The caller holds the mutex.
func (s *Server) oauth1Refused(w http.ResponseWriter, r *http.Request) bool {
	if s.oauth2.oauth1Refused && strings.HasPrefix(r.Header.Get("Authorization"), "OAuth ") {
		writeProblem(w, http.StatusForbidden, unsupportedAuth)
		return true
	}
	return false
}
