package twitter_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// liveWorld is a simulated X whose clock a test moves, with a client
// that holds the OAuth 1.0a keys and the path of its OAuth 2.0 tokens.
type liveWorld struct {
	srv    *xfake.Server
	client *twitter.Client
	tokens twitter.UserTokens
	clock  *harktest.Clock
}

// startLiveWorld serves the stream's scenario with an app whose OAuth
// 2.0 client is "hark-client" and whose callback is registered exactly.
func startLiveWorld(t *testing.T) (*liveWorld, int) {
	t.Helper()
	w := &liveWorld{clock: harktest.NewClock(time.Now())}
	port := harktest.FreePort(t)
	sc := xfake.Scenario{Account: streamShop, Users: []model.User{streamCustomer}}
	xo := xfake.Options{Clock: w.clock.Now, ClientID: "hark-client",
		Callbacks: []string{"http://127.0.0.1:" + strconv.Itoa(port) + "/callback"}}
	w.tokens = twitter.UserTokens{Path: filepath.Join(t.TempDir(), "cfg", "live.json"), Now: w.clock.Now}
	w.srv, w.client = xtest.X(t, sc, xo, twitter.Options{UserTokens: &w.tokens, Now: w.clock.Now})
	w.tokens.APIBase = w.srv.URL()
	return w, port
}

// signIn runs hark login --live's flow against the world, a browser
// following X's redirect to the loopback, and keeps the tokens.
func (w *liveWorld) signIn(t *testing.T, port int) twitter.SavedTokens {
	t.Helper()
	pending, err := twitter.LiveLogin{ClientID: "hark-client", APIBase: w.srv.URL(), Port: port}.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer pending.Close()
	if !strings.Contains(pending.URL, "code_challenge_method=S256") || !strings.Contains(pending.URL, "offline.access") {
		t.Fatalf("the authorize address lacks PKCE or offline.access: %s", pending.URL)
	}
	res, err := http.Get(pending.URL) // the person pressing "Authorize app"; the browser goes back to hark
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	saved, err := pending.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.tokens.Save(saved); err != nil {
		t.Fatal(err)
	}
	return saved
}

// TestSubscriptionsTakeTheLiveSignInWhenXRefusesOAuth1: X taking only
// OAuth 2.0 for its subscriptions, hark without a live sign-in says to
// run hark login --live; after it, through the loopback redirect, the
// subscriptions are made with the OAuth 2.0 token, and the file holding
// it is readable by its owner alone.
func TestSubscriptionsTakeTheLiveSignInWhenXRefusesOAuth1(t *testing.T) {
	w, port := startLiveWorld(t)
	ctx := context.Background()
	if _, err := w.client.Subscriptions(ctx); err != nil || w.client.SubscriptionAuth() != "OAuth 1.0a" {
		t.Fatalf("X taking OAuth 1.0a: %v, took %q", err, w.client.SubscriptionAuth())
	}
	w.srv.RefuseOAuth1Subscriptions(true)
	if _, err := w.client.EnsureSubscriptions(ctx, streamShop.ID, []string{"dm.received"}); !errors.Is(err, twitter.ErrLiveSignInNeeded) {
		t.Fatalf("without a live sign-in: %v, want ErrLiveSignInNeeded", err)
	}
	w.signIn(t, port)
	fi, err := os.Stat(w.tokens.Path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the token file: %v, mode %v", err, fi.Mode())
	}
	subs, err := w.client.EnsureSubscriptions(ctx, streamShop.ID, []string{"dm.received", "dm.sent"})
	if err != nil || len(subs) != 2 || len(w.srv.Subscriptions()) != 2 {
		t.Fatalf("with the live sign-in: %v, %+v", err, subs)
	}
	if got := w.client.SubscriptionAuth(); got != "OAuth 2.0" {
		t.Errorf("X took %q, want OAuth 2.0", got)
	}
}

