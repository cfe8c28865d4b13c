package flock

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestOneHolderAtATime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock here")
	}
	path := filepath.Join(t.TempDir(), "sub", "x.lock")
	unlock, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks are per open file: a second open in this process is
	// refused as another process's would be.
	if _, err := TryLock(path); !errors.Is(err, ErrHeld) {
		t.Fatalf("second TryLock: %v, want ErrHeld", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := Lock(ctx, path); !errors.Is(err, ErrHeld) {
		t.Fatalf("Lock while held, until ctx ends: %v, want ErrHeld", err)
	}
	go func() { time.Sleep(50 * time.Millisecond); unlock() }()
	unlock2, err := Lock(context.Background(), path)
	if err != nil {
		t.Fatalf("Lock after the holder let go: %v", err)
	}
	unlock2()
}
