package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/keys"
)

// command types a command line and enters it.
func (h *harness) command(line string) {
	h.press(":")
	h.typeText(line)
	h.press("enter")
}

// TestCommandLineRunsActionsByName: ":" opens the command line; an action
// runs by its name, with its words (:done, :tag +refund, :view
// waiting); a unique start of a name is enough (:sn); an unknown name
// and an action with no use here are refused in one line; the hint says
// what is typed means; ↑ brings the last command back.
func TestCommandLineRunsActionsByName(t *testing.T) {
	h := newHarness(t)
	first := h.selectedID()
	h.command("tag +refund +vip")
	if c := h.conv(first); !slices.Contains(c.Tags, "refund") || !slices.Contains(c.Tags, "vip") {
		t.Errorf(":tag +refund +vip left tags %v", c.Tags)
	}
	h.command("done")
	if c := h.conv(first); c.Status != store.StatusDone {
		t.Errorf(":done left it %s", c.Status)
	}
	h.press(":")
	h.typeText("snoo")
	if !strings.Contains(h.view(), "→ snooze: snooze") {
		t.Errorf("the hint for :snoo:\n%s", h.view())
	}
	h.press("esc")
	h.command("sn")
	if !strings.Contains(h.view(), "snippet, snooze?") {
		t.Errorf(":sn is not refused as two commands:\n%s", h.view())
	}
	h.press("esc")
	h.command("nonsense")
	if v := h.view(); !strings.Contains(v, `no command "nonsense"`) || !strings.Contains(v, ": nonsense") {
		t.Errorf("an unknown command does not keep its text with the reason:\n%s", v)
	}
	h.press("esc")
	h.command("retry")
	if !strings.Contains(h.statusLine(), ":retry does nothing here") {
		t.Errorf(":retry in the list: %q", h.statusLine())
	}
	h.command("view waiting")
	if !strings.Contains(strings.Split(h.view(), "\n")[0], "Waiting") || h.m.(Model).inbox.CurrentView() != store.ViewWaiting {
		t.Errorf(":view waiting shows %s", h.m.(Model).inbox.CurrentView())
	}
	h.press(":", "up")
	if !strings.Contains(h.view(), "view waiting") {
		t.Errorf("↑ did not bring the last command back:\n%s", h.view())
	}
	h.press("esc")
	h.command("view inbox")
	h.command("search basket")
	if m := h.m.(Model); !m.screen.searching || m.search.Query() != "basket" {
		t.Errorf(":search basket: searching %v for %q", m.screen.searching, m.search.Query())
	}
	h.press("esc", "esc")
	h.command("reply Thanks, we are on it")
	if m := h.m.(Model); !m.screen.composing {
		t.Errorf(":reply did not open the composer:\n%s", h.view())
	} else if _, text := m.composer.Draft(); text != "Thanks, we are on it" {
		t.Errorf(":reply's words in the composer: %q", text)
	}
}

// TestEveryActionIsACommand: each action of the keys table is named on
// the command line, its name exactly, and completion offers it.
func TestEveryActionIsACommand(t *testing.T) {
	for _, a := range keys.All() {
		if got, ok := keys.Named(string(a)); !ok || got != a {
			t.Errorf("%s is not a command (%s, %v)", a, got, ok)
		}
		if _, err := commandMeaning(string(a)); err != nil {
			t.Errorf(":%s: %v", a, err)
		}
	}
}

// TestMarkAllShown: * marks every row shown and the status bar counts
// them; * again unmarks them all; marked, d acts on all of them.
func TestMarkAllShown(t *testing.T) {
	h := newHarness(t)
	rows := len(h.m.(Model).inbox.Marked())
	h.press("*")
	n := len(h.m.(Model).inbox.Marked())
	if n == 0 || n == rows || !strings.Contains(h.statusLine(), strings.TrimSpace(itoa(n))+" marked") {
		t.Fatalf("* marked %d: %q", n, h.statusLine())
	}
	h.press("*")
	if len(h.m.(Model).inbox.Marked()) != 0 || strings.Contains(h.statusLine(), "marked") {
		t.Errorf("* again left %d marked", len(h.m.(Model).inbox.Marked()))
	}
	h.press("*")
	h.do(keys.Done)
	if c, _ := h.store.Counts(); c.ByView[store.ViewInbox] != 0 {
		t.Errorf("d on all marked left %d in the Inbox", c.ByView[store.ViewInbox])
	}
}

// TestCtrlCInAPromptCancelsIt: ctrl+c with a prompt open closes the
// prompt, as in a shell, and hark goes on; a second one quits.
func TestCtrlCInAPromptCancelsIt(t *testing.T) {
	h := newHarness(t)
	h.press("t")
	h.typeText("+refund")
	m, cmd := h.m.Update(keyMsg("ctrl+c"))
	h.m = m
	if h.m.(Model).prompt.Active() {
		t.Error("ctrl+c left the prompt open")
	}
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Error("ctrl+c in a prompt quit hark")
		}
	}
}

// TestCommandLineCompletesFuzzily: tab completes a name from letters in
// order ("snz" is snooze), the exact name before longer ones ("mark"
// before mark_all), and the hint then says what the command does.
func TestCommandLineCompletesFuzzily(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ typed, want string }{{"snz", "snooze"}, {"mark", "mark"}, {"pnote", "person_note"}} {
		h.press(":")
		h.typeText(c.typed)
		h.press("tab")
		if got := h.m.(Model).prompt.Value(); got != c.want {
			t.Errorf("%q then tab: %q, want %q", c.typed, got, c.want)
		}
		if !strings.Contains(h.view(), "→ "+c.want+": "+keys.Describe(keys.Action(c.want))[:4]) {
			t.Errorf("the hint after completing %q does not describe it:\n%s", c.want, h.view())
		}
		h.press("esc")
	}
}
