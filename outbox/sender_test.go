package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/text"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

const createEndpoint = "POST /2/tweets"

var (
	shop = model.User{ID: 100, Username: "shop", Name: "Shop"}
	ann  = model.User{ID: 200, Username: "ann", Name: "Ann"}
	bob  = model.User{ID: 300, Username: "bob", Name: "Bob"}
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type fixture struct {
	srv    *xfake.Server
	client *twitter.Client
	store  *store.Store
	clock  *clock
	sender *outbox.Sender
	posts  []model.Post // the mentions, as stored
}

// setup serves three mentions of the shop and one post that does not
// mention it, syncs them, and returns a sender on a fake clock.
func setup(t *testing.T, timeout time.Duration) *fixture {
	t.Helper()
	c := &clock{now: time.Now().UTC().Truncate(time.Second)}
	sc := xfake.Scenario{Account: shop, Users: []model.User{ann, bob}, ClosedDMs: []uint64{bob.ID}}
	for i := range 3 {
		sc.Posts = append(sc.Posts, model.Post{AuthorID: ann.ID, Text: fmt.Sprintf("@shop question %d?", i), CreatedAt: c.now.Add(time.Duration(i-10) * time.Minute)})
	}
	sc.Posts = append(sc.Posts, model.Post{AuthorID: bob.ID, Text: "I love Shop, no mention", CreatedAt: c.now.Add(-time.Hour)})
	srv, client := xtest.X(t, sc, xfake.Options{Clock: c.Now}, twitter.Options{Timeout: timeout, Now: c.Now})
	st := harktest.Store(t)
	if _, err := listen.New(client, st, shop, listen.Options{}).SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	f := &fixture{srv: srv, client: client, store: st, clock: c, sender: outbox.New(client, st, shop, outbox.Options{Now: c.Now})}
	for _, p := range srv.Posts() {
		if stored, found, _ := st.Post(p.ID); found {
			f.posts = append(f.posts, stored)
		}
	}
	return f
}

// ours returns the shop's posts on X.
func (f *fixture) ours() []model.Post {
	var out []model.Post
	for _, p := range f.srv.Posts() {
		if p.AuthorID == shop.ID {
			out = append(out, p)
		}
	}
	return out
}

// reopen closes the store and opens it again, as the next hark would.
func (f *fixture) reopen(t *testing.T) {
	t.Helper()
	path := f.store.Path()
	f.store.Close()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.store = st
}

func (f *fixture) enqueue(t *testing.T, items ...store.Item) []store.Item {
	t.Helper()
	got, err := f.store.Enqueue(items...)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func (f *fixture) flush(t *testing.T) time.Time {
	t.Helper()
	next, err := f.sender.Flush(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return next
}

func TestUndoInsideTheWindowPostsNothing(t *testing.T) {
	f := setup(t, 2*time.Second)
	it := f.enqueue(t, outbox.Replies(f.posts[0], []string{"On its way!"}, f.clock.Now(), 10*time.Second)...)[0]
	if next := f.flush(t); !next.Equal(f.clock.Now().Add(10 * time.Second)) {
		t.Errorf("next = %v, want the end of the undo window", next)
	}
	f.clock.add(9 * time.Second)
	if _, err := f.store.TakeBack(it.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.add(time.Minute)
	f.flush(t)
	if got := f.ours(); len(got) != 0 {
		t.Errorf("X got %d posts", len(got))
	}
}

func TestOfflineThenOnlinePostsOnceInOrderPerConversation(t *testing.T) {
	f := setup(t, 2*time.Second)
	now := f.clock.Now()
	var items []store.Item
	for _, part := range []string{"a", "b"} {
		for i, p := range f.posts {
			items = append(items, outbox.Replies(p, []string{fmt.Sprintf("answer %d%s", i, part)}, now, 0)...)
		}
	}
	f.enqueue(t, items...)
	f.srv.Inject(createEndpoint, xfake.Fault{Status: 503}, xfake.Fault{Drop: true}, xfake.Fault{Drop: true}, xfake.Fault{Status: 502})
	for range 20 {
		next := f.flush(t)
		if next.IsZero() {
			break
		}
		if wait := next.Sub(f.clock.Now()); wait <= 0 || wait > 5*time.Minute {
			t.Fatalf("retry in %v", wait)
		}
		f.clock.add(next.Sub(f.clock.Now()))
	}
	got := f.ours()
	if len(got) != 6 {
		t.Fatalf("X got %d posts, want 6", len(got))
	}
	seen := map[string]int{}
	for i, p := range got {
		seen[p.Text] = i
	}
	for i, p := range f.posts {
		a, okA := seen[fmt.Sprintf("answer %da", i)]
		b, okB := seen[fmt.Sprintf("answer %db", i)]
		if !okA || !okB || a > b || got[a].InReplyToID != p.ID {
			t.Errorf("conversation %d: a at %d (%v), b at %d (%v)", i, a, okA, b, okB)
		}
	}
	if q, _ := f.store.Outbox(store.Queued, store.Sending); len(q) != 0 {
		t.Errorf("%d items still wait", len(q))
	}
}

func TestRateLimitWaitsForTheReset(t *testing.T) {
	f := setup(t, 2*time.Second)
	f.enqueue(t, outbox.Replies(f.posts[0], []string{"Thanks!"}, f.clock.Now(), 0)...)
	f.srv.Inject(createEndpoint, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 40 * time.Second})
	next := f.flush(t)
	if wait := next.Sub(f.clock.Now()); wait < 40*time.Second || wait > 42*time.Second {
		t.Fatalf("retry in %v, want just past the 40 s reset", wait)
	}
	items, _ := f.store.Outbox()
	if items[0].State != store.Queued || !strings.Contains(items[0].LastError, "rate-limited") {
		t.Errorf("item = %+v", items[0])
	}
	f.clock.add(next.Sub(f.clock.Now()))
	f.flush(t)
	if len(f.ours()) != 1 {
		t.Errorf("X got %d posts", len(f.ours()))
	}
}

func TestCrashBetweenRequestAndStoreNeverPostsTwice(t *testing.T) {
	f := setup(t, 300*time.Millisecond)
	// X creates the post but answers too late: the client gives up.
	f.srv.Inject(createEndpoint, xfake.Fault{Commit: true, Delay: time.Second})
	it := f.enqueue(t, outbox.Replies(f.posts[0], []string{"We found your basket."}, f.clock.Now(), 0)...)[0]
	next := f.flush(t)
	if next.IsZero() || len(f.ours()) != 1 {
		t.Fatalf("after the timeout: next %v, X has %d posts", next, len(f.ours()))
	}
	f.clock.add(next.Sub(f.clock.Now()))
	f.flush(t)
	if got := f.ours(); len(got) != 1 {
		t.Fatalf("X has %d copies", len(got))
	}
	done, _, _ := f.store.Item(it.ID)
	if done.State != store.Sent || done.PostID != f.ours()[0].ID {
		t.Errorf("item = %+v", done)
	}

	// And hark died after claiming the next one, X having it: the restart
	// finds it there and does not send it again.
	second := f.enqueue(t, outbox.Replies(f.posts[1], []string{"Refund issued."}, f.clock.Now(), 0)...)[0]
	claimed, _ := f.store.Claim(second.ID, f.store.NewClaimer(), f.clock.Now())
	f.srv.AddPost(model.Post{AuthorID: shop.ID, Text: claimed.Text, InReplyToID: claimed.InReplyTo})
	f.reopen(t) // the next hark
	restarted := outbox.New(f.client, f.store, shop, outbox.Options{Now: f.clock.Now})
	if _, err := restarted.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := f.ours(); len(got) != 2 {
		t.Errorf("X has %d posts, want 2", len(got))
	}
	if it, _, _ := f.store.Item(second.ID); it.State != store.Sent {
		t.Errorf("resolved item = %+v", it)
	}
}

func TestIneligibleReplyIsPredictedAndRefused(t *testing.T) {
	f := setup(t, 2*time.Second)
	var notMentioning model.Post
	for _, p := range f.srv.Posts() {
		if p.AuthorID == bob.ID {
			notMentioning = p
		}
	}
	if network.Answerable(notMentioning, shop) || !network.Answerable(f.posts[0], shop) {
		t.Fatal("eligibility predicted wrong")
	}
	it := f.enqueue(t, outbox.Replies(notMentioning, []string{"Thank you!"}, f.clock.Now(), 0)...)[0]
	f.flush(t)
	got, _, _ := f.store.Item(it.ID)
	if got.State != store.Failed || !strings.Contains(got.LastError, "not been mentioned") {
		t.Errorf("item = %+v", got)
	}
}

func TestDMIsDeliveredAndKept(t *testing.T) {
	f := setup(t, 2*time.Second)
	conv := f.posts[0].ConversationID
	f.enqueue(t, outbox.DirectMessage(conv, ann.ID, "Could you DM me your order number?", f.clock.Now(), 0))
	f.enqueue(t, outbox.DirectMessage(conv, bob.ID, "Hello Bob", f.clock.Now(), 0))
	f.flush(t)
	dms := f.srv.DMs()
	if len(dms) != 1 || dms[0].RecipientID != ann.ID {
		t.Fatalf("DMs on X = %+v", dms)
	}
	thread, _ := f.store.Thread(conv)
	if last := thread[len(thread)-1]; last.Kind != model.DMSent || last.InReplyToUser != ann.ID {
		t.Errorf("the thread ends with %+v", last)
	}
	// The DM is the first post of the DM conversation with ann, which
	// waits for her answer; the conversation it came from waits too.
	dmConv := model.DMConversation(ann.ID)
	dmThread, _ := f.store.Thread(dmConv)
	if len(dmThread) != 1 || dmThread[0].ID != thread[len(thread)-1].ID {
		t.Errorf("the DM conversation holds %+v", dmThread)
	}
	for _, id := range []uint64{conv, dmConv} {
		c, _, _ := f.store.Conversation(id)
		if c.Status != store.StatusWaiting || c.CustomerID != ann.ID {
			t.Errorf("conversation %d = %+v, want waiting on ann", id, c)
		}
	}
	failed, _ := f.store.Outbox(store.Failed)
	if len(failed) != 1 || !strings.Contains(failed[0].LastError, "cannot send messages") {
		t.Errorf("closed DMs: %+v", failed)
	}
}

func TestThreadPartsAnswerEachOther(t *testing.T) {
	f := setup(t, 2*time.Second)
	long := strings.Repeat("The basket was restored and the compass is reserved for you. ", 10)
	parts := outbox.Split(text.Rules{}, long)
	if len(parts) < 2 {
		t.Fatalf("Split made %d parts", len(parts))
	}
	f.enqueue(t, outbox.Replies(f.posts[0], parts, f.clock.Now(), 0)...)
	for range len(parts) + 2 {
		if f.flush(t).IsZero() {
			break
		}
		f.clock.add(time.Second)
	}
	got := f.ours()
	if len(got) != len(parts) {
		t.Fatalf("X has %d posts, want %d", len(got), len(parts))
	}
	for i, p := range got {
		want := f.posts[0].ID
		if i > 0 {
			want = got[i-1].ID
		}
		if p.InReplyToID != want || p.Text != parts[i] {
			t.Errorf("part %d answers %d, want %d", i, p.InReplyToID, want)
		}
	}
}

// TestSweepWaitsForAFlushAndEndsWithTheSender: Sweep returns once a
// flush begun after it ended (what was due went), and at once with
// ErrStopped when the sender's Run has ended.
func TestSweepWaitsForAFlushAndEndsWithTheSender(t *testing.T) {
	f := setup(t, 2*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() { f.sender.Run(ctx); close(ran) }()
	it := f.enqueue(t, outbox.Replies(f.posts[0], []string{"On its way."}, f.clock.Now(), 0)...)[0]
	if err := f.sender.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := f.store.Item(it.ID); got.State != store.Sent {
		t.Errorf("after a sweep the item is %s", got.State)
	}
	cancel()
	<-ran
	done := make(chan error, 1)
	go func() { done <- f.sender.Sweep(context.Background()) }()
	select {
	case err := <-done:
		if !errors.Is(err, outbox.ErrStopped) {
			t.Errorf("a sweep of a stopped sender: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a sweep of a stopped sender waits forever")
	}
}
