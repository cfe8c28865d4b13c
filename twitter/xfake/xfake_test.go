package xfake

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

func TestMentionsReachOnly800(t *testing.T) {
	d := newStore(Scenario{Account: model.User{ID: 1, Username: "shop"}})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 850 {
		d.add(model.Post{AuthorID: 2, Text: "@shop hi"}, now.Add(time.Duration(i)*time.Second))
	}
	d.add(model.Post{AuthorID: 2, Text: "@shopkeeper not us"}, now)
	all := d.mentionsOf(d.users[1])
	if len(all) != 850 {
		t.Fatalf("mentionsOf = %d, want 850 (a longer handle is not a mention)", len(all))
	}
	page, next := pageQuery{max: 100}.slice(all[:maxReachableMentions])
	if len(page) != 100 || next != page[99].ID {
		t.Errorf("first page: %d posts, next %d", len(page), next)
	}
}

func TestTokensRoundTrip(t *testing.T) {
	id := model.SnowflakeID(time.Now(), 7)
	got, ok := decodeToken(encodeToken(id))
	if !ok || got != id {
		t.Errorf("token round trip: %d, %v", got, ok)
	}
	for _, bad := range []string{"", "x12", "7!!"} {
		if _, ok := decodeToken(bad); ok {
			t.Errorf("decodeToken(%q) accepted", bad)
		}
	}
}

// TestTheCutKnobEndsTheStream: POST /xfake/cut (the stand-in's knob, for
// a person trying the demo) ends every open stream connection.
func TestTheCutKnobEndsTheStream(t *testing.T) {
	srv, err := Start(Scenario{Account: model.User{ID: 1, Username: "shop"}}, Options{KeepAlive: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/oauth2/token", strings.NewReader("grant_type=client_credentials"))
	req.SetBasicAuth("k", "s")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var token struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(res.Body).Decode(&token)
	res.Body.Close()
	req, _ = http.NewRequest(http.MethodGet, srv.URL()+"/2/activity/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token.AccessToken)
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	ended := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, stream.Body); close(ended) }()
	if res, err := http.Post(srv.URL()+"/xfake/cut", "", nil); err != nil || res.StatusCode != http.StatusNoContent {
		t.Fatalf("the knob: %v", err)
	}
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("the stream did not end")
	}
}
