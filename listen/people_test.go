package listen_test

import (
	"context"
	"testing"
	"time"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/twitter/xfake"
)

const usersEndpoint = "GET /2/users"

// TestPeopleAreReadOnceAWeek: the mentions expand no people; the first
// sync reads ann and bob by themselves, in one look-up; the next day's
// mentions by them read nobody (with people expanded, X bills them again
// each new UTC day: 12 more user reads in six days); past the refresh
// they are read again, once.
func TestPeopleAreReadOnceAWeek(t *testing.T) {
	bob := model.User{ID: 300, Username: "bob", Name: "Bob"}
	now := time.Now().UTC().Truncate(time.Second)
	f := metered(t, xfake.Scenario{Account: shop, Users: []model.User{ann, bob}}, now)
	srv, st, clock := f.srv, f.store, f.clock
	say := func(who model.User, text string) {
		srv.AddPost(model.Post{AuthorID: who.ID, Text: "@shop " + text, CreatedAt: clock.Now().Add(-time.Minute)})
	}
	userReads := func() int {
		rows, _ := st.SpendSince("2000-01-01")
		n := 0
		for _, r := range rows {
			if r.Kind == spend.UserRead {
				n += r.Count
			}
		}
		return n
	}
	p := f.poller(listen.Options{})
	sync := func() {
		t.Helper()
		if _, err := p.SyncOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	say(ann, "hello")
	say(bob, "hi")
	sync()
	if got, reads := srv.Calls(usersEndpoint), userReads(); got != 1 || reads != 2 {
		t.Fatalf("first sync: %d look-ups, %d people read; want 1 and 2", got, reads)
	}
	if u, _, _ := st.User(bob.ID); u.Username != "bob" {
		t.Errorf("bob, stored: %+v", u)
	}
	for day := 1; day <= 6; day++ {
		clock.Advance(24 * time.Hour)
		say(ann, "again")
		say(bob, "again")
		sync()
	}
	if got, reads := srv.Calls(usersEndpoint), userReads(); got != 1 || reads != 2 {
		t.Errorf("six more days of mentions: %d look-ups, %d people read; want still 1 and 2", got, reads)
	}
	if billed := srv.Billed()[spend.UserRead]; billed != 2 {
		t.Errorf("X billed %d user reads, want 2", billed)
	}
	known := 0
	rows, _ := st.SpendSince("2000-01-01")
	for _, r := range rows {
		if r.Kind == spend.PersonKnown {
			known += r.Count
		}
	}
	if known != 12 { // what hark usage shows as saved: each of them, each of the six days
		t.Errorf("%d people known and not read counted, want 12", known)
	}
	clock.Advance(2 * 24 * time.Hour) // past the week
	say(ann, "still there?")
	sync()
	// The page holds the last minutes before the cursor again (the
	// overlap: bob's post of day 6 too), so both are read again, in one
	// look-up.
	if got, reads := srv.Calls(usersEndpoint), userReads(); got != 2 || reads != 4 {
		t.Errorf("past the refresh: %d look-ups, %d people read; want 2 and 4", got, reads)
	}
}
