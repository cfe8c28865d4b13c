package handoff

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/harkhq/hark/internal/proc"
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
		cmd := proc.Command(ctx, os.Environ(), nil, "sh", "-c", d.Command)
		cmd.Stdin = bytes.NewReader(msg)
		var stdout, stderr proc.Output
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("%s failed: %v: %s", d.Command, err, stderr.LastLine())
		}
		return "piped to " + d.Command, nil
	}
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return "", err
	}
	path, err := saveNew(d.Dir, fmt.Sprintf("%s-%s", model.FormatID(convID), now.UTC().Format("20060102-150405")), ".eml", msg)
	if err != nil {
		return "", err
	}
	return "saved in " + path, nil
}

// saveNew writes data as a new file in dir, never through a link planted
// there: it is created under a fresh random name with O_EXCL|O_NOFOLLOW
// (a link there fails it), synced, then renamed to the first free name of
// base+ext, base-2+ext, … (a rename replaces a link, never writes through
// it, and a file already there is kept).
func saveNew(dir, base, ext string, data []byte) (string, error) {
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(dir, ".hark-"+hex.EncodeToString(rnd[:])+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // left only when the rename failed
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	for n := 1; n < 1000; n++ {
		path := filepath.Join(dir, base+ext)
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, n, ext))
		}
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path, os.Rename(tmp, path)
		}
	}
	return "", fmt.Errorf("%s: a thousand files named %s… already", dir, base)
}

// Options are a hand-off's settings.
type Options struct {
	Envelope    Envelope
	Destination Destination
	// Notes puts the conversation's notes in the transcript.
	Notes bool
	Now   time.Time
	// Again mails a conversation whose last hand-off began and was never
	// known to finish (see store.BeginHandoff).
	Again bool
}

// InDoubtError refuses to mail a conversation again whose last hand-off
// began and was cut short: its mail may have left.
type InDoubtError struct {
	ConvID  uint64
	Pending store.HandoffPending
}

func (e *InDoubtError) Error() string {
	return fmt.Sprintf("a hand-off of conversation %s began at %s and was cut short: its mail may have left; look for it, then hand it off again with --again",
		model.FormatID(e.ConvID), e.Pending.Started.Local().Format("2006-01-02 15:04"))
}

// Run hands a conversation off to e-mail: its transcript delivered and
// a note saying where it went (the status is left: nothing reached the
// customer). It returns where it went, and what takes the note back. It
// is marked begun before the mail goes, and done with the note: a hark
// killed between never mails it twice (InDoubtError, unless Again).
func Run(ctx context.Context, st *store.Store, convID uint64, shop model.User, o Options) (string, store.Undo, error) {
	t, err := FromStore(st, convID, shop, o.Notes)
	if err != nil {
		return "", store.Undo{}, err
	}
	pending, found, err := st.BeginHandoff(convID, store.HandoffPending{Started: o.Now, To: o.Envelope.To.Address}, o.Again)
	switch {
	case err != nil:
		return "", store.Undo{}, err
	case found:
		return "", store.Undo{}, &InDoubtError{ConvID: convID, Pending: pending}
	}
	where, err := Deliver(ctx, Message(t, o.Envelope), o.Destination, convID, o.Now)
	if err != nil {
		return "", store.Undo{}, errors.Join(err, st.ForgetHandoff(convID))
	}
	to := ""
	if o.Envelope.To.Address != "" {
		to = " to " + o.Envelope.To.Address
	}
	undo, err := st.FinishHandoff(convID, "handed off to e-mail"+to+": "+where, o.Now)
	return where, undo, err
}

// AskText is the DM that asks the customer for their e-mail address:
// the "email-ask" snippet if there is one.
func AskText(customer, shop model.User, snips []snippets.Snippet) string {
	vars := snippets.NewVars(customer.Name, customer.Username, shop.Name)
	return snippets.Named(snips, "email-ask", vars, "Could you send us your e-mail address here? We'll pick this up by e-mail: easier than 280 characters.")
}
