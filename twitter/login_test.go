package twitter_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// openPage reads the authorize page, as the person's browser would.
func openPage(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// TestPINFlowSignsInThroughRealSignatures: request token, the authorize
// page's PIN, the access token, then the API accepts the new token; a
// wrong PIN and wrong app keys are refused in words that say so.
func TestPINFlowSignsInThroughRealSignatures(t *testing.T) {
	srv, _ := startFake(t, mentionScenario(2))
	ctx := context.Background()
	login := twitter.Login{App: twitter.App{APIKey: creds.APIKey, APISecret: creds.APIKeySecret}, APIBase: srv.URL()}
	p, err := login.Start(ctx)
	if err != nil || !strings.HasPrefix(p.AuthorizeURL, srv.URL()+"/oauth/authorize?oauth_token=") {
		t.Fatalf("start: %+v, %v", p, err)
	}
	if _, _, err := login.Finish(ctx, p, "0000000"); !errors.Is(err, twitter.ErrPINRefused) {
		t.Errorf("a PIN before the page was opened: %v", err)
	}
	pin := xfake.PINOf(openPage(t, p.AuthorizeURL))
	if len(pin) != 7 {
		t.Fatalf("PIN %q", pin)
	}
	if _, _, err := login.Finish(ctx, p, "1234567"); !errors.Is(err, twitter.ErrPINRefused) {
		t.Errorf("a wrong PIN: %v", err)
	}
	got, who, err := login.Finish(ctx, p, pin+"\n")
	if err != nil || got.AccessToken == creds.AccessToken || who.Username != shop.Username {
		t.Fatalf("finish: %+v %+v, %v", got, who, err)
	}
	c, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: got})
	if err != nil {
		t.Fatal(err)
	}
	if me, err := c.Me(ctx); err != nil || me.ID != shop.ID {
		t.Errorf("the new token: %+v, %v", me, err)
	}
	bad := twitter.Login{App: twitter.App{APIKey: creds.APIKey, APISecret: "wrong"}, APIBase: srv.URL()}
	var apiErr *twitter.APIError
	if _, err := bad.Start(ctx); !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized {
		t.Errorf("wrong app secret: %v", err)
	}
}

// TestAnAppWithoutDMPermissionIsToldApart: X's 403 oauth1-permissions is
// ErrNoDMPermission, which names the permission to give.
func TestAnAppWithoutDMPermissionIsToldApart(t *testing.T) {
	srv, c := startFake(t, mentionScenario(1))
	srv.SetDMPermission(false)
	_, err := c.DMEvents(context.Background(), network.DMQuery{Max: 1})
	if !errors.Is(err, twitter.ErrNoDMPermission) || !strings.Contains(err.Error(), "Read, write, and Direct Messages") {
		t.Errorf("DMs without permission: %v", err)
	}
	if _, err := c.SendDM(context.Background(), 2, "hi"); !errors.Is(err, twitter.ErrNoDMPermission) {
		t.Errorf("a DM sent without permission: %v", err)
	}
}
