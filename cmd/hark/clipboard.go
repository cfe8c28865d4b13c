package main

import (
	"context"
	"errors"
	"os"
	"strings"

	"github.com/harkhq/hark/internal/proc"
)

// tmuxCopier is how the inbox copies inside tmux ($TMUX set): tmux's
// default set-clipboard ("external") drops an application's OSC 52, so
// the text goes into tmux's buffer with load-buffer, and with -w (tmux
// 3.2 and later) on to the clipboard of the terminal tmux runs in. Out
// of tmux it is nil: the inbox copies by OSC 52.
func (e *env) tmuxCopier() func(ctx context.Context, text string) (string, error) {
	tmux := e.getenv("TMUX")
	if tmux == "" {
		return nil
	}
	return func(ctx context.Context, text string) (string, error) {
		run := func(args ...string) error {
			var out proc.Output
			cmd := proc.Command(ctx, os.Environ(), []string{"TMUX=" + tmux}, "tmux", args...)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(text), &out, &out
			if err := cmd.Run(); err != nil {
				return errors.New("tmux load-buffer: " + strings.TrimSpace(out.LastLine()+" "+err.Error()))
			}
			return nil
		}
		if err := run("load-buffer", "-w", "-"); err == nil {
			return "into tmux's buffer and the clipboard", nil
		}
		if err := run("load-buffer", "-"); err != nil { // a tmux before 3.2 has no -w
			return "", err
		}
		return "into tmux's buffer: paste it with prefix ]", nil
	}
}
