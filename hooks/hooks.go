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
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/harkhq/hark/internal/proc"
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
	_, runs := d.stat(name)
	return runs
}

// Present reports whether the folder holds a hook of that name, able to
// run or not: posts are queued for a post-new that is not executable
// yet, and reach it once it is.
func (d Dir) Present(name string) bool {
	there, _ := d.stat(name)
	return there
}

// NotExecutable is why a hook that is there does not run; nil when it
// runs, or is not there.
func (d Dir) NotExecutable(name string) error {
	if there, runs := d.stat(name); !there || runs {
		return nil
	}
	return fmt.Errorf("the %s hook is not executable: chmod +x %s", name, filepath.Join(string(d), name))
}

// stat says whether a hook of that name is there (a regular file), and
// whether it can run.
func (d Dir) stat(name string) (there, runs bool) {
	if d == "" {
		return false, false
	}
	fi, err := os.Stat(filepath.Join(string(d), name))
	if err != nil || !fi.Mode().IsRegular() {
		return false, false
	}
	return true, fi.Mode().Perm()&0o111 != 0
}

// run runs a hook with stdin, within timeout, contained (proc.Command:
// its process group ended whole when it overruns, its output kept up to
// proc.Limit, no secret in its environment); its stderr's last line is
// in the error when it fails.
func (d Dir) run(ctx context.Context, name string, stdin []byte, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := proc.Command(ctx, os.Environ(), []string{"HARK_HOOK=" + name}, filepath.Join(string(d), name))
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr proc.Output
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	switch {
	case err == nil:
		return nil
	case ctx.Err() == context.DeadlineExceeded:
		return fmt.Errorf("%w after %v", ErrTimeout, timeout)
	}
	reason := stderr.LastLine()
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
