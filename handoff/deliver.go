package handoff

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/store"
)

// FromStore gathers a conversation's transcript: its posts and DMs with
// their authors, its customer, the account it belongs to (shop when it
// names none), and its notes when withNotes.
func FromStore(st *store.Store, convID uint64, shop model.User, withNotes bool) (Transcript, error) {
	c, found, err := st.Conversation(convID)
	if err != nil {
		return Transcript{}, err
	}
	if !found {
		return Transcript{}, fmt.Errorf("no conversation %s", model.FormatID(convID))
	}
	posts, err := st.Thread(convID)
	if err != nil {
		return Transcript{}, err
	}
	ids := []uint64{c.CustomerID, c.Account}
	for _, p := range posts {
		ids = append(ids, p.AuthorID)
	}
	people, err := st.People(ids)
	if err != nil {
		return Transcript{}, err
	}
	t := Transcript{Shop: shop, Customer: people[c.CustomerID], ConversationID: convID, Posts: posts, People: people}
	if u, ok := people[c.Account]; ok {
		t.Shop = u
	}
	if withNotes {
		notes, err := st.Notes(convID)
		if err != nil {
			return Transcript{}, err
		}
		for _, n := range notes {
			t.Notes = append(t.Notes, n.At.UTC().Format("2006-01-02 15:04 UTC")+": "+n.Text)
		}
	}
	return t, nil
}

// Destination is where a hand-off goes: piped to Command (an MTA such as
// "msmtp -t", which reads the To header), else saved in Dir as an .eml.
type Destination struct {
	Command string
	Dir     string
}

// commandTimeout bounds the mail command.
const commandTimeout = 30 * time.Second

// Deliver hands the message on and says where it went.
func Deliver(ctx context.Context, msg []byte, d Destination, convID uint64, now time.Time) (string, error) {
	if d.Command != "" {
		ctx, cancel := context.WithTimeout(ctx, commandTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, "sh", "-c", d.Command)
		cmd.Stdin = bytes.NewReader(msg)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("%s failed: %v: %s", d.Command, err, strings.TrimSpace(stderr.String()))
		}
		return "piped to " + d.Command, nil
	}
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(d.Dir, fmt.Sprintf("%s-%s.eml", model.FormatID(convID), now.UTC().Format("20060102-150405")))
	if err := os.WriteFile(path, msg, 0o600); err != nil {
		return "", err
	}
	return "saved in " + path, nil
}

// Options are a hand-off's settings.
type Options struct {
	Envelope    Envelope
	Destination Destination
	// Notes puts the conversation's notes in the transcript.
	Notes bool
	Now   time.Time
}

// Run hands a conversation off to e-mail: its transcript delivered, a
// note saying where it went, and the conversation waiting (for the
// customer's address, or the help desk). It returns where it went.
func Run(ctx context.Context, st *store.Store, convID uint64, shop model.User, o Options) (string, error) {
	t, err := FromStore(st, convID, shop, o.Notes)
	if err != nil {
		return "", err
	}
	where, err := Deliver(ctx, Message(t, o.Envelope), o.Destination, convID, o.Now)
	if err != nil {
		return "", err
	}
	to := ""
	if o.Envelope.To.Address != "" {
		to = " to " + o.Envelope.To.Address
	}
	if _, _, err := st.AddNote(convID, "handed off to e-mail"+to+": "+where, o.Now); err != nil {
		return where, err
	}
	_, err = st.SetStatus([]uint64{convID}, store.StatusWaiting)
	return where, err
}

// AskText is the DM that asks the customer for their e-mail address:
// the "email-ask" snippet if there is one.
func AskText(customer, shop model.User, snips []snippets.Snippet) string {
	vars := snippets.NewVars(customer.Name, customer.Username, shop.Name)
	for _, sn := range snips {
		if sn.Name == "email-ask" {
			if out, err := snippets.Render(sn, vars, nil); err == nil {
				return out
			}
		}
	}
	return "Could you send us your e-mail address here? We'll pick this up by e-mail: easier than 280 characters."
}
