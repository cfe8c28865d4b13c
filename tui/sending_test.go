package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/twitter/xfake"
)

// shopPosts counts the shop's posts and DMs on X.
func (h *harness) shopPosts() (posts, dms int) {
	for _, p := range h.srv.Posts() {
		if p.AuthorID == xfake.ShopAccount.ID {
			posts++
		}
	}
	for _, p := range xfake.ShopScenario(now).Posts {
		if p.AuthorID == xfake.ShopAccount.ID {
			posts--
		}
	}
	return posts, len(h.srv.DMs()) - len(xfake.ShopScenario(now).DMs) // the posts and DMs sent here
}

func TestTakeBackInsideTheWindow(t *testing.T) {
	h := newHarness(t)
	before, _ := h.shopPosts()
	h.press("j", "enter", "r")
	h.typeText("Oops, wrong customer")
	h.press("ctrl+s", "ctrl+z")
	if !strings.Contains(h.view(), "│ Oops, wrong customer") {
		t.Fatalf("the reply did not come back:\n%s", h.view())
	}
	h.deliver()
	if after, _ := h.shopPosts(); after != before {
		t.Errorf("X got %d new posts", after-before)
	}
}

// Taken back after its thread was closed, an item opens its thread
// again with the composer on it, still a DM.
func TestTakeBackReopensTheThread(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "D")
	h.typeText("Details by DM")
	h.press("ctrl+s", "esc")
	if strings.Contains(h.view(), "5 posts · open") {
		t.Fatalf("esc did not close the thread:\n%s", h.view())
	}
	h.press("ctrl+z")
	if v := h.view(); !strings.Contains(v, "│ Details by DM") || !strings.Contains(v, "DM to @maria_k") || !strings.Contains(v, "5 posts · open") {
		t.Fatalf("the DM did not come back in its thread:\n%s", v)
	}
}

func TestDMWithPublicNotice(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "D")
	h.typeText("So sorry about the basket! What's your order number?")
	h.press("ctrl+p")
	h.golden("composer_dm")
	h.press("ctrl+s")
	h.backToLast()
	h.deliver()
	posts, dms := h.shopPosts()
	if all := h.srv.DMs(); dms != 1 || all[len(all)-1].RecipientID != 2000000001 {
		t.Errorf("DMs on X: %+v", h.srv.DMs())
	}
	var notice bool
	for _, p := range h.srv.Posts() {
		notice = notice || p.AuthorID == xfake.ShopAccount.ID && p.Text == "@maria_k Sent you a DM 📩"
	}
	if !notice || posts != 1 {
		t.Errorf("public notice %v, shop posts %d", notice, posts)
	}
	if !strings.Contains(h.view(), "✉ you, by DM to @maria_k") {
		t.Errorf("the DM is not in the thread:\n%s", h.view())
	}
}

// A post that did not mention the shop opens the composer as a DM, and
// says why; switched to a public reply it is refused before X.
func TestIneligibleReplyOffersDM(t *testing.T) {
	h := newHarness(t)
	p := model.Post{ID: model.SnowflakeID(now.Add(-time.Minute), 777), AuthorID: 2000000009, Text: "Paper & Pine's sketchbooks are the best", CreatedAt: now.Add(-time.Minute), Kind: model.Heard}
	p.ConversationID = p.ID
	added, _ := h.store.Put(store.Batch{Posts: []model.Post{p}})
	h.send(eventMsg{event: listen.Arrived{Posts: added}})
	h.do(keys.View8, keys.Reply)
	v := h.view()
	if !strings.Contains(v, "DM to @lena_draws") || !strings.Contains(v, "did not mention you: X takes no public reply") {
		t.Fatalf("the composer on a heard post:\n%s", v)
	}
	h.do(keys.ComposeDM) // a public reply instead: refused before X
	h.typeText("Thank you Lena!")
	h.do(keys.Send)
	if v := h.view(); !strings.Contains(v, "X would refuse: @lena_draws did not mention you") {
		t.Errorf("a public reply to a heard post:\n%s", v)
	}
	h.do(keys.ComposeDM, keys.Send)
	h.deliver()
	if _, dms := h.shopPosts(); dms != 1 {
		t.Errorf("%d DMs", dms)
	}
	if c := h.conv(p.ID); c.Status != store.StatusWaiting {
		t.Errorf("answered by DM, the heard conversation is %s, not brought in", c.Status)
	}
}

