package outbox_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// The ways X can take a request and lose the answer.
var lostAnswers = map[string]xfake.Fault{
	"answered late": {Commit: true, Delay: time.Second},
	"dropped":       {Commit: true, Drop: true},
	"503":           {Commit: true, Status: http.StatusServiceUnavailable},
	"truncated":     {Commit: true, Truncate: true},
}

// settle flushes, moving the clock to each next time, until nothing waits.
func (f *fixture) settle(t *testing.T, s *outbox.Sender) {
	t.Helper()
	for range 20 {
		next, err := s.Flush(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if next.IsZero() {
			return
		}
		f.clock.add(max(next.Sub(f.clock.Now()), time.Millisecond))
	}
	t.Fatal("the outbox did not settle in 20 flushes")
}

// sentEvents counts the SentEvents a sender reported.
func sentEvents(events chan outbox.Event) map[uint64]int {
	n := map[uint64]int{}
	for {
		select {
		case e := <-events:
			if s, ok := e.(outbox.SentEvent); ok {
				n[s.Item.ID]++
			}
		default:
			return n
		}
	}
}

func TestLostAnswerIsLookedForNeverSentTwice(t *testing.T) {
	// A tab, a link (X makes it a t.co link) and trailing space: X's copy
	// differs from ours and must still be recognised.
	const body = "Found it!\tTrack it here: https://paperandpine.com/track/123 "
	for name, fault := range lostAnswers {
		for _, dm := range []bool{false, true} {
			kind := map[bool]string{false: "reply", true: "DM"}[dm]
			t.Run(kind+" "+name, func(t *testing.T) {
				f := setup(t, 300*time.Millisecond)
				f.srv.SetDuplicateRule(false)
				events := make(chan outbox.Event, 100)
				s := outbox.New(f.client, f.store, shop, outbox.Options{Now: f.clock.Now, Events: events})
				item := outbox.Replies(f.posts[0], []string{body}, f.clock.Now(), 0)[0]
				endpoint := createEndpoint
				if dm {
					item = outbox.DirectMessage(f.posts[0].ConversationID, ann.ID, body, f.clock.Now(), 0)
					endpoint = "POST /2/dm_conversations/with/:participant_id/messages"
				}
				it := f.enqueue(t, item)[0]
				f.srv.Inject(endpoint, fault)
				f.settle(t, s)

				copies := len(f.ours())
				if dm {
					copies = len(f.srv.DMs())
				}
				if copies != 1 {
					t.Fatalf("X has %d copies", copies)
				}
				got, _, _ := f.store.Item(it.ID)
				if got.State != store.Sent || got.PostID == 0 {
					t.Errorf("item = %+v", got)
				}
				if n := sentEvents(events)[it.ID]; n != 1 {
					t.Errorf("reported sent %d times", n)
				}
			})
		}
	}
}

func TestLostAnswerThatNeverArrivedIsSentAgain(t *testing.T) {
	f := setup(t, 300*time.Millisecond)
	f.srv.SetDuplicateRule(false)
	it := f.enqueue(t, outbox.DirectMessage(f.posts[0].ConversationID, ann.ID, "Hello again", f.clock.Now(), 0))[0]
	// The request is dropped before X does anything.
	f.srv.Inject("POST /2/dm_conversations/with/:participant_id/messages", xfake.Fault{Drop: true})
	f.settle(t, f.sender)
	if dms := f.srv.DMs(); len(dms) != 1 {
		t.Fatalf("X has %d DMs", len(dms))
	}
	if got, _, _ := f.store.Item(it.ID); got.State != store.Sent || got.Attempts != 2 {
		t.Errorf("item = %+v", got)
	}
}

func TestAnEarlierIdenticalDMIsNotTakenForTheLostOne(t *testing.T) {
	f := setup(t, 300*time.Millisecond)
	conv := f.posts[0].ConversationID
	first := f.enqueue(t, outbox.DirectMessage(conv, ann.ID, "Thanks!", f.clock.Now(), 0))[0]
	f.settle(t, f.sender)
	f.clock.add(time.Minute)
	second := f.enqueue(t, outbox.DirectMessage(conv, ann.ID, "Thanks!", f.clock.Now(), 0))[0]
	f.srv.Inject("POST /2/dm_conversations/with/:participant_id/messages", xfake.Fault{Drop: true})
	f.settle(t, f.sender)
	if dms := f.srv.DMs(); len(dms) != 2 {
		t.Fatalf("X has %d DMs, want 2", len(dms))
	}
	a, _, _ := f.store.Item(first.ID)
	b, _, _ := f.store.Item(second.ID)
	if b.State != store.Sent || a.PostID == b.PostID {
		t.Errorf("first %+v, second %+v", a, b)
	}
}

func TestADMIsNotHeldBehindARateLimitedReply(t *testing.T) {
	f := setup(t, 2*time.Second)
	f.enqueue(t, outbox.Replies(f.posts[0], []string{"Thanks!"}, f.clock.Now(), 0)...)
	dm := f.enqueue(t, outbox.DirectMessage(f.posts[1].ConversationID, ann.ID, "DM me your order number?", f.clock.Now(), 0))[0]
	later := f.enqueue(t, outbox.Replies(f.posts[2], []string{"On it"}, f.clock.Now(), 0)...)[0]
	f.srv.Inject(createEndpoint, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 10 * time.Minute})
	next := f.flush(t)
	if wait := next.Sub(f.clock.Now()); wait < 10*time.Minute || wait > 10*time.Minute+2*time.Second {
		t.Errorf("next in %v, want the reset", wait)
	}
	if got, _, _ := f.store.Item(dm.ID); got.State != store.Sent {
		t.Errorf("the DM waits: %+v", got)
	}
	if got, _, _ := f.store.Item(later.ID); got.State != store.Queued || got.Attempts != 0 {
		t.Errorf("a later reply was tried against the limit: %+v", got)
	}
	f.clock.add(next.Sub(f.clock.Now()))
	f.settle(t, f.sender)
	if len(f.ours()) != 2 {
		t.Errorf("X has %d replies, want 2", len(f.ours()))
	}
}

