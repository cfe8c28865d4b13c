package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// inboxIDs returns the conversations of a view, newest first.
func inboxIDs(t *testing.T, env map[string]string, view string) []listed {
	t.Helper()
	out, err := runHark(t, env, "ls", "--view", view, "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var rows []listed
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var l listed
		if json.Unmarshal([]byte(line), &l) == nil {
			rows = append(rows, l)
		}
	}
	return rows
}

func shopPostsWith(srv *xfake.Server, text string) int {
	n := 0
	for _, p := range srv.Posts() {
		if p.AuthorID == xfake.ShopAccount.ID && p.Text == text {
			n++
		}
	}
	return n
}

func TestSendAndOutboxTwins(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	conv := inboxIDs(t, env, "inbox")[0].ConversationID
	dmsBefore := len(srv.DMs())

	out, err := runHark(t, env, "send", conv, "Thank you, Nina!")
	if err != nil || !strings.HasPrefix(out, "sent ") || shopPostsWith(srv, "Thank you, Nina!") != 1 {
		t.Fatalf("send: %q, %v", out, err)
	}
	if rows := inboxIDs(t, env, "waiting"); len(rows) != 2 || rows[0].ConversationID != conv { // and fatima's, answered from X's app
		t.Errorf("the answered conversation is not waiting: %+v", rows)
	}
	if _, err := runHark(t, env, "send", conv, strings.Repeat("too long ", 40)); err == nil || !strings.Contains(err.Error(), "--thread") {
		t.Errorf("over-length: %v", err)
	}
	out, err = runHark(t, env, "send", "--thread", conv, strings.Repeat("A long and careful answer. ", 20))
	if err != nil || strings.Count(out, "sent ") < 2 {
		t.Errorf("thread: %q, %v", out, err)
	}
	out, err = runHark(t, env, "send", "--dm", conv, "Could you DM me the order number?")
	if err != nil || len(srv.DMs()) != dmsBefore+1 {
		t.Errorf("dm: %q, %v, %d DMs", out, err, len(srv.DMs())-dmsBefore)
	}

	srv.Inject("POST /2/tweets", xfake.Fault{Status: 403})
	if _, err := runHark(t, env, "send", conv, "This one is refused"); err == nil || !strings.Contains(err.Error(), "not sent: X answered 403") {
		t.Errorf("refused: %v", err)
	}
	out, _ = runHark(t, env, "outbox")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	if f := strings.Split(last, "\t"); !strings.Contains(last, "\tfailed\treply\t@") || f[5] != "-" || f[6] != conv {
		t.Fatalf("outbox: %q", out)
	}
	id := strings.Split(last, "\t")[0]
	if _, err := runHark(t, env, "outbox", "retry", id); err != nil {
		t.Fatal(err)
	}
	if out, err := runHark(t, env, "outbox", "send"); err != nil || out != "0 waiting\n" || shopPostsWith(srv, "This one is refused") != 1 {
		t.Errorf("retry: %q, %v", out, err)
	}
	out, _ = runHark(t, env, "outbox")
	if f := strings.Split(strings.Split(strings.TrimSpace(out), "\n")[len(lines)-1], "\t"); f[1] != "sent" || f[5] == "-" {
		t.Errorf("a sent item shows no X id: %q", f)
	}
	if _, err := runHark(t, env, "outbox", "cancel", id); err == nil || !strings.Contains(err.Error(), "is sent already (X id ") {
		t.Errorf("cancelling a sent item: %v", err)
	}
}

