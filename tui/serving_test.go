package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/internal/harktest"
	"github.com/harkhq/hark/listen"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/drive"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/styles"
	"github.com/harkhq/hark/twitter/xfake"
)

// TestAnInboxThatCannotServeSaysSo: when the socket could not be had,
// the status bar says that other hark commands wait, and keeps saying
// it after the poller reports (which clears passing errors) and keys.
func TestAnInboxThatCannotServeSaysSo(t *testing.T) {
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: harktest.Store(t), Account: xfake.ShopAccount,
		Now: time.Now, UndoWindow: 10 * time.Second, HourlyLimit: config.DefaultHourlyLimit}
	m := New(c, Sources{ServeErr: errors.New("not using /run/user/1000/hark: another user owns the folder")})
	m.timers = false
	var tm tea.Model = drive.Run(m, m.Init(), 300*time.Millisecond)
	for _, msg := range []tea.Msg{tea.WindowSizeMsg{Width: 160, Height: 30}, eventMsg{event: listen.State{Phase: listen.Idle}}, drive.Key("j")} {
		var cmd tea.Cmd
		tm, cmd = tm.Update(msg)
		tm = drive.Run(tm, cmd, 300*time.Millisecond)
	}
	if view := ansi.Strip(tm.View().Content); !strings.Contains(view, "other harks wait: not using /run/user/1000/hark: another user owns") {
		t.Errorf("the status bar does not say commands wait:\n%s", view)
	}
}

// TestAFailingHookStaysSaidUntilItWorks: the feeder tells a hook's
// failure once; the status bar keeps it past the poller's reports and
// keys, until the hook works again.
func TestAFailingHookStaysSaidUntilItWorks(t *testing.T) {
	c := &common.Common{Styles: styles.Default(), Keys: keys.Default(), Store: harktest.Store(t), Account: xfake.ShopAccount,
		Now: time.Now, UndoWindow: 10 * time.Second, HourlyLimit: config.DefaultHourlyLimit}
	failed := make(chan error, 1)
	m := New(c, Sources{HookFailed: failed})
	m.timers = false
	var tm tea.Model = drive.Run(m, m.Init(), 300*time.Millisecond)
	send := func(msgs ...tea.Msg) string {
		for _, msg := range msgs {
			var cmd tea.Cmd
			tm, cmd = tm.Update(msg)
			tm = drive.Run(tm, cmd, 300*time.Millisecond)
		}
		return ansi.Strip(tm.View().Content)
	}
	send(tea.WindowSizeMsg{Width: 160, Height: 30})
	if view := send(hookFailedMsg{err: errors.New("the post-new hook is not executable: chmod +x /h/post-new")}, eventMsg{event: listen.State{Phase: listen.Idle}}, drive.Key("j"), drive.Key("k")); !strings.Contains(view, "chmod +x /h/post-new") {
		t.Errorf("the hook's failure went:\n%s", view)
	}
	if view := send(hookFailedMsg{}); strings.Contains(view, "chmod +x") {
		t.Errorf("the hook works again, and the bar still says:\n%s", view)
	}
}