func TestAResetDaysAwayIsAFaultNotAWait(t *testing.T) {
	f := setup(t, 2*time.Second)
	it := f.enqueue(t, outbox.Replies(f.posts[0], []string{"Thanks!"}, f.clock.Now(), 0)...)[0]
	f.srv.Inject(createEndpoint, xfake.Fault{Status: http.StatusTooManyRequests, RetryIn: 5 * 365 * 24 * time.Hour})
	next := f.flush(t)
	if wait := next.Sub(f.clock.Now()); wait <= 0 || wait > 5*time.Minute {
		t.Errorf("retry in %v, want a backoff", wait)
	}
	got, _, _ := f.store.Item(it.ID)
	if got.State != store.Queued || !strings.Contains(got.LastError, "more than a day away") {
		t.Errorf("item = %+v", got)
	}
}

func TestLookingForALostAnswerBacksOffWhileXCannotBeAsked(t *testing.T) {
	f := setup(t, 300*time.Millisecond)
	f.srv.SetDuplicateRule(false)
	it := f.enqueue(t, outbox.Replies(f.posts[0], []string{"We are on it"}, f.clock.Now(), 0)...)[0]
	f.srv.Inject(createEndpoint, xfake.Fault{Commit: true, Drop: true})
	var outage []xfake.Fault
	for range 12 {
		outage = append(outage, xfake.Fault{Status: http.StatusServiceUnavailable})
	}
	f.srv.Inject("GET /2/users/:id/tweets", outage...)
	var waits []time.Duration
	for range 13 {
		next := f.flush(t)
		if next.IsZero() {
			break
		}
		waits = append(waits, next.Sub(f.clock.Now()))
		f.clock.add(next.Sub(f.clock.Now()))
	}
	if len(waits) != 13 {
		t.Fatalf("%d waits: %v", len(waits), waits)
	}
	for i := 1; i < len(waits); i++ {
		if waits[i] < waits[i-1] {
			t.Errorf("wait %d (%v) is shorter than the one before (%v)", i, waits[i], waits[i-1])
		}
	}
	if last := waits[len(waits)-1]; last < 4*time.Minute || last > 5*time.Minute {
		t.Errorf("the waits end at %v, want 5 minutes: %v", last, waits)
	}
	f.settle(t, f.sender)
	if got, _, _ := f.store.Item(it.ID); got.State != store.Sent || len(f.ours()) != 1 {
		t.Errorf("item %+v, %d copies on X", got, len(f.ours()))
	}
}
