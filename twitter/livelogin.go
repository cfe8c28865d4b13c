package twitter

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"golang.org/x/oauth2"
)

// DefaultCallbackPort is the loopback port hark login --live listens on:
// the app's callback URL is http://127.0.0.1:DefaultCallbackPort/callback,
// registered exactly so in the app's settings, as X requires.
const DefaultCallbackPort = 8976

// callbackPath is where X sends the person back to.
const callbackPath = "/callback"

// LiveLogin is OAuth 2.0's authorization code flow with PKCE (RFC 7636),
// with a loopback redirect, as X runs it for the activity subscriptions.
// golang.org/x/oauth2 makes the verifier, the address and the trades.
type LiveLogin struct {
	ClientID, ClientSecret string
	APIBase                string
	// Port is the callback's loopback port (DefaultCallbackPort when 0).
	Port int
	// HTTP carries the code's trade; a 30 s client when nil.
	HTTP *http.Client
}

// PendingLive is a sign-in waiting for the person: the address where
// they authorize hark, and the loopback listener X sends them back to.
type PendingLive struct {
	// URL is the page where the person authorizes hark.
	URL      string
	Callback string
	conf     *oauth2.Config
	verifier string
	state    string
	ln       net.Listener
	srv      *http.Server
	codes    chan callbackResult
	http     *http.Client
}

type callbackResult struct {
	code string
	err  error
}

// Start listens on the loopback callback and makes the authorize address.
func (l LiveLogin) Start() (*PendingLive, error) {
	port := l.Port
	if port == 0 {
		port = DefaultCallbackPort
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		return nil, fmt.Errorf("listening on 127.0.0.1:%d for X's redirect (another program holds it? try --port): %w", port, err)
	}
	callback := fmt.Sprintf("http://127.0.0.1:%d%s", port, callbackPath)
	p := &PendingLive{Callback: callback, conf: oauth2Config(l.APIBase, l.ClientID, l.ClientSecret, callback),
		verifier: oauth2.GenerateVerifier(), state: randomState(), ln: ln, codes: make(chan callbackResult, 1), http: l.HTTP}
	if p.http == nil {
		p.http = &http.Client{Timeout: refreshTimeout}
	}
	p.URL = p.conf.AuthCodeURL(p.state, oauth2.S256ChallengeOption(p.verifier))
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+callbackPath, p.serveCallback)
	p.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go p.srv.Serve(ln) //nolint:errcheck // ends with Close
	return p, nil
}

// serveCallback takes X's redirect: the code, when its state is this
// sign-in's (another page's request is refused and the wait goes on).
func (p *PendingLive) serveCallback(w http.ResponseWriter, r *http.Request) {
	res, ok := p.fromQuery(r.URL.Query())
	if !ok {
		http.Error(w, "This is not the sign-in hark is waiting for.", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if res.err != nil {
		fmt.Fprintf(w, "<p>hark is not signed in: %s</p>", html.EscapeString(res.err.Error()))
	} else {
		fmt.Fprint(w, "<p>hark is signed in for live. You can close this tab and go back to the terminal.</p>")
	}
	select {
	case p.codes <- res:
	default: // a second redirect: the first is being traded
	}
}

// fromQuery reads a redirect's query: ok is false for another sign-in's.
func (p *PendingLive) fromQuery(q url.Values) (callbackResult, bool) {
	if q.Get("state") != p.state {
		return callbackResult{}, false
	}
	if e := q.Get("error"); e != "" {
		return callbackResult{err: fmt.Errorf("X said %q: hark was not authorized", errorText(e))}, true
	}
	if q.Get("code") == "" {
		return callbackResult{}, false
	}
	return callbackResult{code: q.Get("code")}, true
}

// FromAddress takes the address the browser ended at, pasted by a person
// whose browser is on another machine than hark.
func (p *PendingLive) FromAddress(address string) error {
	u, err := url.Parse(address)
	if err != nil {
		return fmt.Errorf("that is not an address: %w", err)
	}
	res, ok := p.fromQuery(u.Query())
	if !ok {
		return errors.New("that address is not X's answer to this sign-in (it starts " + p.Callback + "?state=…)")
	}
	select {
	case p.codes <- res:
	default:
	}
	return nil
}

// Wait waits for X's redirect (or a pasted address), then trades the code
// for tokens at once: X takes a code for 30 seconds.
func (p *PendingLive) Wait(ctx context.Context) (SavedTokens, error) {
	var res callbackResult
	select {
	case <-ctx.Done():
		return SavedTokens{}, ctx.Err()
	case res = <-p.codes:
	}
	if res.err != nil {
		return SavedTokens{}, res.err
	}
	tctx := context.WithValue(ctx, oauth2.HTTPClient, p.http)
	t, err := p.conf.Exchange(tctx, res.code, oauth2.VerifierOption(p.verifier))
	if err != nil {
		return SavedTokens{}, fmt.Errorf("X refused to trade the sign-in's code: %w", err)
	}
	if t.RefreshToken == "" {
		return SavedTokens{}, errors.New("X gave no refresh token (the offline.access scope): hark could not renew the sign-in")
	}
	scope, _ := t.Extra("scope").(string)
	return SavedTokens{ClientID: p.conf.ClientID, ClientSecret: p.conf.ClientSecret, AccessToken: t.AccessToken,
		RefreshToken: t.RefreshToken, Expiry: t.Expiry, Scope: scope}, nil
}

// Close stops listening.
func (p *PendingLive) Close() error { return p.srv.Close() }

// randomState is the request's state, which X's redirect must carry back.
func randomState() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