// TestTheRefreshTokenRotatesAcrossACrash: each refresh spends X's refresh
// token and writes the new one down before anything else, so a hark that
// starts after another crashed (nothing closed) renews with the token on
// disk; the spent one, put back, is refused with a plain word.
func TestTheRefreshTokenRotatesAcrossACrash(t *testing.T) {
	w, port := startLiveWorld(t)
	first := w.signIn(t, port)
	ctx := context.Background()
	for i := range 3 { // three processes, each dropped without a word
		w.clock.Advance(xfake.UserTokenLife)
		proc := twitter.UserTokens{Path: w.tokens.Path, APIBase: w.srv.URL(), Now: w.clock.Now}
		if _, err := proc.Access(ctx); err != nil {
			t.Fatalf("process %d after a crash: %v", i+1, err)
		}
	}
	if issued, spent := w.srv.RefreshTokens(); issued != 4 || spent != 3 {
		t.Errorf("X issued %d refresh tokens and saw %d spent, want 4 and 3", issued, spent)
	}
	if err := w.tokens.Save(first); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(xfake.UserTokenLife)
	if _, err := w.tokens.Access(ctx); !errors.Is(err, twitter.ErrLiveSignInSpent) {
		t.Errorf("a spent refresh token: %v, want ErrLiveSignInSpent", err)
	}
}

// TestARefreshIsKeptWhenItsCallerGivesUp: X answers a refresh after the
// caller gave up (its context ended). The answer is still written down:
// X spent the old token, and the next renewal works.
func TestARefreshIsKeptWhenItsCallerGivesUp(t *testing.T) {
	w, port := startLiveWorld(t)
	w.signIn(t, port)
	w.clock.Advance(xfake.UserTokenLife)
	w.srv.SlowTokenAnswers(300 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, _ = w.tokens.Access(ctx)
	w.srv.SlowTokenAnswers(0)
	w.clock.Advance(xfake.UserTokenLife)
	if _, err := w.tokens.Access(context.Background()); err != nil {
		t.Fatalf("the renewal after one its caller gave up on: %v", err)
	}
}

// TestTwoHarksRenewOnce: two processes renewing together spend one
// refresh token; both get a working access token.
func TestTwoHarksRenewOnce(t *testing.T) {
	w, port := startLiveWorld(t)
	w.signIn(t, port)
	w.clock.Advance(xfake.UserTokenLife)
	var wg sync.WaitGroup
	tokens := make([]string, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			proc := twitter.UserTokens{Path: w.tokens.Path, APIBase: w.srv.URL(), Now: w.clock.Now}
			tokens[i], errs[i] = proc.Access(context.Background())
		})
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || tokens[0] != tokens[1] {
		t.Fatalf("two renewals: %v %v, tokens equal: %v", errs[0], errs[1], tokens[0] == tokens[1])
	}
	if _, spent := w.srv.RefreshTokens(); spent != 1 {
		t.Errorf("X saw %d refresh tokens spent, want 1", spent)
	}
}

// TestAnotherPagesRedirectIsNotTaken: a request to the loopback without
// this sign-in's state is refused and the wait goes on; a pasted address
// from the browser finishes it; X's refusal is said.
func TestAnotherPagesRedirectIsNotTaken(t *testing.T) {
	w, port := startLiveWorld(t)
	pending, err := twitter.LiveLogin{ClientID: "hark-client", APIBase: w.srv.URL(), Port: port}.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer pending.Close()
	res, err := http.Get(pending.Callback + "?state=forged&code=abc")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("a forged redirect: %d, want 400", res.StatusCode)
	}
	if err := pending.FromAddress(pending.Callback + "?state=forged&code=abc"); err == nil {
		t.Error("a forged pasted address was taken")
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err = noFollow.Get(pending.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if err := pending.FromAddress(res.Header.Get("Location")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if saved, err := pending.Wait(ctx); err != nil || saved.RefreshToken == "" {
		t.Fatalf("the pasted address: %v", err)
	}
}
