// Package proc runs the owner's programs (hooks, the hand-off's mail
// command) contained: in a process group of their own, ended whole, its
// children too, when the program overruns its time; their output kept
// up to a limit, the rest dropped with a note; their environment the
// user's ordinary variables and hark's own, never hark's credentials or
// anything named like a secret.
package proc

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Limit is how much of a program's output (each of stdout and stderr)
// hark keeps: enough for any message meant for a person, and a bound on
// memory whatever the program writes.
const Limit = 64 << 10

// waitDelay is how long Wait waits, once the program exited or was
// ended, for a child that keeps its output open: then the pipes close.
const waitDelay = time.Second

// Command is exec.CommandContext made contained: its own process group,
// killed whole when ctx ends; WaitDelay set; the environment of Env.
// extra are hark's own variables for it (NAME=value).
func Command(ctx context.Context, environ []string, extra []string, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	ownGroup(cmd)
	cmd.WaitDelay = waitDelay
	cmd.Env = append(Env(environ), extra...)
	return cmd
}

// Output is a writer that keeps the first Limit bytes written to it and
// counts the rest, which it drops.
type Output struct {
	buf     bytes.Buffer
	dropped int64
}

// Write keeps what fits under Limit; it never fails, so the program is
// never stopped by a full pipe.
func (o *Output) Write(p []byte) (int, error) {
	room := Limit - o.buf.Len()
	if room >= len(p) {
		o.buf.Write(p)
		return len(p), nil
	}
	if room > 0 {
		o.buf.Write(p[:room])
	}
	o.dropped += int64(len(p) - max(room, 0))
	return len(p), nil
}

// String is what was kept, with a note of what was dropped.
func (o *Output) String() string {
	if o.dropped == 0 {
		return o.buf.String()
	}
	return fmt.Sprintf("%s\n(%d bytes more dropped)", o.buf.String(), o.dropped)
}

// maxLine bounds LastLine: a reason for a status bar and a log line.
const maxLine = 500

// LastLine is the last line of what was kept, trimmed, at most maxLine
// bytes (its end kept): what a failing program says last is usually why.
func (o *Output) LastLine() string {
	s := strings.TrimSpace(o.buf.String())
	if i := strings.LastIndex(s, "\n"); i >= 0 {
		s = strings.TrimSpace(s[i+1:])
	}
	if len(s) > maxLine {
		s = "…" + strings.ToValidUTF8(s[len(s)-maxLine:], "")
	}
	return s
}

// ordinary are the variables a program of the owner's gets from hark's
// environment: where things are, the language, the display and the
// session bus (notify-send), the agent (ssh, gpg), the proxy. Anything
// else stays with hark: its X keys (HARK_X_*) and any other secret.
var ordinary = map[string]bool{
	"PATH": true, "HOME": true, "USER": true, "LOGNAME": true, "SHELL": true,
	"LANG": true, "LANGUAGE": true, "TZ": true, "TMPDIR": true, "TERM": true, "COLORTERM": true,
	"DISPLAY": true, "WAYLAND_DISPLAY": true, "DBUS_SESSION_BUS_ADDRESS": true,
	"SSH_AUTH_SOCK": true, "GNUPGHOME": true, "EDITOR": true, "VISUAL": true,
	"http_proxy": true, "https_proxy": true, "no_proxy": true,
	"HTTP_PROXY": true, "HTTPS_PROXY": true, "NO_PROXY": true,
	"SSL_CERT_FILE": true, "SSL_CERT_DIR": true,
}

// Env is environ (NAME=value lines) less everything but the ordinary
// variables, LC_* and XDG_*, and HARK_HOOK_* (the owner's own for its
// programs).
func Env(environ []string) []string {
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if ordinary[name] || strings.HasPrefix(name, "LC_") || strings.HasPrefix(name, "XDG_") || strings.HasPrefix(name, "HARK_HOOK_") {
			out = append(out, kv)
		}
	}
	return out
}