// A person X says takes no DMs from the shop: switched to a DM, the
// composer warns in Prepare's own words (one rule, outbox.Unanswerable)
// before the owner writes a word, and send refuses the same.
func TestClosedToDMsIsSaidBeforeAndOnSend(t *testing.T) {
	h := newHarness(t)
	jo := model.User{ID: 2000000077, Username: "jo_plans", Name: "Jo", ClosedToDMs: true}
	p := model.Post{ID: model.SnowflakeID(now.Add(-time.Minute), 778), AuthorID: jo.ID, Text: "@paperandpine do you restock the sage tape?", CreatedAt: now.Add(-time.Minute), Kind: model.Mention}
	p.ConversationID = p.ID
	added, _ := h.store.Put(store.Batch{Posts: []model.Post{p}, Users: []model.User{jo}})
	h.send(eventMsg{event: listen.Arrived{Posts: added}})
	h.do(keys.View1, keys.Top, keys.Reply, keys.ComposeDM)
	want := "X says @jo_plans does not accept DMs from you"
	if v := h.view(); !strings.Contains(v, want) {
		t.Fatalf("the DM composer to a person closed to DMs:\n%s", v)
	}
	h.typeText("Friday!")
	h.do(keys.Send)
	if v := h.view(); strings.Count(v, want) < 1 {
		t.Errorf("sent anyway:\n%s", v)
	}
	if _, dms := h.shopPosts(); dms != 0 {
		t.Errorf("%d DMs went to a person closed to them", dms)
	}
}

func TestGentleWarningThenSendAnyway(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	h.typeText("See our website for store hours")
	h.press("ctrl+s")
	if !strings.Contains(h.view(), "sends them to the website") {
		t.Fatalf("no warning:\n%s", h.view())
	}
	h.golden("composer_warning")
	h.press("ctrl+s")
	h.deliver()
	if posts, _ := h.shopPosts(); posts != 1 {
		t.Errorf("the reply did not go after sending anyway: %d shop posts", posts)
	}
}

func TestSnippetWithBlanks(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r", "ctrl+t")
	h.typeText("ordst")
	h.golden("snippet_picker")
	h.press("enter")
	h.typeText("#4471")
	h.press("enter")
	h.typeText("tomorrow")
	h.press("enter")
	if !strings.Contains(h.view(), "Hi María, order #4471 ships tomorrow.") {
		t.Errorf("the snippet is not in the composer:\n%s", h.view())
	}
}

// TestThreadSplitPreview: a text past 280 is refused; ctrl+l shows the
// thread's parts, each with how it starts and ends (at a sentence), and
// sends them as a thread.
func TestThreadSplitPreview(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	h.typeText(strings.Repeat("The basket is restored and the compass is reserved. ", 7))
	h.press("ctrl+s")
	if !strings.Contains(h.view(), "too long: ") {
		t.Fatalf("over-length not refused:\n%s", h.view())
	}
	h.press("ctrl+l")
	if v := h.view(); !strings.Contains(v, "thread of 2:") || !strings.Contains(v, "The basket is restored") || !strings.Contains(v, "reserved. (1/2)") {
		t.Fatalf("the preview does not show each part's words, cut at a sentence:\n%s", v)
	}
	h.press("ctrl+s", "ctrl+s")
	h.deliver()
	h.deliver()
	if posts, _ := h.shopPosts(); posts != 2 {
		t.Errorf("shop posts sent = %d, want a thread of 2", posts)
	}
}

func TestOutboxView(t *testing.T) {
	h := newHarness(t)
	h.srv.Inject("POST /2/tweets", xfake.Fault{Status: 403})
	h.press("j", "enter", "r")
	h.typeText("Refused the first time")
	h.press("ctrl+s")
	h.deliver()
	h.press("O")
	h.golden("outbox")
	h.press("r")
	h.deliver()
	if !strings.Contains(h.view(), "✓ sent") {
		t.Errorf("retry did not send:\n%s", h.view())
	}
}