// TestKilledDuringSendPostsExactlyOnce runs the real binary, kills it with
// SIGKILL while X holds its reply but has not answered, restarts it, and
// finds exactly one post on X.
func TestKilledDuringSendPostsExactlyOnce(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "hark")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building hark: %v\n%s", err, out)
	}
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	conv := inboxIDs(t, env, "inbox")[0].ConversationID
	const reply = "We found your basket, María!"
	srv.Inject("POST /2/tweets", xfake.Fault{Commit: true, Delay: 30 * time.Second})

	run := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		return cmd
	}
	send := run("send", conv, reply)
	if err := send.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for shopPostsWith(srv, reply) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	send.Process.Signal(syscall.SIGKILL)
	send.Wait()
	if n := shopPostsWith(srv, reply); n != 1 {
		t.Fatalf("before the restart X holds %d copies", n)
	}

	out, err := run("outbox", "send").CombinedOutput()
	if err != nil || string(out) != "0 waiting\n" {
		t.Fatalf("restart: %s, %v", out, err)
	}
	if n := shopPostsWith(srv, reply); n != 1 {
		t.Errorf("after the restart X holds %d copies", n)
	}
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	items, _ := st.Outbox()
	if len(items) != 1 || items[0].State != store.Sent || items[0].PostID == 0 {
		t.Fatalf("outbox = %+v", items)
	}
	if p, found, _ := st.Post(items[0].PostID); !found || p.Kind != model.Reply {
		t.Errorf("the reply is not in the thread: %+v", p)
	}
}

func TestSendGivesUpWaitingWithStatus75AndKeepsTheReply(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	runHark(t, env, "sync", "--once")
	conv := inboxIDs(t, env, "inbox")[0].ConversationID
	var outage []xfake.Fault
	for range 20 {
		outage = append(outage, xfake.Fault{Status: 503})
	}
	srv.Inject("POST /2/tweets", outage...)
	srv.Inject("GET /2/users/:id/tweets", outage...)
	start := time.Now()
	_, err := runHark(t, env, "send", "--wait", "1s", conv, "Back in stock tomorrow!")
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitTempFail || !strings.Contains(err.Error(), "not sent yet") || !strings.Contains(err.Error(), "503") {
		t.Fatalf("err %v", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v", took)
	}
	out, _ := runHark(t, env, "outbox")
	if !strings.Contains(out, "Back in stock tomorrow!") || shopPostsWith(srv, "Back in stock tomorrow!") != 0 {
		t.Errorf("outbox %q", out)
	}
}

// outboxAfter returns the outbox items queued after the first n.
func outboxAfter(t *testing.T, env map[string]string, n int) []store.Item {
	t.Helper()
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	items, err := st.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	return items[n:]
}

// prepared runs outbox.Prepare on the database as 'hark send' would.
func prepared(t *testing.T, env map[string]string, r outbox.Reply, limit int) (outbox.Plan, error, int) {
	t.Helper()
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct, _, _ := st.Account()
	items, _ := st.Outbox()
	plan, err := outbox.Prepare(st, r, outbox.Settings{Account: acct, HourlyLimit: limit}, time.Now())
	return plan, err, len(items)
}

// TestSendQueuesWhatPrepareMakes: 'hark send' queues exactly the items,
// and prints exactly the warnings, of outbox.Prepare (which the composer
// calls too: tui's TestComposerQueuesWhatPrepareMakes).
func TestSendQueuesWhatPrepareMakes(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "public_replies_per_hour = 2\n")
	runHark(t, env, "sync", "--once")
	rows := inboxIDs(t, env, "inbox")
	conv, _ := strconv.ParseUint(rows[0].ConversationID, 10, 64)
	long := strings.Repeat("A long and careful answer. ", 20)
	cases := []struct {
		name  string
		reply outbox.Reply
		flags []string
	}{
		{"reply", outbox.Reply{Body: "Thank you, Nina!"}, nil},
		{"dm", outbox.Reply{Body: "Could you DM me the order?", DM: true}, []string{"--dm"}},
		{"dm with notice", outbox.Reply{Body: "Sent the tracking link.", DM: true, AlsoPublic: true}, []string{"--dm", "--also-public"}},
		{"too long", outbox.Reply{Body: long}, nil},
		{"split", outbox.Reply{Body: long, Split: true}, []string{"--thread"}},
		// What went by DM, now in public: X takes it, the checks warn.
		{"the same text again, past the hourly limit", outbox.Reply{Body: "Could you DM me the order?"}, nil},
		// The same public text twice: X would refuse it, so hark does first.
		{"the same public text again", outbox.Reply{Body: "Thank you, Nina!"}, nil},
	}
	for _, c := range cases {
		c.reply.ConversationID = conv
		plan, perr, before := prepared(t, env, c.reply, 2)
		args := append(append([]string{"send"}, c.flags...), rows[0].ConversationID, c.reply.Body)
		out, err := runHark(t, env, args...)
		if perr != nil {
			if err == nil || !strings.HasPrefix(err.Error(), perr.Error()) {
				t.Errorf("%s: Prepare refused %q, send said %v", c.name, perr, err)
			}
			continue
		}
		got := outboxAfter(t, env, before)
		if err != nil || !harktest.SameItems(got, plan.Items) {
			t.Errorf("%s: send queued %+v (%v), Prepare made %+v", c.name, got, err, plan.Items)
		}
		var warned []string
		for _, l := range strings.Split(out, "\n") {
			if w, ok := strings.CutPrefix(l, "warning: "); ok {
				warned = append(warned, w)
			}
		}
		if strings.Join(warned, "|") != strings.Join(plan.Warnings, "|") {
			t.Errorf("%s: send warned %q, Prepare %q", c.name, warned, plan.Warnings)
		}
		if c.name == "the same text again, past the hourly limit" && len(plan.Warnings) < 2 {
			t.Errorf("the limit from config.toml (2) and the same text did not both warn: %q", plan.Warnings)
		}
	}
}

