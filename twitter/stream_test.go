package twitter_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

var (
	streamShop     = model.User{ID: 1500000001, Username: "paperandpine", Name: "Paper & Pine"}
	streamCustomer = model.User{ID: 2600000002, Username: "maria_k", Name: "Maria"}
)

// streaming is an activity stream read in the background: what it
// handed over, and why it ended.
type streaming struct {
	events chan twitter.Activity
	ended  chan error
}

// startStream serves a small world with keep-alives every keepAlive,
// connects a client whose silence bound is silence, and waits until the
// connection is open.
func startStream(t *testing.T, keepAlive, silence time.Duration) (*xfake.Server, *twitter.Client, *streaming) {
	t.Helper()
	sc := xfake.Scenario{Account: streamShop, Users: []model.User{streamCustomer}}
	secrets := &xfake.Secrets{ConsumerKey: "k", ConsumerSecret: "s", Token: "t", TokenSecret: "u"} // xtest.Credentials
	srv, client := xtest.X(t, sc, xfake.Options{KeepAlive: keepAlive, Secrets: secrets}, twitter.Options{StreamSilence: silence})
	return srv, client, openStream(t, srv, client)
}

// openStream connects one more reader of the stream.
func openStream(t *testing.T, srv *xfake.Server, client *twitter.Client) *streaming {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	token, err := client.AppToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := &streaming{events: make(chan twitter.Activity, 16), ended: make(chan error, 1)}
	before := srv.Streams()
	go func() { s.ended <- client.Stream(ctx, token, nil, func(a twitter.Activity) { s.events <- a }) }()
	deadline := time.Now().Add(5 * time.Second)
	for srv.Streams() == before {
		select {
		case err := <-s.ended:
			s.ended <- err
			return s
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the stream did not connect")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return s
}

// next is the next activity, or a failure after 5 s.
func (s *streaming) next(t *testing.T) twitter.Activity {
	t.Helper()
	select {
	case a := <-s.events:
		return a
	case err := <-s.ended:
		t.Fatalf("the stream ended: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5 s")
	}
	return twitter.Activity{}
}

// end is why the stream ended, or a failure after 5 s.
func (s *streaming) end(t *testing.T) error {
	t.Helper()
	select {
	case err := <-s.ended:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("the stream did not end within 5 s")
	}
	return nil
}

// TestTheStreamBringsAMentionAndADM: a pushed mention arrives as the post
// and its author, cleaned; a pushed DM, in X's v1.1 shape with no
// conversation id, arrives as a post from its sender to its recipient,
// at its millisecond, with its people; X closing the stream ends it.
func TestTheStreamBringsAMentionAndADM(t *testing.T) {
	srv, _, s := startStream(t, time.Hour, time.Minute)
	mention := srv.AddPost(model.Post{AuthorID: streamCustomer.ID, Text: "@paperandpine \x1b]52;c;aGk=\x07is the ink back? & the pens"}) // X escapes & as &amp;: read back once
	srv.PushPost("post.mention.create", mention)
	a := s.next(t)
	if a.Type != "post.mention.create" || a.ID == "" || len(a.Page.Posts) != 1 || len(a.Page.Skipped) != 0 {
		t.Fatalf("the mention's event: %+v", a)
	}
	p := a.Page.Posts[0]
	if p.ID != mention.ID || p.AuthorID != streamCustomer.ID || p.ConversationID != mention.ID || p.Text != "@paperandpine is the ink back? & the pens" || !p.CreatedAt.Equal(mention.CreatedAt) {
		t.Errorf("the mention as read: %+v", p)
	}
	if len(a.Page.Users) != 1 || a.Page.Users[0].Username != "maria_k" {
		t.Errorf("the mention's people: %+v", a.Page.Users)
	}

	dm := srv.AddDM(xfake.DM{SenderID: streamCustomer.ID, RecipientID: streamShop.ID, Text: "my order never came \x1b[2J"})
	srv.PushDM(dm)
	a = s.next(t)
	if a.Type != "dm.received" || len(a.Page.Posts) != 1 || len(a.Page.Skipped) != 0 {
		t.Fatalf("the DM's event: %+v", a)
	}
	got := a.Page.Posts[0]
	if model.FormatID(got.ID) != dm.EventID || got.AuthorID != streamCustomer.ID || got.InReplyToUser != streamShop.ID || got.Text != "my order never came " || !got.CreatedAt.Equal(dm.CreatedAt) {
		t.Errorf("the DM as read: %+v (sent %+v)", got, dm)
	}
	if len(a.Page.Users) != 2 {
		t.Errorf("the DM's people: %+v", a.Page.Users)
	}
	srv.Cut()
	if err := s.end(t); !errors.Is(err, twitter.ErrStreamEnded) {
		t.Errorf("X closed the stream: %v", err)
	}
}

// TestTheStreamSurvivesBadLinesAndACutOne: a line that is not JSON, an
// event of a kind hark does not read, and one too long are each handed
// over (skipped or typed) and the stream goes on; a line the connection
// broke inside is never handed over.
func TestTheStreamSurvivesBadLinesAndACutOne(t *testing.T) {
	srv, _, s := startStream(t, time.Hour, time.Minute)
	srv.Push([]byte("{not json\n"))
	if a := s.next(t); len(a.Page.Skipped) != 1 || len(a.Page.Posts) != 0 {
		t.Errorf("a line that is not JSON: %+v", a)
	}
	srv.Push([]byte(`{"data":{"event_type":"follow.follow","event_uuid":"u1","payload":{}}}` + "\n"))
	if a := s.next(t); a.Type != "follow.follow" || len(a.Page.Posts) != 0 {
		t.Errorf("an event hark does not read: %+v", a)
	}
	huge := make([]byte, 5<<20)
	for i := range huge {
		huge[i] = 'a'
	}
	srv.Push(append(huge, '\n'))
	if a := s.next(t); len(a.Page.Skipped) != 1 {
		t.Errorf("a 5 MB line: %+v", a.Page.Skipped)
	}
	mention := srv.AddPost(model.Post{AuthorID: streamCustomer.ID, Text: "@paperandpine hello"})
	line := srv.PushPost("post.mention.create", mention)
	if a := s.next(t); len(a.Page.Posts) != 1 {
		t.Errorf("the event after the bad lines: %+v", a)
	}
	srv.Push(line[:len(line)/2]) // the connection breaks inside a line
	srv.Cut()
	if err := s.end(t); !errors.Is(err, twitter.ErrStreamEnded) {
		t.Errorf("a cut connection: %v", err)
	}
	select {
	case a := <-s.events:
		t.Errorf("half a line was handed over: %+v", a)
	default:
	}
}

// TestTheStreamKeptAliveLivesAndASilentOneEnds: blank lines keep a stream
// open past its silence bound; a stream with nothing on it for the bound
// is taken for dead and closed.
func TestTheStreamKeptAliveLivesAndASilentOneEnds(t *testing.T) {
	_, _, alive := startStream(t, 20*time.Millisecond, 300*time.Millisecond)
	select {
	case err := <-alive.ended:
		t.Fatalf("a stream with keep-alives ended: %v", err)
	case <-time.After(time.Second):
	}
	srv, _, silent := startStream(t, time.Hour, 300*time.Millisecond)
	if err := silent.end(t); !errors.Is(err, twitter.ErrStreamSilent) {
		t.Errorf("a silent stream: %v", err)
	}
	for deadline := time.Now().Add(2 * time.Second); srv.Streams() != 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the silent connection is still open on X's side: %d", srv.Streams())
		}
	}
}

// TestTheStreamsRefusals: X allows two connections an app, refuses a
// third with a 429, refuses an unknown token with a 401, and wrong app
// keys get no token.
func TestTheStreamsRefusals(t *testing.T) {
	srv, client, _ := startStream(t, time.Hour, time.Minute)
	openStream(t, srv, client)
	third := openStream(t, srv, client)
	var apiErr *twitter.APIError
	if err := third.end(t); !errors.As(err, &apiErr) || apiErr.Status != http.StatusTooManyRequests {
		t.Errorf("a third connection: %v", err)
	}
	if err := client.Stream(context.Background(), "not-a-token", nil, func(twitter.Activity) {}); !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized {
		t.Errorf("an unknown token: %v", err)
	}
	wrong, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: twitter.Credentials{APIKey: "k", APIKeySecret: "wrong", AccessToken: "t", AccessSecret: "u"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.AppToken(context.Background()); !errors.Is(err, network.ErrUnauthorized) {
		t.Errorf("wrong app keys: %v", err)
	}
}
