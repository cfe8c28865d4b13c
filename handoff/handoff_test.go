package handoff

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
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
