package bluesky_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harkhq/hark/bluesky"
	"github.com/harkhq/hark/bluesky/bskyfake"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
)

var (
	shop = bskyfake.Account{DID: "did:plc:shop7paperandpine", Handle: "paperandpine.bsky.social", DisplayName: "Paper & Pine", AppPassword: "abcd-efgh-ijkl-mnop"}
	ann  = bskyfake.Account{DID: "did:plc:ann2writes", Handle: "ann.bsky.social", DisplayName: "Ann"}
	ken  = bskyfake.Account{DID: "did:plc:ken3tokyo", Handle: "kenji.bsky.social", DisplayName: "健二"}
)

// world is a simulated Bluesky with its clock, and a store.
type world struct {
	srv   *bskyfake.Server
	st    *store.Store
	clock *harktest.Clock
	dir   string
}

func newWorld(t *testing.T, limits map[string]int) *world {
	t.Helper()
	w := &world{clock: harktest.NewClock(time.Now().UTC()), dir: t.TempDir(), st: harktest.Store(t)}
	srv, err := bskyfake.Start([]bskyfake.Account{shop, ann, ken}, bskyfake.Options{Clock: w.clock.Now, Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	w.srv = srv
	return w
}

// client is a new client of the shop, as a new hark process makes one:
// its session kept in the world's session file.
func (w *world) client(t *testing.T) *bluesky.Client {
	t.Helper()
	c, err := bluesky.New(bluesky.Options{Service: w.srv.URL(), Identifier: shop.Handle, AppPassword: shop.AppPassword,
		SessionFile: filepath.Join(w.dir, "bluesky.json"), IDs: w.st.NetIDs("bluesky"), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// signedIn is a new client of the shop and the account it signs in.
func (w *world) signedIn(t *testing.T) (*bluesky.Client, model.User) {
	t.Helper()
	client := w.client(t)
	me, err := client.Me(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return client, me
}

// TestNotificationsArePagedToTheCursorAndStoredOnce: 250 mentions and
// replies are read through the poller a page of 100 at a time, to
// Bluesky's cursor's end, each stored once, in its conversation; the
// sync after reads one page and stores nothing.
func TestNotificationsArePagedToTheCursorAndStoredOnce(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client := w.client(t)
	me, err := client.Me(ctx)
	if err != nil || me.Username != shop.Handle || me.Network() != "bluesky" {
		t.Fatalf("Me: %+v, %v", me, err)
	}
	own := w.srv.AddPost(bskyfake.Post{Author: shop.DID, Text: "New washi tapes are in!"})
	for i := range 250 {
		if i%5 == 0 {
			w.srv.AddPost(bskyfake.Post{Author: ken.DID, Text: fmt.Sprintf("綺麗！ %d", i), Parent: own})
			continue
		}
		w.srv.AddPost(bskyfake.Post{Author: ann.DID, Text: fmt.Sprintf("@%s question %d", shop.Handle, i)})
	}
	p := listen.New(client, w.st, me, listen.Options{})
	res, err := p.SyncOnce(ctx)
	if err != nil || res.New != 250 {
		t.Fatalf("first sync: %d new, %v", res.New, err)
	}
	if n := w.srv.Calls("app.bsky.notification.listNotifications"); n != 3 {
		t.Errorf("first sync: %d pages, want 3", n)
	}
	reply, _ := w.st.NetIDs("bluesky").Post(own.URI, time.Time{})
	thread, _ := w.st.Thread(reply)
	if len(thread) != 50 {
		t.Errorf("the shop's post's conversation holds %d posts, want its 50 replies", len(thread))
	}
	res, err = p.SyncOnce(ctx)
	if err != nil || res.New != 0 || w.srv.Calls("app.bsky.notification.listNotifications") != 4 {
		t.Errorf("second sync: %d new, %v, %d pages in all", res.New, err, w.srv.Calls("app.bsky.notification.listNotifications"))
	}
}

// TestAReplyNamesItsRootAndParentWithFacetsAtTheirBytes: hark's answer to
// a reply in a thread names the thread's root and the post it answers,
// each with its CID; its mention (after emoji and CJK), link and tag are
// facets at their UTF-8 bytes, the mention by the DID Bluesky resolved.
func TestAReplyNamesItsRootAndParentWithFacetsAtTheirBytes(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	root := w.srv.AddPost(bskyfake.Post{Author: ann.DID, Text: "@" + shop.Handle + " do you ship to Japan?"})
	parent := w.srv.AddPost(bskyfake.Post{Author: ken.DID, Text: "@" + shop.Handle + " me too please 🙏", Parent: root})
	if _, err := listen.New(client, w.st, me, listen.Options{}).SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	parentID, _ := w.st.NetIDs("bluesky").Post(parent.URI, time.Time{})
	body := "🙏🏽 日本語 @" + ann.Handle + " yes: https://shop.example/japan. #washi"
	sent, err := client.Reply(ctx, parentID, body)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Text   string
		Reply  struct{ Root, Parent struct{ URI, CID string } }
		Facets []struct {
			Index    struct{ ByteStart, ByteEnd int }
			Features []map[string]string
		}
	}
	made := w.srv.Posts()
	last := made[len(made)-1]
	if last.URI != sent.On.Ref {
		t.Fatalf("the post made is %s, the client says %s", last.URI, sent.On.Ref)
	}
	if err := json.Unmarshal(last.JSON, &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Reply.Root.URI != root.URI || rec.Reply.Root.CID != root.CID || rec.Reply.Parent.URI != parent.URI || rec.Reply.Parent.CID != parent.CID {
		t.Errorf("reply refs: %+v", rec.Reply)
	}
	want := map[string][3]string{ // the facet's feature type → its text and value
		"app.bsky.richtext.facet#mention": {"@" + ann.Handle, "did", ann.DID},
		"app.bsky.richtext.facet#link":    {"https://shop.example/japan", "uri", "https://shop.example/japan"},
		"app.bsky.richtext.facet#tag":     {"#washi", "tag", "washi"},
	}
	if len(rec.Facets) != len(want) {
		t.Fatalf("facets: %+v", rec.Facets)
	}
	for _, f := range rec.Facets {
		feat := f.Features[0]
		w, ok := want[feat["$type"]]
		if !ok || rec.Text[f.Index.ByteStart:f.Index.ByteEnd] != w[0] || feat[w[1]] != w[2] || f.Index.ByteStart != strings.Index(body, w[0]) {
			t.Errorf("facet %+v %v: the bytes hold %q", f.Index, feat, rec.Text[f.Index.ByteStart:f.Index.ByteEnd])
		}
	}
}

// TestAnUnsureReplyIsFoundBeforeAnyResend: Bluesky makes the reply and
// the answer is lost; the outbox looks for it among the account's posts
// and finds it: one post on Bluesky, the item sent.
func TestAnUnsureReplyIsFoundBeforeAnyResend(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	w.srv.AddPost(bskyfake.Post{Author: ann.DID, Text: "@" + shop.Handle + " is the brass ruler back?"})
	if _, err := listen.New(client, w.st, me, listen.Options{}).SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	rows, _ := w.st.Inbox(store.ViewInbox, store.InboxKey{}, 10)
	asked, _, _ := w.st.Post(rows[0].Last.ID)
	items, err := w.st.Enqueue(outbox.Replies(asked, []string{"@ann.bsky.social yes, since Monday"}, time.Now(), 0)...)
	if err != nil {
		t.Fatal(err)
	}
	w.srv.LoseAnswers(1)
	now := time.Now()
	sender := outbox.New(client, w.st, me, outbox.Options{Now: func() time.Time { return now }})
	for range 3 {
		if _, err := sender.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(10 * time.Minute) // past the wait before the look
	}
	it, _, _ := w.st.Item(items[0].ID)
	count := 0
	for _, r := range w.srv.Posts() {
		if strings.Contains(string(r.JSON), "since Monday") {
			count++
		}
	}
	if it.State != store.Sent || count != 1 {
		t.Errorf("the item: %s (%s); %d posts on Bluesky", it.State, it.LastError, count)
	}
}

// TestTheSessionIsRefreshedAndKept: an access token Bluesky says expired
// is refreshed (not made again from the app password), the new pair kept
// in the session file; a new process uses the kept session; a refresh
// token refused makes a new session from the app password.
func TestTheSessionIsRefreshedAndKept(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	if _, err := w.client(t).Me(ctx); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(3 * time.Hour)
	if _, err := w.client(t).Me(ctx); err != nil {
		t.Fatalf("after the access token expired: %v", err)
	}
	if created, refreshed := w.srv.Sessions(); created != 1 || refreshed != 1 {
		t.Errorf("sessions made %d, refreshed %d; want 1 and 1", created, refreshed)
	}
	if _, err := w.client(t).Me(ctx); err != nil {
		t.Fatal(err)
	}
	if created, refreshed := w.srv.Sessions(); created != 1 || refreshed != 1 {
		t.Errorf("a new process: sessions made %d, refreshed %d; want the kept one", created, refreshed)
	}
	bad, err := bluesky.New(bluesky.Options{Service: w.srv.URL(), Identifier: shop.Handle, AppPassword: "wrong-pass-word-here",
		IDs: w.st.NetIDs("bluesky")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.Me(ctx); !errors.Is(err, network.ErrUnauthorized) || strings.Contains(err.Error(), "\n") {
		t.Errorf("a wrong app password: %v", err)
	}
}

// TestRateLimitsAreObeyed: past Bluesky's limit, the call is refused
// with the time of the window's reset, which the poller waits for
// rather than calling again.
func TestRateLimitsAreObeyed(t *testing.T) {
	w := newWorld(t, map[string]int{"app.bsky.notification.listNotifications": 1})
	ctx := context.Background()
	client, me := w.signedIn(t)
	p := listen.New(client, w.st, me, listen.Options{})
	if _, err := p.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := p.SyncOnce(ctx)
	reset, limited := network.IsRateLimited(err)
	if !limited || reset.Before(w.clock.Now().Add(4*time.Minute)) {
		t.Fatalf("past the limit: %v (reset %v)", err, reset)
	}
	if _, err := p.SyncOnce(ctx); err == nil || w.srv.Calls("app.bsky.notification.listNotifications") > 3 {
		t.Errorf("a sync before the reset: %v, %d calls", err, w.srv.Calls("app.bsky.notification.listNotifications"))
	}
	_ = model.Post{}
}

// dmCount is how many chat messages hold text.
func dmCount(w *world, text string) int {
	n := 0
	for _, m := range w.srv.Messages() {
		if strings.Contains(m, text) {
			n++
		}
	}
	return n
}

// TestDMsAreReadThroughTheLogAndAnswered: a first read scans the chat
// service's conversations (the most recently active first, down to what
// hark has) and keeps where the chat log stood, each DM in its
// customer's DM conversation; the shop's answer goes to the right
// conversation, once, even when its answer is lost; the reads after go
// on from the log's cursor the core kept, conversations not listed: the
// answer stored once, the customer's thanks new, a quiet read one call.
func TestDMsAreReadThroughTheLogAndAnswered(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	for i := range 3 {
		w.srv.AddDM(ann.DID, shop.DID, fmt.Sprintf("hello %d from ann", i))
		w.clock.Advance(time.Second)
	}
	w.srv.AddDM(ken.DID, shop.DID, "こんにちは、注文の件です")
	w.clock.Advance(time.Second)
	p := listen.New(client, w.st, me, listen.Options{DMInterval: time.Nanosecond, Now: w.clock.Now})
	if res, err := p.SyncOnce(ctx); err != nil || res.New != 4 {
		t.Fatalf("first read: %d new, %v", res.New, err)
	}
	annID, _ := w.st.NetIDs("bluesky").User(ann.DID)
	if dms, _ := w.st.Thread(model.DMConversation(annID)); len(dms) != 3 || dms[0].Kind != model.DMIn {
		t.Fatalf("ann's DM conversation: %+v", dms)
	}
	w.srv.LoseAnswers(1)
	items, err := w.st.Enqueue(store.Item{DM: true, ConversationID: model.DMConversation(annID), Recipient: annID, Text: "Hi Ann! It ships today.", CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sender := outbox.New(client, w.st, me, outbox.Options{Now: func() time.Time { return now }})
	for range 3 {
		if _, err := sender.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(10 * time.Minute)
	}
	if it, _, _ := w.st.Item(items[0].ID); it.State != store.Sent || dmCount(w, "It ships today") != 1 {
		t.Fatalf("the answer: %s (%s), %d sent", it.State, it.LastError, dmCount(w, "It ships today"))
	}
	if c, _ := w.st.NetCursor("dms"); c == "" || w.srv.Calls("chat.bsky.convo.listConvos") != 1 {
		t.Fatalf("the first read: log cursor %q kept, %d conversation listings", c, w.srv.Calls("chat.bsky.convo.listConvos"))
	}
	w.clock.Advance(10 * time.Minute)
	w.srv.AddDM(ann.DID, shop.DID, "thank you!")
	w.clock.Advance(time.Minute)
	if res, err := p.SyncOnce(ctx); err != nil || res.New != 1 {
		t.Errorf("second read: %d new, %v (the answer is stored already, the thanks is new)", res.New, err)
	}
	w.clock.Advance(10 * time.Minute)
	logs, lists, msgs := w.srv.LogReads(), w.srv.Calls("chat.bsky.convo.listConvos"), w.srv.Calls("chat.bsky.convo.getMessages")
	if res, err := p.SyncOnce(ctx); err != nil || res.New != 0 {
		t.Errorf("a quiet read: %d new, %v", res.New, err)
	}
	if w.srv.LogReads() != logs+1 || w.srv.Calls("chat.bsky.convo.listConvos") != lists || w.srv.Calls("chat.bsky.convo.getMessages") != msgs {
		t.Errorf("a quiet read: %d log reads, %d listings, %d message reads; want one log read alone",
			w.srv.LogReads()-logs, w.srv.Calls("chat.bsky.convo.listConvos")-lists, w.srv.Calls("chat.bsky.convo.getMessages")-msgs)
	}
	if dms, _ := w.st.Thread(model.DMConversation(annID)); len(dms) != 5 {
		t.Errorf("ann's DM conversation holds %d messages, want 5", len(dms))
	}
}

// TestAnAppPasswordWithoutDMsSaysSo: the chat service refuses a session
// whose app password may not read DMs; hark says how to make one that
// may, in one line, as the contract's refused DM permission.
func TestAnAppPasswordWithoutDMsSaysSo(t *testing.T) {
	closed := shop
	closed.NoDMs = true
	srv, err := bskyfake.Start([]bskyfake.Account{closed, ann}, bskyfake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	st := harktest.Store(t)
	c, _ := bluesky.New(bluesky.Options{Service: srv.URL(), Identifier: shop.Handle, AppPassword: shop.AppPassword, IDs: st.NetIDs("bluesky")})
	_, err = c.DMEvents(context.Background(), network.DMQuery{})
	if !errors.Is(err, network.ErrNoDMPermission) || !strings.Contains(err.Error(), "direct messages") || strings.Contains(err.Error(), "\n") {
		t.Errorf("DMs with an app password without them: %v", err)
	}
}

// TestAMentionsThreadIsReadForContext: a customer's reply that mentions
// the shop, in a thread between customers, comes with the posts it
// answers, up to the depth asked, read by Bluesky's getPosts and kept
// for context in the mention's conversation.
func TestAMentionsThreadIsReadForContext(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	root := w.srv.AddPost(bskyfake.Post{Author: ann.DID, Text: "which shop has the best washi tape?"})
	middle := w.srv.AddPost(bskyfake.Post{Author: ken.DID, Text: "not sure, let me ask", Parent: root})
	asked := w.srv.AddPost(bskyfake.Post{Author: ken.DID, Text: "@" + shop.Handle + " do you?", Parent: middle})
	if _, err := listen.New(client, w.st, me, listen.Options{ContextDepth: 5}).SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	ids := w.st.NetIDs("bluesky")
	rootID, _ := ids.Post(root.URI, time.Time{})
	thread, _ := w.st.Thread(rootID)
	if len(thread) != 3 {
		t.Fatalf("the thread holds %d posts, want the mention and the two it answers", len(thread))
	}
	askedID, _ := ids.Post(asked.URI, time.Time{})
	for _, p := range thread {
		if want := model.Context; p.ID != askedID && p.Kind != want || p.ID == askedID && p.Kind != model.Mention {
			t.Errorf("post %d (%q): %s", p.ID, p.Text, p.Kind)
		}
	}
}

// TestHostileRecordsAreCleanedOrSkipped: a reply whose text carries
// terminal escapes is stored cleaned; one whose text is not a string is
// skipped, said, and the rest of the page stored.
func TestHostileRecordsAreCleanedOrSkipped(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	own := w.srv.AddPost(bskyfake.Post{Author: shop.DID, Text: "new pens today"})
	now := time.Now().UTC().Format(time.RFC3339Nano)
	w.srv.AddRecord(ann.DID, own, map[string]any{"$type": "app.bsky.feed.post", "text": "nice \x1b]0;pwned\x07\x1b[31mred\x1b[0m", "createdAt": now})
	w.srv.AddRecord(ken.DID, own, map[string]any{"$type": "app.bsky.feed.post", "text": 12345, "createdAt": now})
	w.srv.AddPost(bskyfake.Post{Author: ken.DID, Text: "and the inks?", Parent: own})
	res, err := listen.New(client, w.st, me, listen.Options{}).SyncOnce(ctx)
	if err != nil || res.New != 2 || len(res.Skipped) != 1 {
		t.Fatalf("a hostile page: %d new, %d skipped, %v", res.New, len(res.Skipped), err)
	}
	ids, _ := w.st.SearchIDs(ctx, mustParse(t, "red"), 0, 10, time.Now())
	if len(ids) != 1 {
		t.Fatalf("the cleaned post: %v", ids)
	}
	p, _, _ := w.st.Post(ids[0])
	if strings.ContainsAny(p.Text, "\x1b\x07") {
		t.Errorf("stored with its escapes: %q", p.Text)
	}
}

func mustParse(t *testing.T, q string) search.Node {
	t.Helper()
	n, err := search.Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestABackdatedPostIsNotLost: a post whose author's app dated it three
// days back, indexed by Bluesky now, after hark read everything before
// it, is stored: its place is when Bluesky indexed it, its time shown
// the one its author gave.
func TestABackdatedPostIsNotLost(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	w.srv.AddPost(bskyfake.Post{Author: ann.DID, Text: "@" + shop.Handle + " first"})
	p := listen.New(client, w.st, me, listen.Options{})
	if _, err := p.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(time.Hour)
	made := w.clock.Now().Add(-72 * time.Hour)
	late := w.srv.AddPost(bskyfake.Post{Author: ken.DID, Text: "@" + shop.Handle + " written on the train, offline", CreatedAt: made, Late: 72 * time.Hour})
	if res, err := p.SyncOnce(ctx); err != nil || res.New != 1 {
		t.Fatalf("the backdated post: %d new, %v", res.New, err)
	}
	id, _ := w.st.NetIDs("bluesky").Post(late.URI, time.Time{})
	got, _, _ := w.st.Post(id)
	if !got.CreatedAt.Equal(made.Truncate(time.Microsecond)) && !got.CreatedAt.Equal(made) {
		t.Errorf("its time: %v, want its author's %v", got.CreatedAt, made)
	}
}

// TestARefusedLogCursorFallsBackToTheScan: a log cursor Bluesky refuses
// (not its own, or too old) is not a dead end: the conversations are
// scanned, and the log's position now kept for the next read.
func TestARefusedLogCursorFallsBackToTheScan(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	w.srv.AddDM(ann.DID, shop.DID, "is it still in stock?")
	if _, err := w.st.Put(store.Batch{Source: "dms", NetCursor: "not-a-rev"}); err != nil {
		t.Fatal(err)
	}
	p := listen.New(client, w.st, me, listen.Options{DMInterval: time.Nanosecond, Now: w.clock.Now})
	if res, err := p.SyncOnce(ctx); err != nil || res.New != 1 {
		t.Fatalf("after a refused cursor: %d new, %v", res.New, err)
	}
	if c, _ := w.st.NetCursor("dms"); c == "not-a-rev" || c == "" {
		t.Errorf("the cursor kept after the scan: %q", c)
	}
}

// TestAReplyFromBlueskysAppJoinsItsConversation: the owner answers a
// customer in Bluesky's own app; the shop's own posts bring the reply
// into the customer's conversation, as a reply made elsewhere.
func TestAReplyFromBlueskysAppJoinsItsConversation(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	asked := w.srv.AddPost(bskyfake.Post{Author: ann.DID, Text: "@" + shop.Handle + " do you gift wrap?"})
	p := listen.New(client, w.st, me, listen.Options{OwnBackfill: time.Hour, Now: w.clock.Now})
	if _, err := p.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(time.Minute)
	phone := w.srv.AddPost(bskyfake.Post{Author: shop.DID, Text: "we do, for free 🎁", Parent: asked})
	if _, err := p.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	ids := w.st.NetIDs("bluesky")
	askedID, _ := ids.Post(asked.URI, time.Time{})
	phoneID, _ := ids.Post(phone.URI, time.Time{})
	got, ok, _ := w.st.Post(phoneID)
	c, _, _ := w.st.Conversation(askedID)
	if !ok || got.ConversationID != askedID || got.Kind != model.Reply || !got.MadeElsewhere() || c.Status != store.StatusWaiting {
		t.Errorf("the reply from the phone: %+v; its conversation %+v", got, c)
	}
}

// TestTwoHarksRenewTheBlueskySessionOnce: two processes whose kept
// session expired renew it together: one refresh, no new session made,
// both calls answered.
func TestTwoHarksRenewTheBlueskySessionOnce(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	if _, err := w.client(t).Me(ctx); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(3 * time.Hour)
	a, b := w.client(t), w.client(t)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range []*bluesky.Client{a, b} {
		wg.Go(func() { _, errs[i] = c.Me(ctx) })
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("two renewals: %v, %v", errs[0], errs[1])
	}
	if created, refreshed := w.srv.Sessions(); created != 1 || refreshed != 1 {
		t.Errorf("sessions made %d, refreshed %d; want 1 and 1", created, refreshed)
	}
}

// TestAPostItsAuthorDeletedIsRemoved: a customer deletes their mention
// on Bluesky; hark's look-up finds it gone and keeps only its tombstone,
// as for X.
func TestAPostItsAuthorDeletedIsRemoved(t *testing.T) {
	w := newWorld(t, nil)
	ctx := context.Background()
	client, me := w.signedIn(t)
	gone := w.srv.AddPost(bskyfake.Post{Author: ann.DID, Text: "@" + shop.Handle + " never mind, my mistake"})
	kept := w.srv.AddPost(bskyfake.Post{Author: ken.DID, Text: "@" + shop.Handle + " and the inks?"})
	p := listen.New(client, w.st, me, listen.Options{})
	if _, err := p.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	w.srv.DeletePost(gone.URI)
	ids := w.st.NetIDs("bluesky")
	goneID, _ := ids.Post(gone.URI, time.Time{})
	keptID, _ := ids.Post(kept.URI, time.Time{})
	if _, err := p.VerifyDeleted(ctx, []uint64{goneID, keptID}, nil); err != nil {
		t.Fatal(err)
	}
	g, _, _ := w.st.Post(goneID)
	k, _, _ := w.st.Post(keptID)
	if g.Kind != model.Deleted || g.Text != "" || k.Kind != model.Mention {
		t.Errorf("after the look-up: deleted %+v, kept %+v", g, k)
	}
}
