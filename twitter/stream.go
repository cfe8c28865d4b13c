package twitter

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/harkhq/hark/network"
)

// The activity stream's bounds.
const (
	// StreamSilence is how long the stream may say nothing (X sends a
	// blank line about every 20 s) before hark takes it for dead.
	StreamSilence = 30 * time.Second
	// maxStreamLine is the longest event line read: a post event is one
	// post and its people, far below it; a longer line is skipped.
	maxStreamLine = 4 << 20
)

// ErrStreamSilent is the stream saying nothing for StreamSilence: the
// connection is taken for dead and closed.
var ErrStreamSilent = errors.New("X's activity stream went silent")

// ErrStreamEnded is X closing the stream: reconnect.
var ErrStreamEnded = errors.New("X closed the activity stream")

// AppToken asks X for an app-only Bearer token, what the activity stream
// takes: POST /oauth2/token, grant_type=client_credentials, the app's key
// and secret as Basic auth. The token is returned, never logged.
func (c *Client) AppToken(ctx context.Context) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint("/oauth2/token"), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(c.opts.Credentials.APIKey), url.QueryEscape(c.opts.Credentials.APIKeySecret))
	resp, err := c.plainHTTP(c.opts.Timeout).Do(req)
	if err != nil {
		return "", fmt.Errorf("asking X for an app token: %w", unwrapURL(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return "", fmt.Errorf("reading X's app token: %w", err)
	}
	var tok struct {
		TokenType   string `json:"token_type"`
		AccessToken string `json:"access_token"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(body, &tok)
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return "", fmt.Errorf("X refused the app's key and secret for an app token (%d): %w", resp.StatusCode, network.ErrUnauthorized)
	case resp.StatusCode != http.StatusOK:
		return "", &APIError{Status: resp.StatusCode, Title: "app token", Detail: errorText(tok.Description)}
	case !strings.EqualFold(tok.TokenType, "bearer") || tok.AccessToken == "":
		return "", errors.New("X's answer to the app token held no bearer token")
	}
	return tok.AccessToken, nil
}

// Stream reads X's activity stream with the app token until ctx ends, X
// closes it (ErrStreamEnded), it stays silent for Options.StreamSilence
// (ErrStreamSilent), or X refuses it (an *APIError: 401, 429 for too many
// connections). Each event is handed to each in order; a line that
// cannot be read, or is longer than maxStreamLine, is handed over as an
// Activity whose Page holds only the skipped record. connected, when not
// nil, is called once X answered (its headers come with its first line).
// It never returns nil.
func (c *Client) Stream(ctx context.Context, token string, connected func(), each func(Activity)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var silent atomic.Bool
	watchdog := time.AfterFunc(c.opts.StreamSilence, func() { silent.Store(true); cancel() })
	defer watchdog.Stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoint("/2/activity/stream"), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.plainHTTP(0).Do(req)
	if err != nil {
		return streamEnd(ctx, &silent, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return streamRefusal(resp)
	}
	if connected != nil {
		connected()
	}
	err = readLines(resp.Body, func(line []byte, tooLong bool) {
		watchdog.Reset(c.opts.StreamSilence)
		switch {
		case tooLong:
			each(Activity{Page: network.Page{Skipped: []network.Skipped{{Kind: "event", Reason: fmt.Sprintf("a stream line longer than %d bytes", maxStreamLine)}}}})
		case len(bytes.TrimSpace(line)) == 0: // a keep-alive
		default:
			a, err := decodeActivity(line)
			if err != nil {
				a.Page.Skipped = []network.Skipped{{Kind: "event", Reason: err.Error()}}
			}
			each(a)
		}
	})
	return streamEnd(ctx, &silent, err)
}

// readLines hands each line of r to each, without its newline; a line
// longer than maxStreamLine is read to its end and handed over as
// tooLong, empty. A last line cut short (no newline) is dropped: the
// connection broke inside it.
func readLines(r io.Reader, each func(line []byte, tooLong bool)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > maxStreamLine {
				line, tooLong = line[:0], true
			}
		}
		switch {
		case err == nil:
			each(bytes.TrimSuffix(line, []byte("\n")), tooLong)
			line, tooLong = line[:0], false
		case errors.Is(err, bufio.ErrBufferFull):
		default:
			return err
		}
	}
}

// streamEnd says why a stream ended: silence, ctx, or the connection.
func streamEnd(ctx context.Context, silent *atomic.Bool, err error) error {
	switch {
	case silent.Load():
		return ErrStreamSilent
	case ctx.Err() != nil:
		return ctx.Err()
	case err == nil || errors.Is(err, io.EOF):
		return ErrStreamEnded
	}
	return fmt.Errorf("reading X's activity stream: %w", unwrapURL(err))
}

// streamRefusal is X's answer to a stream it refused, as an *APIError.
func streamRefusal(resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var p problem
	_ = json.Unmarshal(body, &p)
	e := &APIError{Status: resp.StatusCode, Title: errorText(p.Title), Detail: errorText(p.Detail), Type: p.Type}
	if e.Status == http.StatusTooManyRequests {
		e.RetryAt = time.Now().Add(time.Minute) // X gives the stream's window no reset header before the first keep-alive
	}
	return e
}

// endpoint is path on the API base.
func (c *Client) endpoint(path string) string { return strings.TrimSuffix(c.opts.APIBase, "/") + path }

// plainHTTP is an HTTP client for the calls gotwi does not make (app
// token, stream), on the configured transport; timeout 0 is none (the
// stream's silence is watched instead).
func (c *Client) plainHTTP(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, Transport: c.opts.Transport}
}
