package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/app"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// TestTheInboxSenderAndServedSendsPostEachItemOnce is the race of two
// senders of one account: the inbox's sender runs, the inbox serves
// 'hark send' from other terminals, and in each round the inbox's own
// items and the commands' come due at the same instant. X must see each
// text once: a served command hands its items to the inbox's sender, and
// a claim is exclusive. X's duplicate-content rule is off, so that X
// does not hide a second post.
func TestTheInboxSenderAndServedSendsPostEachItemOnce(t *testing.T) {
	rounds := 200
	if testing.Short() {
		rounds = 20
	}
	limits := map[string]int{"POST /2/tweets": 100000, "POST /2/dm_conversations/with/:participant_id/messages": 100000}
	srv, err := xfake.Start(xfake.ShopScenario(time.Now()), xfake.Options{Limits: limits, Secrets: &xfake.Secrets{ConsumerKey: "k", ConsumerSecret: "s", Token: "t", TokenSecret: "u"}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.SetDuplicateRule(false)
	vars := testEnv(t, srv)
	vars["XDG_RUNTIME_DIR"] = t.TempDir()
	if _, err := runHark(t, vars, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	mention := inboxIDs(t, vars, "inbox")[0]
	al := uint64(2000000006)

	dbPath := filepath.Join(vars["XDG_DATA_HOME"], "hark", "hark.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct, _, _ := st.Account()
	client, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: xtest.Credentials()})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{getenv: func(k string) string { return vars[k] }, dbPath: dbPath, configPath: filepath.Join(vars["XDG_CONFIG_HOME"], "hark", "config.toml")}
	inbox := e.hold(t, app.Options{Store: st, Team: app.Team{{User: acct, Client: client}}}) // the TUI's sender, no poller
	defer inbox.Close()

	replyTo, _ := model.ParseID(mention.ConversationID)
	var texts []string
	for r := range rounds {
		undo := 10 * time.Millisecond
		due := time.Now().Add(undo)
		own := []store.Item{
			{DM: true, ConversationID: model.DMConversation(al), Recipient: al, Text: fmt.Sprintf("inbox dm %d", r), NotBefore: due, CreatedAt: due},
			{ConversationID: replyTo, InReplyTo: replyTo, Text: fmt.Sprintf("inbox reply %d", r), NotBefore: due, CreatedAt: due},
		}
		if _, err := st.Enqueue(own...); err != nil {
			t.Fatal(err)
		}
		inbox.Kick() // as the composer does
		lines := [][]string{
			{"send", "--dm", "--undo", undo.String(), "@angry_al", fmt.Sprintf("served dm %d", r)},
			{"send", "--undo", undo.String(), mention.ConversationID, fmt.Sprintf("served reply %d", r)},
			{"outbox", "send"},
		}
		var wg sync.WaitGroup
		for _, l := range lines {
			wg.Go(func() {
				if out, err := runHark(t, vars, l...); err != nil {
					t.Errorf("hark %s: %v\n%s", strings.Join(l, " "), err, out)
				}
			})
		}
		wg.Wait()
		texts = append(texts, own[0].Text, own[1].Text, lines[0][len(lines[0])-1], lines[1][len(lines[1])-1])
	}
	// The inbox's own items are sent by now or soon: wait for them.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if waiting, _ := st.Outbox(store.Queued, store.Sending); len(waiting) == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	copies := map[string]int{}
	for _, p := range srv.Posts() {
		if p.AuthorID == acct.ID {
			copies[p.Text]++
		}
	}
	for _, dm := range srv.DMs() {
		if dm.SenderID == acct.ID {
			copies[dm.Text]++
		}
	}
	twice := 0
	for _, text := range texts {
		if copies[text] != 1 {
			twice++
			if twice <= 5 {
				t.Errorf("X has %d copies of %q", copies[text], text)
			}
		}
	}
	if twice > 0 {
		t.Errorf("%d of %d items reached X other than once", twice, len(texts))
	}
}
