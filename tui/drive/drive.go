// Package drive runs a Bubble Tea model without a terminal: a command's
// message goes to Update and the commands that follow run in turn, as the
// runtime would, one at a time. The TUI's tests and the benchmark use it.
package drive

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// Run carries out cmd and everything that follows from it, and returns
// the model. A command still running after wait (a timer, a wait for the
// poller) is left behind, so Run always returns.
func Run(m tea.Model, cmd tea.Cmd, wait time.Duration) tea.Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(wait):
			continue
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m
}