// A post that does not mention the shop is refused a public reply before
// X, with a line that names --dm, and goes by DM; a person X says takes
// no DMs from the shop is refused a DM before X; a DM conversation is
// answered by DM.
func TestHeardPostsAndDMConversationsAreAnsweredByDM(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[[search]]\nname = \"brand\"\nquery = '"+xfake.DemoSearch+"'\n")
	if _, err := runHark(t, env, "sync", "--once"); err != nil {
		t.Fatal(err)
	}
	posts, dms := len(srv.Posts()), len(srv.DMs())
	_, err := runHark(t, env, "send", "@rae_inks", "Thank you Rae!")
	if err == nil || !strings.Contains(err.Error(), "did not mention you") || !strings.Contains(err.Error(), "--dm") || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("a public reply to a heard post: %v", err)
	}
	if out, err := runHark(t, env, "send", "--dm", "@rae_inks", "Thank you Rae! Glad the ink arrived."); err != nil || len(srv.DMs()) != dms+1 {
		t.Errorf("the DM: %q, %v", out, err)
	}
	_, err = runHark(t, env, "send", "--dm", "@jo_plans", "Hi Jo!")
	if err == nil || !strings.Contains(err.Error(), "X says @jo_plans does not accept DMs from you") {
		t.Errorf("a DM to a person closed to DMs: %v", err)
	}
	if out, err := runHark(t, env, "send", "--dm", "@angry_al", "Refunded INV-20931 just now; it shows in 3-5 days."); err != nil || len(srv.DMs()) != dms+2 {
		t.Errorf("an answer in al's DM conversation: %q, %v (%d DMs sent)", out, err, len(srv.DMs())-dms)
	}
	if got := srv.DMs(); got[len(got)-1].RecipientID != 2000000006 {
		t.Errorf("the last DM went to %d", got[len(got)-1].RecipientID)
	}
	if len(srv.Posts()) != posts {
		t.Errorf("%d public posts were made", len(srv.Posts())-posts)
	}
}

// TestTheSamePublicTextTwiceIsRefusedBeforeX: a public reply whose text
// the shop posted today is refused with a non-zero exit that names
// --force, nothing queued; with --force it is queued (and X refuses it,
// as the notes say it does).
func TestTheSamePublicTextTwiceIsRefusedBeforeX(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	mustRun(t, env, "sync", "--once")
	nina := convOf(t, srv, "nashville_nina", "congrats on 5 years")
	mustRun(t, env, "send", "--undo", "0s", nina, "Thank you so much!")
	items := len(strings.Split(strings.TrimSpace(mustRun(t, env, "outbox")), "\n"))
	_, err := runHark(t, env, "send", "--undo", "0s", nina, "Thank you so much!")
	if err == nil || !strings.Contains(err.Error(), "already posted this text publicly today") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("the same text again: %v", err)
	}
	if n := len(strings.Split(strings.TrimSpace(mustRun(t, env, "outbox")), "\n")); n != items {
		t.Errorf("the refused reply was queued: %d outbox lines, then %d", items, n)
	}
	if _, err := runHark(t, env, "send", "--undo", "0s", "--force", "--wait", "2s", nina, "Thank you so much!"); err == nil {
		t.Errorf("--force: X took a duplicate")
	}
}
