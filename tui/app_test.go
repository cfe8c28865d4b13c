package tui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/report"
	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/drive"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// now is the fixed time of every TUI test.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	time.Local = time.UTC // golden files show clock times
	os.Exit(m.Run())
}

type harness struct {
	t      *testing.T
	m      tea.Model
	srv    *xfake.Server
	store  *store.Store
	sender *outbox.Sender
	sends  chan outbox.Event
	clock  time.Time
}

// newHarness serves the shop scenario, syncs it into a new store through
// the real client, and starts the TUI at 100×30.
func newHarness(t *testing.T) *harness {
	t.Helper()
	clock := func() time.Time { return now }
	srv, client := xtest.X(t, xfake.ShopScenario(now), xfake.Options{Clock: clock}, twitter.Options{Now: clock})
	st := harktest.Store(t)
	if _, err := listen.New(client, st, xfake.ShopAccount, listen.Options{}).SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	return startTUI(t, srv, client, st)
}

func startTUI(t *testing.T, srv *xfake.Server, client *twitter.Client, st *store.Store) *harness {
	sends := make(chan outbox.Event, 100)
	h := &harness{t: t, srv: srv, store: st, sends: sends, clock: now}
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: st,
		Account: xfake.ShopAccount, Now: func() time.Time { return now }, UndoWindow: 10 * time.Second,
		HourlyLimit: config.DefaultHourlyLimit, Snippets: snippets.Demo(), Kick: func() {}, // the harness runs the sender itself (deliver)
		Prices: twitter.Prices(), Service: report.Settings{Target: time.Hour, Hours: report.Hours{Loc: time.UTC}}}
	h.sender = outbox.New(client, st, xfake.ShopAccount, outbox.Options{Events: sends, Now: func() time.Time { return h.clock }})
	events := make(chan listen.Event)
	close(events) // polling, but nothing more will come
	m := New(c, Sources{Listen: events})
	m.timers = false
	h.m = m
	h.run(h.m.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.send(eventMsg{event: listen.State{Phase: listen.Idle, Next: now.Add(42 * time.Second)}})
	return h
}

