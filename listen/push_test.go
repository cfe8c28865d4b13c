package listen_test

import (
	"context"
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
)

// pushing runs the client's push into the poller in the background, as
// the runtime does, and waits until X answered.
func pushing(t *testing.T, f fixture, p *listen.Poller) (stored chan listen.Result, ended chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	stored, ended = make(chan listen.Result, 16), make(chan error, 1)
	connected := make(chan struct{})
	var pusher network.Pusher = f.client
	go func() {
		ended <- pusher.Push(ctx, func() { close(connected) }, func(pushed network.Pushed) {
			res, err := p.StorePushed(ctx, pushed)
			if err != nil {
				t.Error(err)
			}
			stored <- res
		})
	}()
	for deadline := time.Now().Add(5 * time.Second); f.srv.Streams() == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	f.srv.Push([]byte("\n")) // X's headers come with its first line
	select {
	case <-connected:
	case err := <-ended:
		t.Fatalf("the push did not connect: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("the push did not connect within 5 s")
	}
	return stored, ended
}

// storedOnce waits for the next pushed page's result.
func storedOnce(t *testing.T, stored chan listen.Result) listen.Result {
	t.Helper()
	select {
	case res := <-stored:
		return res
	case <-time.After(5 * time.Second):
		t.Fatal("nothing pushed was stored within 5 s")
	}
	return listen.Result{}
}

// TestPushedPostsAndDMsAreStoredOnceInTheirConversations: a pushed reply
// to a conversation hark holds is stored in it, as a mention, its parent
// not read again; the same event twice, and an older one after a newer,
// make one post each; a pushed DM goes to the DM conversation with its
// sender, derived (X's event has no conversation id); a poll after reads
// them again and stores nothing twice.
func TestPushedPostsAndDMsAreStoredOnceInTheirConversations(t *testing.T) {
	f := setup(t, 3)
	p := listen.New(f.client, f.store, shop, listen.Options{DMInterval: time.Minute})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	stored, _ := pushing(t, f, p)
	first := f.srv.Posts()[0]
	reply := f.srv.AddPost(model.Post{AuthorID: ann.ID, InReplyToID: first.ID, Text: "@shop any news?"})
	older := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop and another thing", CreatedAt: reply.CreatedAt.Add(-time.Minute)})
	line := f.srv.PushPost("post.reply.create", reply)
	if res := storedOnce(t, stored); res.New != 1 {
		t.Errorf("the pushed reply: %+v", res)
	}
	f.srv.Push(line) // the same event again
	if res := storedOnce(t, stored); res.New != 0 {
		t.Errorf("the same event twice stored again: %+v", res)
	}
	f.srv.PushPost("post.mention.create", older) // late, older than the reply
	if res := storedOnce(t, stored); res.New != 1 {
		t.Errorf("an older event after a newer: %+v", res)
	}
	got, ok, _ := f.store.Post(reply.ID)
	if !ok || got.ConversationID != first.ConversationID || got.Kind != model.Mention {
		t.Errorf("the pushed reply as stored: %+v", got)
	}

	dm := f.srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: "my order never came"})
	f.srv.PushDM(dm)
	if res := storedOnce(t, stored); res.New != 1 {
		t.Errorf("the pushed DM: %+v", res)
	}
	id, _ := model.ParseID(dm.EventID)
	gotDM, ok, _ := f.store.Post(id)
	if !ok || gotDM.ConversationID != model.DMConversation(ann.ID) || gotDM.Kind != model.DMIn {
		t.Errorf("the pushed DM as stored: %+v", gotDM)
	}
	other := model.SnowflakeID(time.Now(), 77) // an event for another account on the same connection
	otherID := model.FormatID(other)
	f.srv.Push([]byte(`{"data":{"event_type":"post.mention.create","event_uuid":"9","filter":{"user_id":"999"},"payload":{"id":"` + otherID +
		`","text":"@someoneelse hi","author_id":"200","conversation_id":"` + otherID + `","created_at":"2026-12-01T10:00:00.000Z","edit_history_tweet_ids":["` + otherID + `"]}}}` + "\n"))
	if res := storedOnce(t, stored); res.New != 0 {
		t.Errorf("an event for another account was stored: %+v", res)
	}
	if _, ok, _ := f.store.Post(other); ok {
		t.Error("an event for another account is in this account's inbox")
	}
	mentionsBefore := f.srv.Calls(mentionsEndpoint)
	res, err := p.SyncOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 0 || f.srv.Calls(mentionsEndpoint) != mentionsBefore+1 {
		t.Errorf("a poll after the pushes: %d new, %d mention reads", res.New, f.srv.Calls(mentionsEndpoint)-mentionsBefore)
	}
}

// TestAStreamXRefusesEndsThePush: a push whose app token X refuses (a
// 401) ends with X's refusal; the next push asks X for a new token
// first, and connects.
func TestAStreamXRefusesEndsThePush(t *testing.T) {
	f := setup(t, 0)
	p := listen.New(f.client, f.store, shop, listen.Options{})
	_, ended := pushing(t, f, p)
	f.srv.SetUnauthorized(true)
	f.srv.Cut()
	<-ended
	var apiErr *twitter.APIError
	if err := f.client.Push(context.Background(), nil, func(network.Pushed) {}); !errors.As(err, &apiErr) || apiErr.Status != 401 {
		t.Errorf("a stream X refuses: %v", err)
	}
	f.srv.SetUnauthorized(false)
	asked := f.srv.Calls("POST /oauth2/token")
	pushing(t, f, p)
	if got := f.srv.Calls("POST /oauth2/token"); got != asked+1 {
		t.Errorf("after X refused the token, the next push asked for %d new ones", got-asked)
	}
}

// TestAPushAndThePollAfterAreBilledOnce: hark counts a pushed mention and
// a pushed DM as X bills them (a pushed post, a pushed DM), the same event
// pushed twice once, and the poll after that reads them again adds
// nothing for them: hark's count is X's.
func TestAPushAndThePollAfterAreBilledOnce(t *testing.T) {
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann}}, time.Now())
	p := listen.New(f.client, f.store, shop, listen.Options{DMInterval: time.Minute})
	stored, _ := pushing(t, f, p)
	mention := f.srv.AddPost(model.Post{AuthorID: ann.ID, Text: "@shop is it in stock?"})
	line := f.srv.PushPost("post.mention.create", mention)
	storedOnce(t, stored)
	f.srv.Push(line)
	storedOnce(t, stored)
	f.srv.PushDM(f.srv.AddDM(xfake.DM{SenderID: ann.ID, RecipientID: shop.ID, Text: "hello?"}))
	storedOnce(t, stored)
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	rows, err := f.store.SpendSince(spend.Day(f.clock.Now()))
	if err != nil {
		t.Fatal(err)
	}
	counted := spend.Counts{}
	for _, r := range rows {
		counted[r.Kind] += r.Count
	}
	billed := f.srv.Billed()
	if !maps.Equal(counted, billed) || counted[spend.PushedPost] != 1 || counted[spend.PushedDM] != 1 || counted[spend.OwnedRead] != 0 || counted[spend.DMRead] != 0 {
		t.Errorf("hark counted %v, X billed %v", counted, billed)
	}
}
