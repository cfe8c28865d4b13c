package listen_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// phoneWorld is a support history as the real world makes it: customers
// mention the shop and follow up, and the shop answers every time from
// X's own app (never through hark), minutes to hours later, sometimes
// twice in a row, sometimes never; some customers answer the shop's
// announcements; some edit their post. It is made in two halves, so that
// hark reads the second half, with its answers to the first, late.
type phoneWorld struct {
	rng    *rand.Rand
	srv    *xfake.Server
	people []model.User
	// history is every post as the world made it, by conversation.
	history map[uint64][]model.Post
}

// say publishes a post at a time and files it in the world's history.
func (w *phoneWorld) say(p model.Post) model.Post {
	p = w.srv.AddPost(p)
	w.history[p.ConversationID] = append(w.history[p.ConversationID], p)
	return p
}

// conversations plays n conversations beginning in [from, to).
func (w *phoneWorld) conversations(n int, from, to time.Time) {
	span := to.Sub(from)
	for range n {
		who := w.people[w.rng.IntN(len(w.people))]
		at := from.Add(time.Duration(w.rng.Int64N(int64(span))))
		first := w.say(model.Post{AuthorID: who.ID, CreatedAt: at, Text: fmt.Sprintf("@shop order %d has not arrived", w.rng.IntN(9999))})
		last := first
		for turn := 0; turn < 1+w.rng.IntN(3); turn++ {
			if w.rng.IntN(100) < 15 { // left unanswered: the customer waits
				break
			}
			at = at.Add(time.Duration(1+w.rng.IntN(600)) * time.Minute) // 1 minute to 10 hours, from the phone
			last = w.say(model.Post{AuthorID: shop.ID, InReplyToID: last.ID, CreatedAt: at, Text: "@" + who.Username + " on it, sorry!"})
			if w.rng.IntN(4) == 0 { // a second reply before the customer speaks again
				at = at.Add(time.Duration(1+w.rng.IntN(30)) * time.Minute)
				last = w.say(model.Post{AuthorID: shop.ID, InReplyToID: last.ID, CreatedAt: at, Text: "@" + who.Username + " tracking sent by DM"})
			}
			at = at.Add(time.Duration(1+w.rng.IntN(300)) * time.Minute)
			last = w.say(model.Post{AuthorID: who.ID, InReplyToID: last.ID, CreatedAt: at, Text: "@shop still nothing, any news?"})
		}
	}
}

// expected computes the report's figures from the world's own history,
// by the README's definitions: a wait runs from a customer's first post
// not answered yet to the shop's next reply.
func (w *phoneWorld) expected(from, to time.Time) (convs, answered int, waits []time.Duration) {
	for _, posts := range w.history {
		slices.SortFunc(posts, func(a, b model.Post) int { return a.CreatedAt.Compare(b.CreatedAt) })
		if posts[0].AuthorID == shop.ID || posts[0].CreatedAt.Before(from) || !posts[0].CreatedAt.Before(to) {
			continue
		}
		convs++
		var waiting time.Time
		replied := false
		for _, p := range posts {
			switch {
			case p.AuthorID != shop.ID && waiting.IsZero():
				waiting = p.CreatedAt
			case p.AuthorID == shop.ID && !waiting.IsZero():
				waits = append(waits, p.CreatedAt.Sub(waiting))
				waiting, replied = time.Time{}, true
			case p.AuthorID == shop.ID:
				replied = true
			}
		}
		if replied {
			answered++
		}
	}
	slices.Sort(waits)
	return convs, answered, waits
}

// nearestRank is the q-th percentile of sorted ds, nearest rank.
func nearestRank(ds []time.Duration, q int) time.Duration {
	i := (q*len(ds) + 99) / 100
	return ds[min(max(i, 1), len(ds))-1]
}

// TestAWorldAnsweredFromThePhone: hark, reading mentions and the shop's
// own timeline through gotwi from xfake, in two syncs (the second half
// of the history, and the answers to the first, read late), holds both
// sides of every conversation, each waiting on whoever did not speak
// last, its service report agrees with the figures computed from the
// world itself (conversations, answered, first-response p50 and p90
// within 2%), and it looked up no post the timelines deliver.
func TestAWorldAnsweredFromThePhone(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	var people []model.User
	for i := range 60 {
		people = append(people, model.User{ID: uint64(3000 + i), Username: fmt.Sprintf("cust%d", i), Name: fmt.Sprintf("Customer %d", i)})
	}
	f := metered(t, xfake.Scenario{Account: shop, Users: people}, now)
	w := &phoneWorld{rng: rand.New(rand.NewPCG(7, 24)), srv: f.srv, people: people, history: map[uint64][]model.Post{}}
	start := now.Add(-10 * 24 * time.Hour)
	w.conversations(150, start, now.Add(-5*24*time.Hour))
	f.clock.Set(now.Add(-4 * 24 * time.Hour)) // hark reads the first half
	p := f.poller(listen.Options{OwnBackfill: 30 * 24 * time.Hour, ContextDepth: 5})
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(now)
	w.conversations(150, now.Add(-4*24*time.Hour), now.Add(-12*time.Hour))
	if _, err := p.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}

	for conv, posts := range w.history {
		thread, err := f.store.Thread(conv)
		if err != nil || len(thread) != len(posts) {
			t.Fatalf("conversation %d: hark holds %d posts, the world %d (%v)", conv, len(thread), len(posts), err)
		}
		want := store.StatusOpen // who spoke last says who waits
		if slices.MaxFunc(posts, func(a, b model.Post) int { return a.CreatedAt.Compare(b.CreatedAt) }).AuthorID == shop.ID {
			want = store.StatusWaiting
		}
		if c, _, _ := f.store.Conversation(conv); c.Status != want {
			t.Errorf("conversation %d is %s, want %s", conv, c.Status, want)
		}
	}
	convs, answered, waits := w.expected(start.Add(-time.Hour), now)
	r, err := report.FromStore(context.Background(), f.store, report.Settings{Target: time.Hour}, start.Add(-time.Hour), report.Through(now), now)
	if err != nil {
		t.Fatal(err)
	}
	p50, p90 := nearestRank(waits, 50), nearestRank(waits, 90)
	t.Logf("world: %d conversations, %d answered, first response p50 %v p90 %v; hark: %d, %d, %v, %v",
		convs, answered, p50, p90, r.Conversations, r.Answered, r.FirstP50.Duration(), r.FirstP90.Duration())
	within := func(got, want float64) bool {
		return want == 0 && got == 0 || want != 0 && (got-want)/want <= 0.02 && (want-got)/want <= 0.02
	}
	if !within(float64(r.Conversations), float64(convs)) || !within(float64(r.Answered), float64(answered)) ||
		!within(float64(r.FirstP50), p50.Seconds()) || !within(float64(r.FirstP90), p90.Seconds()) {
		t.Errorf("the report disagrees with the world by more than 2%%")
	}
	if n := f.srv.Calls("GET /2/tweets"); n != 0 {
		t.Errorf("%d look-ups of posts (post reads, 5 times an owned read) for posts the timelines deliver", n)
	}
	if answered == convs || answered < convs/2 {
		t.Errorf("the world is not a test: %d of %d answered", answered, convs)
	}
}