// deliver lets the undo window pass, runs the sender once and shows the
// TUI what it did.
func (h *harness) deliver() {
	h.t.Helper()
	h.clock = now.Add(time.Minute)
	if _, err := h.sender.Flush(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	for {
		select {
		case e := <-h.sends:
			h.send(sendMsg{event: e})
		default:
			return
		}
	}
}

// send delivers a message and runs the commands that follow from it.
func (h *harness) send(msg tea.Msg) {
	var cmd tea.Cmd
	h.m, cmd = h.m.Update(msg)
	h.run(cmd)
}

// run executes commands as the runtime would, feeding their messages back.
// A command still waiting after a moment (a timer) is dropped.
func (h *harness) run(cmd tea.Cmd) { h.m = drive.Run(h.m, cmd, 300*time.Millisecond) }

// press sends key presses: names like "enter", "esc", "ctrl+s", or
// single characters.
func (h *harness) press(names ...string) {
	for _, n := range names {
		h.send(keyMsg(n))
	}
}

// typeText types text one key at a time.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(name string) tea.KeyPressMsg { return drive.Key(name) }

func (h *harness) raw() string  { return h.m.View().Content }
func (h *harness) view() string { return ansi.Strip(h.raw()) }

// golden compares the plain screen with testdata/name.golden.
func (h *harness) golden(name string) {
	h.t.Helper()
	got := h.view()
	if lines := strings.Split(got, "\n"); len(lines) != 30 {
		h.t.Errorf("%s: %d lines, want 30", name, len(lines))
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatalf("%v (run go test ./tui -update to create it)", err)
	}
	if got != string(want) {
		h.t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

func TestInboxRenders(t *testing.T) {
	h := newHarness(t)
	h.golden("inbox")
	first := strings.Split(h.raw(), "\n")[1]
	if !strings.Contains(first, "\x1b[7m") {
		t.Errorf("the first row is not selected: %q", first)
	}
	if !strings.Contains(h.raw(), "\x1b[1m") {
		t.Error("no unread row is bold")
	}
}

func TestEnterOpensThread(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter")
	h.golden("thread")
	row := strings.Split(h.view(), "\n")[2]
	if !strings.HasPrefix(row, "  @maria_k (5)") {
		t.Errorf("the opened conversation is still unread: %q", row)
	}
	if c, _ := h.store.Counts(); c.Unread != 19 {
		t.Errorf("unread = %d, want 19 after reading one of 20", c.Unread)
	}
}

func TestReplyIsSentAndShown(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	h.typeText("Glad it's sorted, María! The compass is restocked too.")
	h.golden("composer")
	h.press("ctrl+s")
	h.backToLast()
	h.golden("reply_queued")
	if len(h.srv.Posts()) != len(xfake.ShopScenario(now).Posts) {
		t.Fatalf("the reply reached X during its undo window")
	}
	h.deliver()
	h.golden("reply_sent")
	var sent []model.Post
	for _, p := range h.srv.Posts() {
		if p.AuthorID == xfake.ShopAccount.ID && strings.HasPrefix(p.Text, "Glad it's sorted") {
			sent = append(sent, p)
		}
	}
	if len(sent) != 1 {
		t.Fatalf("X holds %d copies of the reply", len(sent))
	}
	thread, _ := h.store.Thread(sent[0].ConversationID)
	if last := thread[len(thread)-1]; last.ID != sent[0].ID || last.Kind != model.Reply {
		t.Errorf("the store's thread ends with %+v", last)
	}
}

// r and D start a reply or a DM straight from the inbox, as in a mail
// reader's index: the conversation opens with the composer on it.
func TestReplyAndDMFromTheInbox(t *testing.T) {
	h := newHarness(t)
	h.press("j", "r")
	if v := h.view(); !strings.Contains(v, "Reply to @maria_k") || !strings.Contains(v, "@maria_k · María Kovač") || !strings.Contains(v, "5 posts · open") {
		t.Fatalf("r in the inbox did not open a reply to the selected conversation:\n%s", v)
	}
	h.press("esc", "tab", "k", "D")
	if v := h.view(); !strings.Contains(v, "DM to @nashville_nina") {
		t.Fatalf("D in the inbox did not open a DM:\n%s", v)
	}
}

func TestOverLengthReplyIsRefused(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	h.typeText(strings.Repeat("The gold ink is back next week. ", 9) + "Hold on!")
	before := len(h.srv.Posts())
	h.press("ctrl+s")
	h.golden("composer_overflow")
	if len(h.srv.Posts()) != before {
		t.Error("an over-length reply reached X")
	}
	if !strings.Contains(h.raw(), "\x1b[41m") && !strings.Contains(h.raw(), "48;") {
		t.Error("the part past 280 is not highlighted")
	}
}

func TestFailedSendShowsReasonAndComesBack(t *testing.T) {
	h := newHarness(t)
	h.srv.Inject("POST /2/tweets", xfake.Fault{Status: 403})
	h.press("j", "enter", "r")
	h.typeText("On its way!")
	h.press("ctrl+s")
	h.deliver()
	h.backToLast()
	v := h.view()
	if !strings.Contains(v, "not sent: X answered 403") || !strings.Contains(v, "On its way!") {
		t.Errorf("after a refused send:\n%s", v)
	}
	h.press("ctrl+z")
	if !strings.Contains(h.view(), "│ On its way!") {
		t.Errorf("the refused reply did not come back to the composer:\n%s", h.view())
	}
}

func TestEscKeepsTheDraft(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	h.typeText("Half a thought")
	h.press("esc")
	if strings.Contains(h.view(), "Reply to @") {
		t.Fatal("esc did not close the composer")
	}
	h.press("r")
	if !strings.Contains(h.view(), "Half a thought") {
		t.Errorf("the draft is gone:\n%s", h.view())
	}
}

func TestHelpShowsTheKeys(t *testing.T) {
	h := newHarness(t)
	h.press("?")
	v := h.view()
	for _, want := range []string{"j/↓", "enter", "open", "r ", "reply", "/ ", "search", "O ", "outbox", "q", "quit"} {
		if !strings.Contains(v, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	h.press("x")
	if strings.Contains(h.view(), "any key closes") {
		t.Error("help did not close")
	}
}

func TestQuitKeys(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	h.typeText("q")
	if !strings.Contains(h.view(), "│ q") {
		t.Errorf("q did not type in the composer:\n%s", h.view())
	}
	h.press("ctrl+c") // a draft: it asks first, and keeps the draft
	if v := h.view(); !strings.Contains(v, "draft kept") || !strings.Contains(v, "ctrl+c again quits") {
		t.Fatalf("ctrl+c with a draft did not ask:\n%s", v)
	}
	drafts, err := h.store.Drafts("")
	if err != nil || len(drafts) != 1 {
		t.Fatalf("the draft was not kept: %+v, %v", drafts, err)
	}
	_, cmd := h.m.Update(keyMsg("ctrl+c"))
	if !quits(cmd) {
		t.Error("ctrl+c twice did not quit")
	}
	h.press("x") // any other key disarms
	if _, cmd := h.m.Update(keyMsg("ctrl+c")); quits(cmd) {
		t.Error("ctrl+c quit at once after another key")
	}
}

// A draft survives a quit: a new interface on the same database opens
// the composer with it.
func TestDraftSurvivesAReopen(t *testing.T) {
	h := newHarness(t)
	h.press("enter", "r")
	h.typeText("Half a reply")
	h.press("esc")
	again := startTUI(t, h.srv, nil, h.store)
	again.press("enter", "r")
	if v := again.view(); !strings.Contains(v, "│ Half a reply") {
		t.Fatalf("the draft did not come back:\n%s", v)
	}
	again.press("ctrl+x") // discards it
	if drafts, _ := again.store.Drafts(""); len(drafts) != 0 {
		t.Errorf("ctrl+x kept the draft: %+v", drafts)
	}
}

// quits reports whether a command, run through any sequence or batch it
// makes, asks to quit.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if _, ok := msg.(tea.QuitMsg); ok {
		return true
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice {
		return false
	}
	for i := range v.Len() {
		if c, ok := v.Index(i).Interface().(tea.Cmd); ok && quits(c) {
			return true
		}
	}
	return false
}

// What is typed is saved once typing pauses, before any esc or quit: a
// crash loses at most the last second.
func TestTypingIsSavedWhenItPauses(t *testing.T) {
	h := newHarness(t)
	h.press("enter", "r")
	h.typeText("Typed, then the power went")
	m := h.m.(Model)
	h.send(draftTickMsg{seq: m.draftSeq})
	drafts, err := h.store.Drafts("")
	var got string
	for _, d := range drafts {
		got = d.Text
	}
	if err != nil || got != "Typed, then the power went" {
		t.Fatalf("drafts after a pause: %+v, %v", drafts, err)
	}
}

// do presses the first key bound to each action, whatever the keys are.
func (h *harness) do(actions ...keys.Action) {
	h.t.Helper()
	km := h.m.(Model).common.Keys
	for _, a := range actions {
		ks := km.Binding(a).Keys()
		if len(ks) == 0 {
			h.t.Fatalf("%s has no key", a)
		}
		h.send(drive.Key(ks[0]))
	}
}

// backToLast goes back up the list to the conversation just dealt with,
// which sending or done moved on from.
func (h *harness) backToLast() {
	h.t.Helper()
	h.do(keys.SwitchPane, keys.Up, keys.SwitchPane)
}

// TestQuitInTheUndoWindowSaysWhenTheReplyGoes: q with a reply still in
// its undo window asks first, saying it goes when hark next runs.
func TestQuitInTheUndoWindowSaysWhenTheReplyGoes(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	h.typeText("On its way!")
	h.press("ctrl+s")
	h.backToLast()
	h.press("q")
	if v := h.statusLine(); !strings.Contains(v, "goes when hark next runs") {
		t.Errorf("q in the undo window: %q", v)
	}
}

// TestADraftIsMarkedOnItsRow: a reply begun and kept (esc) marks its
// conversation's row ✎; sent, the mark goes.
func TestADraftIsMarkedOnItsRow(t *testing.T) {
	h := newHarness(t)
	h.press("j", "r")
	h.typeText("Half a thought")
	h.press("esc", "esc")
	if v := h.view(); !strings.Contains(v, "\n✎ @maria_k") {
		t.Errorf("no draft mark:\n%s", v)
	}
}
