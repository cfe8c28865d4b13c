// Package handoff takes a conversation off X: its transcript as an
// RFC 5322 e-mail (every post and DM with its time and author, the
// customer, notes if asked), for a help desk or a mail reader. Built
// with the standard library's net/mail, mime and quotedprintable: names
// and subjects are RFC 2047 words, the body quoted-printable UTF-8.
package handoff

import (
	"bytes"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
)

// Transcript is what the e-mail tells.
type Transcript struct {
	// Shop is the shop's account the conversation belongs to; Customer
	// the person.
	Shop, Customer model.User
	ConversationID uint64
	// Posts are the conversation's posts and DMs, oldest first, with
	// their authors.
	Posts  []model.Post
	People map[uint64]model.User
	// Notes are the conversation's notes, when asked for.
	Notes []string
}

// Envelope is who the message is from and to.
type Envelope struct {
	From, To mail.Address
	Date     time.Time
}

// Message writes the transcript as an RFC 5322 message.
func Message(t Transcript, env Envelope) []byte {
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(fold(k + ": " + v)) }
	header("From", env.From.String())
	if env.To.Address != "" { // saved for a mail reader, it may go to no one yet
		header("To", env.To.String())
	}
	header("Date", env.Date.Format(time.RFC1123Z))
	header("Subject", mime.QEncoding.Encode("utf-8", subject(t)))
	header("Message-ID", fmt.Sprintf("<%d.%d@hark.invalid>", t.ConversationID, env.Date.UnixNano()))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("X-Hark-Conversation", model.FormatID(t.ConversationID))
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(body(t), "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

// foldAt is where a header line is folded: RFC 5322 asks for 78
// characters at most (2.1.1) and forbids more than 998.
const foldAt = 78

// fold writes one header field, folded at its spaces so that no line is
// longer than foldAt where a space allows it (an encoded word is 75
// characters at most, so the Subject always folds under 998), and ends
// it with CRLF.
func fold(field string) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Split(field, " ") {
		if i > 0 {
			if line+1+len(word) > foldAt {
				b.WriteString("\r\n")
				line = 0
			}
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String() + "\r\n"
}

// subject names the customer and what they first said.
func subject(t Transcript) string {
	first := ""
	for _, p := range t.Posts {
		if !p.Kind.Ours() {
			first = p.Text
			break
		}
	}
	words := strings.Fields(first)
	for len(words) > 0 && strings.HasPrefix(words[0], "@") {
		words = words[1:] // the mentions X's own lists hide too
	}
	s := strings.Join(words, " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return fmt.Sprintf("%s conversation with %s (@%s): %s", t.network(), t.Customer.Name, t.Customer.Username, s)
}

// body is the transcript's text.
func body(t Transcript) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Customer: %s (@%s)%s\n", t.Customer.Name, t.Customer.Username, t.profile())
	fmt.Fprintf(&b, "On %s with: @%s\nConversation: %s (in hark: hark search conv:%s)\n", t.network(), t.Shop.Username, model.FormatID(t.ConversationID), model.FormatID(t.ConversationID))
	if len(t.Posts) == 1 {
		fmt.Fprintf(&b, "1 post, as %s shows it:\n", t.network())
	} else {
		fmt.Fprintf(&b, "%d posts and DMs, oldest first:\n", len(t.Posts))
	}
	for _, p := range t.Posts {
		switch p.Kind {
		case model.Unavailable:
			fmt.Fprintf(&b, "\n[before %s] a post not available on %s (deleted, or protected)\n", p.CreatedAt.UTC().Format("2006-01-02 15:04 UTC"), t.network())
			continue
		case model.Deleted:
			fmt.Fprintf(&b, "\n[%s] a post deleted by its author\n", p.CreatedAt.UTC().Format("2006-01-02 15:04 UTC"))
			continue
		}
		u := t.People[p.AuthorID]
		fmt.Fprintf(&b, "\n[%s] %s (@%s), %s:\n", p.CreatedAt.UTC().Format("2006-01-02 15:04 UTC"), u.Name, u.Username, what(p.Kind))
		for _, line := range strings.Split(p.Text, "\n") {
			b.WriteString("  " + line + "\n")
		}
	}
	if len(t.Notes) > 0 {
		b.WriteString("\nNotes (the shop's, never sent):\n")
		for _, n := range t.Notes {
			b.WriteString("- " + n + "\n")
		}
	}
	return b.String()
}

// what says what kind of post it is, in words.
func what(k model.Kind) string {
	switch k {
	case model.Reply:
		return "the shop's public reply"
	case model.DMSent:
		return "the shop's DM"
	case model.DMIn:
		return "DM"
	case model.Heard:
		return "post about the shop"
	case model.Context:
		return "earlier post, for context"
	}
	return "post"
}

// network is the name of the customer's network as a person says it
// ("X"); its own name when hark does not know it.
func (t Transcript) network() string {
	if r := network.RulesOf(t.Customer.Network()); r != nil {
		return r.Title()
	}
	return t.Customer.Network()
}

// profile is ", " and where the customer's network shows them, or ""
// when hark does not know the network.
func (t Transcript) profile() string {
	if r := network.RulesOf(t.Customer.Network()); r != nil {
		return ", " + r.ProfileURL(t.Customer)
	}
	return ""
}
