package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/twitter"
	"github.com/harkhq/hark/twitter/xfake"
	"github.com/harkhq/hark/twitter/xtest"
)

// newTeamHarness is the shop with its help desk: both accounts synced
// into one store, the TUI told of both.
func newTeamHarness(t *testing.T) *harness {
	t.Helper()
	clock := func() time.Time { return now }
	sc := xfake.WithHelpDesk(xfake.ShopScenario(now), now)
	srv, client := xtest.X(t, sc, xfake.Options{Clock: clock}, twitter.Options{Now: clock})
	creds := xtest.Credentials()
	creds.AccessToken, creds.AccessSecret = xfake.AccountToken(xfake.ShopHelpDesk)
	help, err := twitter.New(twitter.Options{APIBase: srv.URL(), Credentials: creds, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	st := harktest.Store(t)
	if err := st.SetAccounts([]model.User{xfake.ShopAccount, xfake.ShopHelpDesk}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*listen.Poller{
		listen.New(client, st, xfake.ShopAccount, listen.Options{Now: clock, Ours: []uint64{xfake.ShopHelpDesk.ID}}),
		listen.New(help, st, xfake.ShopHelpDesk, listen.Options{Now: clock, AccountName: xfake.ShopHelpDesk.Username, Ours: []uint64{xfake.ShopAccount.ID}}),
	} {
		if _, err := p.SyncOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	h := startTUI(t, srv, client, st)
	h.m.(Model).common.Accounts = []model.User{xfake.ShopAccount, xfake.ShopHelpDesk}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	return h
}

// TestTwoAccountsInOneInbox: the help desk's conversations say so on
// their rows; A shows one account's conversations, then the other's,
// then all; the composer says it answers from the help desk; and H
// hands one to the shop's account with a note.
func TestTwoAccountsInOneInbox(t *testing.T) {
	h := newTeamHarness(t)
	v := h.view()
	if !strings.Contains(v, "→help +3 do you stock the Leuchtturm") || strings.Count(v, "→help") != 2 {
		t.Fatalf("rows of the help desk's conversations:\n%s", v)
	}
	h.do(keys.AccountView) // the first account's conversations alone
	if v := h.view(); strings.Contains(v, "→help") || !strings.Contains(v, "Inbox @paperandpine") {
		t.Errorf("the shop's own view:\n%s", v)
	}
	h.do(keys.AccountView) // the help desk's alone
	if v := h.view(); strings.Count(v, "→help") != 2 || strings.Contains(v, "congrats on 5 years") || !strings.Contains(v, "Inbox @paperandpine_help") {
		t.Errorf("the help desk's view:\n%s", v)
	}
	h.do(keys.AccountView) // every account's again
	if v := h.view(); !strings.Contains(v, "congrats on 5 years") || strings.Count(v, "→help") != 2 {
		t.Errorf("every account's view:\n%s", v)
	}
	for range 5 { // to the Leuchtturm question, which the help desk got
		if strings.Contains(h.rowUnderCursor(), "Leuchtturm") {
			break
		}
		h.do(keys.Down)
	}
	h.do(keys.Open, keys.Reply)
	if v := h.view(); !strings.Contains(v, "Reply to @nashville_nina from @paperandpine_help") {
		t.Fatalf("the composer of a help desk conversation:\n%s", v)
	}
	h.do(keys.Back)
	conv := h.shownID()
	h.do(keys.HandOff)
	h.typeText("nobody no")
	h.press("enter") // an unknown account: the prompt stays, with its text and the reason
	if v := h.view(); !h.m.(Model).prompt.Active() || !strings.Contains(v, `"nobody" is not one of the`) {
		t.Errorf("an unknown account:\n%s", v)
	}
	h.press("esc")
	h.do(keys.HandOff)
	h.typeText("@paperand")
	h.press("tab") // completes the handle
	h.typeText(" the shop knows its stock")
	h.press("enter")
	if c := h.conv(conv); c.Account != xfake.ShopAccount.ID {
		t.Errorf("after the hand-off the conversation is %d's", c.Account)
	}
	notes, _ := h.store.Notes(conv)
	if len(notes) != 1 || !strings.Contains(notes[0].Text, "handed off to @paperandpine: the shop knows its stock") {
		t.Errorf("notes: %+v", notes)
	}
}

// rowUnderCursor is the inbox row under the cursor, as text.
func (h *harness) rowUnderCursor() string {
	row, _ := h.m.(Model).inbox.Selected()
	return row.Last.Text
}

// TestEachAccountHasItsColour: the help desk's rows carry its label in
// the theme's colour for the second account, and the status bar names
// the account that answers the row under the cursor, in that colour.
func TestEachAccountHasItsColour(t *testing.T) {
	h := newTeamHarness(t)
	st := h.m.(Model).common.Styles
	label := st.Account(1, false).Render("→help ")
	if raw := h.raw(); !strings.Contains(raw, label) {
		t.Errorf("the help desk's label is not drawn in its colour %q", label)
	}
	if s := h.statusLine(); !strings.HasPrefix(s, " @paperandpine ") {
		t.Errorf("on the shop's row the status bar says %q", s)
	}
	for range 10 {
		if strings.Contains(h.rowUnderCursor(), "Leuchtturm") {
			break
		}
		h.do(keys.Down)
	}
	if s := h.statusLine(); !strings.HasPrefix(s, " @paperandpine_help ") {
		t.Errorf("on the help desk's row the status bar says %q", s)
	}
	if raw := h.raw(); !strings.Contains(raw, st.Account(1, true).Render(" @paperandpine_help")) {
		t.Errorf("the status bar does not draw the help desk in its colour")
	}
}