// After ctrl+z takes a reply back, nothing on screen says it goes out.
func TestTakenBackReplyNoLongerSaysItGoes(t *testing.T) {
	h := newHarness(t)
	h.press("enter", "r")
	h.typeText("Thank you so much!")
	h.press("ctrl+s")
	h.backToLast()
	if v := h.view(); !strings.Contains(v, "⏳ reply goes in") {
		t.Fatalf("the queued reply is not shown going:\n%s", v)
	}
	h.press("ctrl+z")
	if v := h.view(); strings.Contains(v, "⏳") || !strings.Contains(v, "│ Thank you so much!") {
		t.Fatalf("after taking it back:\n%s", v)
	}
}

// Offline, a queued reply says it waits for X, not that it goes.
func TestOfflineQueuedReplySaysItWaits(t *testing.T) {
	h := newHarness(t)
	h.m.(Model).common.Kick = nil // no sender: hark --offline
	h.press("enter", "r")
	h.typeText("Thank you so much!")
	h.press("ctrl+s")
	v := h.view()
	if strings.Contains(v, "goes in") || strings.Contains(v, "goes now") || !strings.Contains(v, "waits for X") {
		t.Fatalf("offline:\n%s", v)
	}
}

// The same text to the same person twice in a day warns before it is
// queued, even while the first still waits in the outbox.
func TestSameTextTwiceWarns(t *testing.T) {
	h := newHarness(t)
	h.do(keys.Down, keys.Reply)
	h.typeText("Your order ships today!")
	h.do(keys.Send)
	h.backToLast()
	h.do(keys.DM)
	h.typeText("Your order ships today!")
	h.do(keys.Send)
	if v := h.view(); !strings.Contains(v, "same text today") {
		t.Fatalf("no warning for the same text twice:\n%s", v)
	}
	items, _ := h.store.Outbox(store.Queued)
	if len(items) != 1 {
		t.Errorf("%d items queued before the warning was answered", len(items))
	}
}

// TestKeysTypedBeforeTheComposerOpensGoIntoIt: r, then a reply typed at
// once, before the thread has loaded: every key reaches the composer,
// none is taken for a command on the inbox ("n" a note, "d" done).
func TestKeysTypedBeforeTheComposerOpensGoIntoIt(t *testing.T) {
	h := newHarness(t)
	h.press("j")
	var load tea.Cmd
	h.m, load = h.m.Update(keyMsg("r")) // the thread loads later
	text := "Thanks, done and noted!"
	for _, r := range text {
		var cmd tea.Cmd
		h.m, cmd = h.m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		if cmd != nil {
			t.Fatalf("%q typed before the composer opened did something", r)
		}
	}
	h.run(load)
	view := h.view()
	if !strings.Contains(view, text) || strings.Contains(view, "Note on this conversation") {
		t.Errorf("the reply typed ahead:\n%s", view)
	}
	if c, _, _ := h.store.Conversation(h.m.(Model).thread.ConversationID()); c.Status == store.StatusDone {
		t.Error("a key of the reply marked the conversation done")
	}
}

// TestAFailedSendMarksItsRowAndSaysWhyWhole: a reply X refuses marks its
// row ✗, stays in the status bar, and its reason shows whole in the
// thread, wrapped, not cut mid-sentence.
func TestAFailedSendMarksItsRowAndSaysWhyWhole(t *testing.T) {
	h := newHarness(t)
	h.press("j", "enter", "r")
	conv := h.shownID()
	thread, _ := h.store.Thread(conv)
	h.typeText("Sorry for the wait!")
	h.press("ctrl+s")
	h.srv.DeletePost(thread[len(thread)-1].ID) // the customer deleted the post meanwhile
	h.deliver()
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.backToLast()
	v := h.view()
	if !strings.Contains(v, "\n✗ @maria_k") {
		t.Errorf("the row does not say the reply failed:\n%s", v)
	}
	if !strings.Contains(h.statusLine(), "not sent") {
		t.Errorf("the status bar: %q", h.statusLine())
	}
	if !strings.Contains(v, "visible to you.)") || strings.Contains(v, "not sent: not sent") {
		t.Errorf("the reason is cut:\n%s", v)
	}
}
