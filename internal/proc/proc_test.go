package proc

import (
	"strings"
	"testing"
)

// TestOutputKeepsTheLimitAndSaysWhatItDropped: a flood is kept up to
// Limit, the rest counted in a note; the last line is bounded too.
func TestOutputKeepsTheLimitAndSaysWhatItDropped(t *testing.T) {
	var o Output
	chunk := []byte(strings.Repeat("x", 1000))
	for range 100 {
		if n, err := o.Write(chunk); n != len(chunk) || err != nil {
			t.Fatalf("write: %d, %v", n, err)
		}
	}
	if o.buf.Len() != Limit || !strings.HasSuffix(o.String(), "(34464 bytes more dropped)") {
		t.Errorf("kept %d, note %q", o.buf.Len(), o.String()[len(o.String())-40:])
	}
	if l := o.LastLine(); len(l) > maxLine+len("…") {
		t.Errorf("a last line of %d bytes", len(l))
	}
}

// TestEnvKeepsTheOrdinaryAndNoSecret: the ordinary variables, LC_*,
// XDG_* and HARK_HOOK_* pass; hark's keys and anything else do not.
func TestEnvKeepsTheOrdinaryAndNoSecret(t *testing.T) {
	got := strings.Join(Env([]string{"PATH=/bin", "HOME=/h", "LC_ALL=C", "XDG_RUNTIME_DIR=/r", "HARK_HOOK_TOPIC=t",
		"HARK_X_API_SECRET=s", "HARK_X_ACCESS_TOKEN=t", "GITHUB_TOKEN=g", "AWS_SECRET_ACCESS_KEY=a", "HARK_HOOKX=1"}), " ")
	if got != "PATH=/bin HOME=/h LC_ALL=C XDG_RUNTIME_DIR=/r HARK_HOOK_TOPIC=t" {
		t.Errorf("Env = %s", got)
	}
}
