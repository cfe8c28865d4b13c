// Package hooks runs the owner's executables in hark's hooks folder
// ($XDG_CONFIG_HOME/hark/hooks/): post-new gets each post stored from X,
// as JSONL on stdin, after it is committed; pre-send gets each outbox
// item, as JSON, before it goes, and refuses it by exiting non-zero. They
// run in goroutines of their own, never the poller's or the interface's,
// one run at a time per hook.
package hooks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/harkhq/hark/store"
)

// The hooks' names, as their files are named.
const (
	PostNew = "post-new"
	PreSend = "pre-send"
)

// PreSendTimeout is how long pre-send may think: past it the item goes.
const PreSendTimeout = 5 * time.Second

// postNewTimeout bounds one run of post-new.
const postNewTimeout = 30 * time.Second

// Dir is a hooks folder.
type Dir string

// Has reports whether the folder holds an executable hook of that name.
func (d Dir) Has(name string) bool {
	if d == "" {
		return false
	}
	fi, err := os.Stat(filepath.Join(string(d), name))
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// run runs a hook with stdin, within timeout; its stderr's last lines
// are in the error when it fails.
func (d Dir) run(ctx context.Context, name string, stdin []byte, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(string(d), name))
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.WaitDelay = time.Second // a child that keeps stdout open cannot hold hark
	err := cmd.Run()
	switch {
	case err == nil:
		return nil
	case ctx.Err() == context.DeadlineExceeded:
		return fmt.Errorf("%w after %v", ErrTimeout, timeout)
	}
	reason := strings.TrimSpace(stderr.String())
	if i := strings.LastIndex(reason, "\n"); i >= 0 {
		reason = strings.TrimSpace(reason[i+1:])
	}
	if reason == "" {
		reason = err.Error()
	}
	return &Refusal{Hook: name, Reason: reason}
}

// ErrTimeout is a hook that did not finish in its time.
var ErrTimeout = errors.New("the hook took too long")

// Refusal is a hook that exited non-zero, with the last line of its
// stderr.
type Refusal struct {
	Hook, Reason string
}

func (r *Refusal) Error() string { return r.Hook + " hook: " + r.Reason }

// CheckSend runs pre-send on an item: nil lets it go (no hook, exit 0,
// or a hook past its time), a *Refusal refuses it with the hook's words.
func (d Dir) CheckSend(ctx context.Context, it store.Item) error {
	if !d.Has(PreSend) {
		return nil
	}
	b, err := json.Marshal(it)
	if err != nil {
		return err
	}
	err = d.run(ctx, PreSend, b, PreSendTimeout)
	if errors.Is(err, ErrTimeout) {
		return nil // the notes' word: a pre-send that cannot decide in 5 s lets the item go
	}
	return err
}
