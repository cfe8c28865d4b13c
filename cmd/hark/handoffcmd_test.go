package main

import (
	"bytes"
	"io"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// TestHandoffToAFileAndToACommand: without a command the transcript is
// an .eml a mail reader opens (parsed back here), the conversation notes
// it and waits; with [handoff] command it is piped there.
func TestHandoffToAFileAndToACommand(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	mustRun(t, env, "sync", "--once")
	dir := t.TempDir()
	out, err := runHark(t, env, "handoff", convOf(t, srv, "kenji_t", "Tomoe River"), "--to", "Help <help@shop.example>", "--dir", dir)
	if err != nil || !strings.Contains(out, "handed off to e-mail: saved in "+dir) || !strings.Contains(out, "hark send --dm") {
		t.Fatalf("handoff: %q, %v", out, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("%d .eml files", len(files))
	}
	raw, _ := os.ReadFile(files[0])
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if !strings.Contains(string(body), "田中 健二 (@kenji_t)") || !strings.Contains(string(body), "Tomoe River paper") || msg.Header.Get("To") != "\"Help\" <help@shop.example>" {
		t.Errorf("the .eml: %s\n%s", msg.Header, body)
	}
	if out := mustRun(t, env, "search", "note:handed"); !strings.Contains(out, "kenji_t") {
		t.Errorf("no note of the hand-off: %q", out)
	}
	piped := filepath.Join(t.TempDir(), "piped.eml")
	writeConfig(t, env, "[handoff]\nto = \"help@shop.example\"\ncommand = \"cat > "+piped+"\"\n")
	if out, err := runHark(t, env, "handoff", "@angry_al"); err == nil || !strings.Contains(err.Error(), "@angry_al has 2 open conversations; name one by its id: ") {
		t.Errorf("an @handle with two open conversations: %q, %v; want the list", out, err)
	}
	if out, err := runHark(t, env, "handoff", convOf(t, srv, "angry_al", "charged TWICE")); err != nil || !strings.Contains(out, "piped to cat") {
		t.Errorf("handoff by command: %q, %v", out, err)
	}
	if raw, err := os.ReadFile(piped); err != nil || !strings.Contains(string(raw), "To: <help@shop.example>") {
		t.Errorf("piped: %s, %v", raw, err)
	}
	writeConfig(t, env, "[handoff]\nto = \"not an address\"\n")
	if _, err := runHark(t, env, "ls"); err == nil || !strings.Contains(err.Error(), ":2: [handoff] to \"not an address\"") {
		t.Errorf("a bad address: %v", err)
	}
}

// TestAHandoffCutShortIsNotMailedTwice: a hark killed after the mail
// left and before it noted so leaves the hand-off marked begun; the next
// handoff of that conversation refuses in one line and mails nothing,
// until --again. A mail command that fails leaves no mark.
func TestAHandoffCutShortIsNotMailedTwice(t *testing.T) {
	env := testEnv(t, startShop(t))
	mustRun(t, env, "sync", "--once")
	mails := filepath.Join(t.TempDir(), "mails")
	writeConfig(t, env, "[handoff]\nto = \"help@shop.example\"\ncommand = \"cat >> "+mails+"\"\n")
	conv := inboxIDs(t, env, "all")[0].ConversationID
	id, _ := model.ParseID(conv)
	st, err := store.Open(filepath.Join(env["XDG_DATA_HOME"], "hark", "hark.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.BeginHandoff(id, store.HandoffPending{Started: time.Now()}, false) // the mail left; then kill -9
	st.Close()
	count := func() int { raw, _ := os.ReadFile(mails); return strings.Count(string(raw), "X-Hark-Conversation:") }
	_, err = runHark(t, env, "handoff", conv)
	if err == nil || !strings.Contains(err.Error(), "cut short") || !strings.Contains(err.Error(), "--again") || count() != 0 {
		t.Fatalf("a hand-off in doubt: %v; %d mails", err, count())
	}
	if out, err := runHark(t, env, "handoff", conv, "--again"); err != nil || count() != 1 {
		t.Fatalf("--again: %q %v; %d mails", out, err, count())
	}
	if _, err := runHark(t, env, "handoff", conv); err != nil || count() != 2 {
		t.Errorf("a hand-off after one that finished: %v; %d mails", err, count())
	}
	writeConfig(t, env, "[handoff]\ncommand = \"exit 3\"\n")
	if _, err := runHark(t, env, "handoff", conv); err == nil {
		t.Fatal("a failing mail command succeeded")
	}
	writeConfig(t, env, "[handoff]\ncommand = \"cat >> "+mails+"\"\n")
	if _, err := runHark(t, env, "handoff", conv); err != nil || count() != 3 {
		t.Errorf("after a failed command: %v; %d mails", err, count())
	}
}

// TestAHandleWithOneOpenConversationMeansIt: @fatima_z, with one open
// conversation, names it; @officemgr_sam, with a thread and a DM open,
// is refused with both (not the newest post's, which may be the wrong
// one); with --dm, hark send @officemgr_sam writes in the DM.
func TestAHandleWithOneOpenConversationMeansIt(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	mustRun(t, env, "sync", "--once")
	if out, err := runHark(t, env, "tag", "@fatima_z", "+gold"); err != nil || !strings.Contains(mustRun(t, env, "search", "tag:gold"), "fatima_z") {
		t.Errorf("tag @fatima_z: %q, %v", out, err)
	}
	_, err := runHark(t, env, "handoff", "@officemgr_sam")
	if err == nil || !strings.Contains(err.Error(), "@officemgr_sam has 2 open conversations") || !strings.Contains(err.Error(), "DM, open") {
		t.Errorf("handoff @officemgr_sam: %v", err)
	}
	dms := len(srv.DMs())
	if out, err := runHark(t, env, "send", "--dm", "--undo", "0s", "@officemgr_sam", "Net-30 is fine, Sam."); err != nil || len(srv.DMs()) != dms+1 {
		t.Errorf("send --dm @officemgr_sam: %q, %v", out, err)
	}
}

// TestAHandleMeansWhatWasSaidToTheShop: rae_inks talks about the shop
// (heard) and writes it a DM: @rae_inks means the DM, not the heard post.
func TestAHandleMeansWhatWasSaidToTheShop(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	writeConfig(t, env, "[[search]]\nname = \"brand\"\nquery = '"+xfake.DemoSearch+"'\n")
	srv.AddDM(xfake.DM{SenderID: 2000000101, RecipientID: xfake.ShopAccount.ID, Text: "Is the sepia ink waterproof?"})
	mustRun(t, env, "sync", "--once")
	if out, err := runHark(t, env, "tag", "@rae_inks", "+ink"); err != nil || !strings.Contains(mustRun(t, env, "search", "tag:ink"), "sepia") {
		t.Errorf("tag @rae_inks: %q, %v; want her DM tagged", out, err)
	}
}
