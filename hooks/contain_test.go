package hooks

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// hook writes an executable hook script and returns its folder.
func hook(t *testing.T, name, script string) Dir {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script), 0o700); err != nil {
		t.Fatal(err)
	}
	return Dir(dir)
}

// TestAFloodingHookKeepsMemoryBounded: a hook that writes 256 MB to
// stderr and fails costs hark a few hundred kilobytes, and its reason
// is still read.
func TestAFloodingHookKeepsMemoryBounded(t *testing.T) {
	d := hook(t, PreSend, "head -c 268435456 /dev/zero | tr '\\0' x >&2\necho >&2\necho 'too much' >&2\nexit 1\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := d.run(context.Background(), PreSend, nil, time.Minute)
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("a hook writing 256 MB to stderr: hark allocated %d KB", allocated>>10)
	if allocated > 4<<20 {
		t.Errorf("hark allocated %d KB for the hook's output", allocated>>10)
	}
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("a failing hook: %v", err)
	}
}

// TestAnOverrunningHookEndsWithItsChildren: a hook past its time is
// ended with the children it started, and hark returns at once.
func TestAnOverrunningHookEndsWithItsChildren(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child")
	d := hook(t, PostNew, "sleep 60 &\necho $! > "+pidFile+"\nwait\n")
	start := time.Now()
	err := d.run(context.Background(), PostNew, nil, 2*time.Second) // time enough for sh to start its child, even on a busy machine
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("an overrunning hook: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("hark waited %v for the hook", d)
	}
	raw, _ := os.ReadFile(pidFile)
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatalf("the child's pid: %q", raw)
	}
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if alive(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the hook's child %d runs on", pid)
	}
}

// alive reports whether a process runs (a zombie waiting for its
// reaper does not).
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return syscall.Kill(pid, 0) == nil && runtime.GOOS != "linux"
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// TestAHookGetsNoSecret: hark's X keys and anything else outside the
// ordinary variables stay with hark; HARK_HOOK and the owner's
// HARK_HOOK_* reach the hook.
func TestAHookGetsNoSecret(t *testing.T) {
	t.Setenv("HARK_X_ACCESS_SECRET", "xsecret")
	t.Setenv("HARK_X_API_KEY", "xkey")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "aws")
	t.Setenv("HARK_HOOK_TOPIC", "shop-alerts")
	out := filepath.Join(t.TempDir(), "env")
	d := hook(t, PreSend, "env > "+out+"\n")
	if err := d.run(context.Background(), PreSend, nil, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out)
	env := string(raw)
	for _, secret := range []string{"xsecret", "xkey", "aws", "HARK_X_"} {
		if strings.Contains(env, secret) {
			t.Errorf("the hook's environment holds %q:\n%s", secret, env)
		}
	}
	for _, want := range []string{"HARK_HOOK=pre-send", "HARK_HOOK_TOPIC=shop-alerts", "PATH="} {
		if !strings.Contains(env, want) {
			t.Errorf("the hook's environment lacks %s:\n%s", want, env)
		}
	}
}

// TestAHookNotExecutableIsToldOnceAndGetsItsPostsLater: post-new left
// without its x bit is told once however often the feeder looks; the
// posts stored meanwhile wait, and reach it once it is executable.
func TestAHookNotExecutableIsToldOnceAndGetsItsPostsLater(t *testing.T) {
	got := filepath.Join(t.TempDir(), "got")
	d := hook(t, PostNew, "cat >> "+got+"\n")
	path := filepath.Join(string(d), PostNew)
	os.Chmod(path, 0o600)
	st, err := store.OpenWith(filepath.Join(t.TempDir(), "hark.db"), store.Options{QueueNew: d.Present(PostNew)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Now()
	for i := range 3 {
		p := model.Post{ID: model.SnowflakeID(at, uint64(i)), AuthorID: 7, Kind: model.Mention, Text: "hi " + strconv.Itoa(i), CreatedAt: at}
		if _, err := st.Put(store.Batch{Posts: []model.Post{p}, Users: []model.User{{ID: 7, Username: "ann"}}}); err != nil {
			t.Fatal(err)
		}
	}
	var told []error
	f := &Feeder{Dir: d, Store: st, Failed: func(err error) { told = append(told, err) }}
	for range 3 {
		if err := f.Feed(context.Background()); err == nil {
			t.Fatal("a hook that cannot run was fed")
		}
	}
	if len(told) != 1 || !strings.Contains(told[0].Error(), "chmod +x "+path) {
		t.Errorf("told %v, want once, with the fix", told)
	}
	os.Chmod(path, 0o700)
	if err := f.Feed(context.Background()); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(got); strings.Count(string(raw), "\n") != 3 {
		t.Errorf("the hook got:\n%s", raw)
	}
	if len(told) != 2 || told[1] != nil {
		t.Errorf("told %v, want the failure then nil (it works again)", told)
	}
}
