package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/internal/sock"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
)

// Keys as a terminal sends them.
const (
	enter = "\r"
	ctrlS = "\x13"
	esc   = "\x1b"
)

// shopServed is the shop's day on the simulated X, served over SSH to
// ann and bo, with the first sync stored.
type shopServed struct {
	world
	served  *Served
	ann, bo gossh.Signer
	rows    []store.Row // the inbox's first rows, newest first
}

func serveShop(t *testing.T) shopServed {
	t.Helper()
	w := newWorld(t)
	ann, bo := harktest.Key(t), harktest.Key(t)
	team := config.Team{Addr: "127.0.0.1:0", People: []config.Person{
		{Name: "ann", Keys: []gossh.PublicKey{ann.PublicKey()}},
		{Name: "bo", Keys: []gossh.PublicKey{bo.PublicKey()}},
	}}
	theme, err := styles.LoadTheme("dark", "")
	if err != nil {
		t.Fatal(err)
	}
	base := &common.Common{Styles: styles.FromTheme(theme), Keys: keys.Default(), Store: w.st, Account: w.team[0].User,
		Now: time.Now, UndoWindow: 3 * time.Second, HourlyLimit: 20, Accounts: w.team.Users(), MarkRead: "open"}
	o := Options{Store: w.st, Team: w.team, Settings: w.settings, Interval: time.Hour, Serve: whoRuns, DBPath: w.dbPath, Getenv: w.getenv}
	s, err := Serve(t.Context(), o, base, ServeOptions{Team: team, HostKeyPath: filepath.Join(t.TempDir(), "host_ed25519")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	var rows []store.Row
	harktest.WaitUntil(t, "the first sync is stored", func() bool {
		rows, _ = w.st.Inbox(store.ViewInbox, store.InboxKey{}, 3)
		return len(rows) == 3
	})
	return shopServed{world: w, served: s, ann: ann, bo: bo, rows: rows}
}

// whoRuns is a served command saying who ran it.
func whoRuns(_ context.Context, _ *Runtime, req sock.Request, stdout, _ io.Writer) sock.Result {
	fmt.Fprintf(stdout, "%s ran %v", req.Person, req.Args)
	return sock.Result{}
}

// term opens a person's inbox at 100×30, once it shows the shop's rows.
func (s shopServed) term(t *testing.T, user string, key gossh.Signer) *harktest.Term {
	t.Helper()
	c, err := harktest.Dial(s.served.Addr, user, key)
	if err != nil {
		t.Fatal(err)
	}
	tm := harktest.OpenTerm(t, c, 100, 30)
	tm.WaitFor(10*time.Second, "@"+s.rows[0].Customer.Username, "@"+s.rows[1].Customer.Username)
	return tm
}

// TestTwoPeopleAnswerTogetherWithoutAnsweringTwice: bo sees ann's claim
// on the conversation she opened a reply in, is told as he opens his
// own, and his send there is warned before anything is queued; ann's
// own send, once confirmed, is queued as hers.
func TestTwoPeopleAnswerTogetherWithoutAnsweringTwice(t *testing.T) {
	s := serveShop(t)
	ann, bo := s.term(t, "ann", s.ann), s.term(t, "bo", s.bo)
	top := s.rows[0].Conversation.ID

	ann.Type("g")
	ann.Type("r")
	ann.WaitFor(10*time.Second, "Reply to @"+s.rows[0].Customer.Username)
	bo.WaitFor(10*time.Second, "✎ann")
	bo.Type("g")
	bo.Type(enter)
	bo.WaitFor(10*time.Second, "✎ ann is replying") // the thread says it too

	bo.Type("r")
	bo.WaitFor(10*time.Second, "ann is replying here too")
	bo.Type("On it!")
	bo.Type(ctrlS)
	bo.WaitFor(10*time.Second, "ann is replying here now — send again to send anyway")
	if items, _ := s.st.Outbox(store.Queued); len(items) != 0 {
		t.Fatalf("bo's warned reply was queued: %+v", items)
	}
	bo.Type(esc) // he leaves it to her: his draft is kept, his claim goes
	ann.WaitFor(10*time.Second, "bo is replying here too")
	ann.Type("Thanks for telling us, a new one goes out today.")
	ann.Type(ctrlS)
	harktest.WaitUntil(t, "ann's reply queued, as hers", func() bool {
		items, _ := s.st.Outbox(store.Queued, store.Sending, store.Sent)
		return len(items) == 1 && items[0].By == "ann" && items[0].ConversationID == top
	})
	bo.WaitFor(10*time.Second, "reply goes in")                        // her queued reply shows in his thread too
	bo.WaitFor(10*time.Second, "↳ ann (@"+s.team[0].User.Username+")") // and, sent, as hers
	if n := postsSaying(s.srv, "Thanks for telling us, a new one goes out today."); n != 1 {
		t.Errorf("X has ann's reply %d times, want once", n)
	}

	bo.Type("r") // he sends his after all: warned of hers, he insists, and she is told
	bo.WaitFor(10*time.Second, "On it!")
	bo.Type(ctrlS)
	bo.WaitFor(10*time.Second, "ann queued a reply here")
	bo.Type(ctrlS)
	ann.WaitFor(10*time.Second, "bo queued a reply to @"+s.rows[0].Customer.Username+" too")
}

// TestAssignmentShowsForEveryoneAndInMine: ann gives the conversation
// at hand to bo; bo's list shows it within a second, and his Mine view
// lists it; the store says who gave it.
func TestAssignmentShowsForEveryoneAndInMine(t *testing.T) {
	s := serveShop(t)
	ann, bo := s.term(t, "ann", s.ann), s.term(t, "bo", s.bo)
	ann.Type("g")
	ann.Type("a")
	ann.WaitFor(10*time.Second, "Assign 1 conversation to")
	ann.Type("bo" + enter)
	start := time.Now()
	bo.WaitFor(10*time.Second, "▸bo")
	if took := time.Since(start); took > time.Second {
		t.Errorf("bo saw ann's assignment after %s", took)
	}
	bo.Type("M")
	bo.WaitFor(10*time.Second, "mine 1", "@"+s.rows[0].Customer.Username)
	c, _, err := s.st.Conversation(s.rows[0].Conversation.ID)
	if err != nil || c.Assignee != "bo" || c.AssignedBy != "ann" {
		t.Errorf("conversation: assignee %q by %q, %v", c.Assignee, c.AssignedBy, err)
	}
}

// TestASessionKilledMidComposeKeepsItsDraft: bo's connection drops
// while he writes; what he typed is kept as his draft, his claim goes,
// and his next session opens the reply with it.
func TestASessionKilledMidComposeKeepsItsDraft(t *testing.T) {
	s := serveShop(t)
	bo := s.term(t, "bo", s.bo)
	second := s.rows[1].Conversation.ID
	bo.Type("g")
	bo.Type("j")
	bo.Type("r")
	bo.WaitFor(10*time.Second, "Reply to @"+s.rows[1].Customer.Username)
	bo.Type("half a thought about the")
	bo.WaitFor(10*time.Second, "half a thought about the")
	time.Sleep(1500 * time.Millisecond) // the draft is saved once typing pauses a second
	bo.Close()
	harktest.WaitUntil(t, "bo's claim goes with his session", func() bool {
		return len(s.served.Board.Snapshot()[second]) == 0
	})
	drafts, err := s.st.Drafts("bo")
	if err != nil || drafts[second].Text != "half a thought about the" {
		t.Fatalf("bo's drafts: %+v, %v", drafts, err)
	}
	if owners, _ := s.st.Drafts(""); len(owners) != 0 {
		t.Errorf("bo's draft is the owner's too: %+v", owners)
	}
	again := s.term(t, "bo", s.bo)
	again.Type("g")
	again.Type("j")
	again.Type("r")
	again.WaitFor(10*time.Second, "half a thought about the")
}

// TestACommandOverSSHRunsAsItsPerson: ssh … hark ls runs the command in
// the server's runtime as the person the key signs in.
func TestACommandOverSSHRunsAsItsPerson(t *testing.T) {
	s := serveShop(t)
	c, err := harktest.Dial(s.served.Addr, "whoever", s.bo)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.Output("hark ls inbox")
	if err != nil || string(out) != "bo ran [ls inbox]" {
		t.Errorf("ssh … hark ls inbox: %q, %v", out, err)
	}
	if c, err := harktest.Dial(s.served.Addr, "bo", harktest.Key(t)); err == nil { // bo's name, a stranger's key
		c.Close()
		t.Error("a key no one of the team holds signed in")
	}
}
