package handoff

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// TestMessageParsesBackWithTheTranscriptIntact: net/mail reads the
// message back; the names and subject (CJK, Arabic, emoji) decode to what
// they were, and the body holds every post, the shop's and the DMs,
// in order, and the notes.
func TestMessageParsesBackWithTheTranscriptIntact(t *testing.T) {
	shop := model.User{ID: 1, Username: "paperandpine", Name: "Paper & Pine 🌲"}
	kenji := model.User{ID: 2, Username: "kenji_t", Name: "田中 健二"}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	posts := []model.Post{
		{ID: 10, AuthorID: kenji.ID, Kind: model.Mention, Text: "@paperandpine 万年筆のインク、届きました！色がとてもきれいです 🖋️", CreatedAt: at},
		{ID: 11, AuthorID: shop.ID, Kind: model.Reply, Text: "@kenji_t ありがとうございます! 🙏", CreatedAt: at.Add(time.Minute)},
		{ID: 12, AuthorID: kenji.ID, Kind: model.DMIn, Text: "order #5521 =?utf-8?q?not-a-word?= and a line\nthat breaks", CreatedAt: at.Add(2 * time.Minute)},
	}
	tr := Transcript{Shop: shop, Customer: kenji, ConversationID: 10, Posts: posts, People: map[uint64]model.User{1: shop, 2: kenji}, Notes: []string{"prefers DMs"}}
	env := Envelope{From: mail.Address{Name: shop.Name, Address: "hark@shop.example"}, To: mail.Address{Name: "Help desk", Address: "help@shop.example"}, Date: at}
	msg, err := mail.ReadMessage(bytes.NewReader(Message(tr, env)))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "X conversation with 田中 健二 (@kenji_t): 万年筆のインク、届きました！色がとてもきれいです 🖋️" {
		t.Errorf("subject %q, %v", subject, err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || from[0].Name != "Paper & Pine 🌲" || from[0].Address != "hark@shop.example" {
		t.Errorf("from %+v, %v", from, err)
	}
	if to, _ := msg.Header.AddressList("To"); len(to) != 1 || to[0].Address != "help@shop.example" {
		t.Errorf("to %+v", to)
	}
	if d, err := msg.Header.Date(); err != nil || !d.Equal(at) {
		t.Errorf("date %v, %v", d, err)
	}
	if msg.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
		t.Fatal("not quoted-printable")
	}
	raw, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	body := strings.ReplaceAll(string(raw), "\r\n", "\n")
	last := -1
	for _, want := range []string{"Customer: 田中 健二 (@kenji_t)", posts[0].Text, "the shop's public reply", posts[1].Text, "(@kenji_t), DM:", "=?utf-8?q?not-a-word?=", "  that breaks", "- prefers DMs"} {
		i := strings.Index(body, want)
		if i < 0 || i < last {
			t.Errorf("the body lacks %q after what came before:\n%s", want, body)
		}
		last = i
	}
}

// TestLongAndHostileNamesFoldIntoSafeHeaders: a name of a thousand
// characters folds under RFC 5322's 998 (under 78 where a space allows),
// and a name holding CR LF starts no header of its own; the subject
// reads back whole.
func TestLongAndHostileNamesFoldIntoSafeHeaders(t *testing.T) {
	long := model.User{ID: 2, Username: "al", Name: strings.Repeat("Ünïcödé ", 120) + "\r\nBcc: evil@example.com"}
	tr := Transcript{Shop: model.User{ID: 1, Username: "shop", Name: "Shop"}, Customer: long, ConversationID: 10,
		Posts: []model.Post{{ID: 10, AuthorID: 2, Kind: model.Mention, Text: "@shop hello", CreatedAt: time.Now()}}}
	raw := Message(tr, Envelope{From: mail.Address{Address: "hark@shop.example"}, Date: time.Now()})
	head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, line := range strings.Split(string(head), "\r\n") {
		if len(line) > 998 || len(line) > foldAt && strings.Contains(line, " ") {
			t.Errorf("a header line of %d characters: %.80q…", len(line), line)
		}
		if strings.HasPrefix(strings.ToLower(line), "bcc:") {
			t.Errorf("the name began a header: %q", line)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != subjectOf(tr) {
		t.Errorf("subject read back: %v\n%q\nwant\n%q", err, subject, subjectOf(tr))
	}
}

// subjectOf is the subject as written, for the test.
func subjectOf(tr Transcript) string { return subject(tr) }

// TestAnEmlNeverGoesThroughALink: a link planted where the .eml would be
// saved is left alone, and so is the file it points at; the transcript
// is saved beside, under a free name, readable by the owner alone.
func TestAnEmlNeverGoesThroughALink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("precious"), 0o644)
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	planted := filepath.Join(dir, "10-20261206-090000.eml")
	if err := os.Symlink(victim, planted); err != nil {
		t.Fatal(err)
	}
	where, err := Deliver(context.Background(), []byte("message"), Destination{Dir: dir}, 10, now)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(victim); string(got) != "precious" {
		t.Errorf("written through the link: %q", got)
	}
	if fi, err := os.Lstat(planted); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the planted link was replaced")
	}
	saved := strings.TrimPrefix(where, "saved in ")
	if saved != filepath.Join(dir, "10-20261206-090000-2.eml") {
		t.Errorf("saved as %s", saved)
	}
	if fi, err := os.Lstat(saved); err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		t.Errorf("the .eml: %v %v", fi.Mode(), err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".hark-*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
