package twitter

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/harkhq/hark/network"
)

var _ network.LiveSigner = adapter{}

// liveSignInWait is how long hark login --live waits for the person to
// authorize hark in the browser.
const liveSignInWait = 10 * time.Minute

// SignInLive implements network.LiveSigner: the app's OAuth 2.0 client id
// (HARK_X_CLIENT_ID, or asked), the authorize page, X's redirect to the
// loopback port (or the address pasted), the code traded at once; then it
// checks that the token is the account's and which token X takes for the
// subscriptions, and writes the tokens to d.Tokens.
func (adapter) SignInLive(ctx context.Context, d network.Dial, t network.Terminal, port int) error {
	if d.Tokens == "" {
		return errors.New("no place to keep the live sign-in")
	}
	client, err := connect(d)
	if err != nil {
		return err
	}
	login, err := liveClient(d, t)
	if err != nil {
		return err
	}
	login.APIBase, login.Port = d.APIBase, port
	pending, err := login.Start()
	if err != nil {
		return err
	}
	defer pending.Close()
	t.Say("The app's callback URL must be exactly " + pending.Callback + " (the app's \"User authentication settings\").")
	t.Say("Open this address, sign in to X as the shop's account, and authorize hark:\n  " + pending.URL)
	if t.Open(pending.URL) {
		t.Say("(opened in your browser)")
	}
	go askForAddress(ctx, pending, t)
	wctx, cancel := context.WithTimeout(ctx, liveSignInWait)
	defer cancel()
	saved, err := pending.Wait(wctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New("X did not send the browser back within 10 minutes (nothing was saved)")
	}
	if err != nil {
		return err
	}
	t.Say("")
	return keepLiveSignIn(ctx, client, d, saved, t)
}

// keepLiveSignIn checks that the token signs in the keys' account, writes
// it down, and says which token X takes for the subscriptions.
func keepLiveSignIn(ctx context.Context, client *Client, d network.Dial, saved SavedTokens, t network.Terminal) error {
	me, err := client.Me(ctx)
	if err != nil {
		return fmt.Errorf("X refused the account's keys: %w (nothing was saved)", err)
	}
	gc, err := client.bearerClient(saved.AccessToken)
	if err != nil {
		return err
	}
	who, err := client.me(ctx, gc)
	if err != nil {
		return fmt.Errorf("asking X whom the live sign-in is for: %w (nothing was saved)", err)
	}
	if who.ID != me.ID {
		return fmt.Errorf("the browser signed in as @%s, but hark's keys are @%s's: sign out of X there and run hark login --live again (nothing was saved)", who.Username, me.Username)
	}
	tokens := &UserTokens{Path: d.Tokens, APIBase: d.APIBase}
	if err := tokens.Save(saved); err != nil {
		return fmt.Errorf("saving the live sign-in in %s: %w", d.Tokens, err)
	}
	t.Say(fmt.Sprintf("✓ signed in for live as @%s, kept in %s (readable by you alone)", who.Username, d.Tokens))
	client.opts.UserTokens = tokens
	if _, err := client.Subscriptions(ctx); err != nil {
		t.Say("? X's subscriptions could not be read: " + err.Error())
		return nil
	}
	t.Say("✓ X takes the " + client.SubscriptionAuth() + " token for its activity subscriptions")
	return nil
}

// liveClient is the app's OAuth 2.0 client: from HARK_X_CLIENT_ID and
// HARK_X_CLIENT_SECRET, or asked.
func liveClient(d network.Dial, t network.Terminal) (LiveLogin, error) {
	getenv := d.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	l := LiveLogin{ClientID: getenv("HARK_X_CLIENT_ID"), ClientSecret: getenv("HARK_X_CLIENT_SECRET")}
	if l.ClientID != "" {
		t.Say("Using the app's OAuth 2.0 client from HARK_X_CLIENT_ID.")
		return l, nil
	}
	t.Say("The app's OAuth 2.0 Client ID is on its \"Keys and tokens\" page, below the API key.")
	var err error
	if l.ClientID, err = t.Ask("OAuth 2.0 Client ID: "); err != nil || l.ClientID == "" {
		return l, errors.New("no client id (nothing was saved)")
	}
	secret, err := t.Yes("Is the app a Web App, with a Client Secret (a Native App has none)? [y/N] ")
	if err == nil && secret {
		l.ClientSecret, err = t.Secret("OAuth 2.0 Client Secret: ")
	}
	return l, err
}

// askForAddress lets a person whose browser is on another machine paste
// the address it ended at; it asks again after a wrong one.
func askForAddress(ctx context.Context, p *PendingLive, t network.Terminal) {
	for ctx.Err() == nil {
		line, err := t.Ask("Waiting for X to send the browser back… (or paste the address it ended at): ")
		if err != nil {
			return
		}
		if line == "" {
			continue
		}
		if err := p.FromAddress(strings.TrimSpace(line)); err != nil {
			t.Say(err.Error())
			continue
		}
		return
	}
}
