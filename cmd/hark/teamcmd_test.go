package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTeamAddThenList: hark team add writes the person's key and says
// its fingerprint; hark team lists who may sign in and where hark serve
// listens; a private key given by mistake is refused in one line.
func TestTeamAddThenList(t *testing.T) {
	srv := startShop(t)
	env := testEnv(t, srv)
	dir := t.TempDir()
	pub := filepath.Join(dir, "id_ed25519.pub")
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ann@laptop\n"
	if err := os.WriteFile(pub, []byte(key), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runHark(t, env, "team", "add", "ann", pub)
	if err != nil || !strings.Contains(out, "ann signs in to hark serve with the ed25519 key SHA256:") {
		t.Fatalf("team add: %v\n%s", err, out)
	}
	if out, err = runHark(t, env, "team"); err != nil || !strings.Contains(out, "127.0.0.1:2323") || !strings.Contains(out, "ann") {
		t.Errorf("team: %v\n%s", err, out)
	}
	private := filepath.Join(dir, "id_ed25519")
	if err := os.WriteFile(private, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := runHark(t, env, "team", "add", "bob", private); err == nil || !strings.Contains(err.Error(), "private key") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a private key: %v", err)
	}
}
