package twitter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
)

// App is a developer app's keys: what a sign-in starts from.
type App struct {
	APIKey, APISecret string
}

// PendingLogin is a sign-in waiting for the person's PIN: the request
// token X gave, and the page where the person authorizes it.
type PendingLogin struct {
	Token, Secret string
	AuthorizeURL  string
}

// Login runs OAuth 1.0a's PIN flow ("out of band") against an API base:
// Start asks X for a request token, Finish trades it and the PIN for the
// account's access token. Secrets are returned, never logged.
type Login struct {
	App     App
	APIBase string
	// HTTP carries the requests; a client with a 30 s timeout when nil.
	HTTP *http.Client
	// Now stamps the signatures; time.Now when nil.
	Now func() time.Time
}

// ErrPINRefused is X refusing the PIN: wrong, or typed too late.
var ErrPINRefused = errors.New("X refused the PIN: it is wrong or too old; run hark login again for a new one")

// Start asks X for a request token and says where the person authorizes it.
func (l Login) Start(ctx context.Context) (PendingLogin, error) {
	form, err := l.call(ctx, "/oauth/request_token", "", "", map[string]string{"oauth_callback": "oob"})
	if err != nil {
		return PendingLogin{}, err
	}
	p := PendingLogin{Token: form.Get("oauth_token"), Secret: form.Get("oauth_token_secret")}
	if p.Token == "" || p.Secret == "" || form.Get("oauth_callback_confirmed") != "true" {
		return PendingLogin{}, fmt.Errorf("X's answer to the sign-in held no request token")
	}
	p.AuthorizeURL = strings.TrimSuffix(l.base(), "/") + "/oauth/authorize?oauth_token=" + url.QueryEscape(p.Token)
	return p, nil
}

// Finish trades the request token and the person's PIN for the account's
// access token and secret, and says whose they are.
func (l Login) Finish(ctx context.Context, p PendingLogin, pin string) (Credentials, model.User, error) {
	form, err := l.call(ctx, "/oauth/access_token", p.Token, p.Secret, map[string]string{"oauth_verifier": strings.TrimSpace(pin)})
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
		return Credentials{}, model.User{}, ErrPINRefused
	}
	if err != nil {
		return Credentials{}, model.User{}, err
	}
	c := Credentials{APIKey: l.App.APIKey, APIKeySecret: l.App.APISecret, AccessToken: form.Get("oauth_token"), AccessSecret: form.Get("oauth_token_secret")}
	if c.AccessToken == "" || c.AccessSecret == "" {
		return Credentials{}, model.User{}, fmt.Errorf("X's answer to the PIN held no access token")
	}
	id, _ := model.ParseID(form.Get("user_id"))
	return c, model.User{ID: id, Username: CleanName(form.Get("screen_name"))}, nil
}

func (l Login) base() string {
	if l.APIBase == "" {
		return DefaultAPIBase
	}
	return l.APIBase
}

// call POSTs one signed sign-in request and reads X's form-encoded answer.
func (l Login) call(ctx context.Context, path, token, secret string, extra map[string]string) (url.Values, error) {
	endpoint := strings.TrimSuffix(l.base(), "/") + path
	now := time.Now
	if l.Now != nil {
		now = l.Now
	}
	auth, err := oauthHeader(http.MethodPost, endpoint, l.App.APIKey, l.App.APISecret, token, secret, extra, now())
	if err != nil {
		return nil, fmt.Errorf("bad API base %q: %w", l.base(), err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", auth)
	hc := l.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	res, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reaching X for the sign-in: %w", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, &APIError{Status: res.StatusCode, Title: http.StatusText(res.StatusCode), Detail: errorText(strings.TrimSpace(string(body)))}
	}
	return url.ParseQuery(string(body))
}
