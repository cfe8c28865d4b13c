package hooks

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
)

// outgoing is what pre-send reads on stdin: one item about to go. It is
// the hook's own contract, not the store's record (a field the outbox
// adds for itself never reaches a hook), and says its version. Ids that
// are the network's are strings, as post-new's: a 64-bit id loses digits
// in a tool that reads JSON numbers as doubles (jq 1.6).
type outgoing struct {
	// Version is 1; a change a hook could trip on makes it 2.
	Version int `json:"version"`
	// ID is the outbox item's (`hark outbox` lists it).
	ID uint64 `json:"id"`
	// Kind is "reply" or "dm"; DM says the same for hooks written
	// before Version (they read the outbox's record).
	Kind           string    `json:"kind"`
	DM             bool      `json:"dm,omitempty"`
	ConversationID string    `json:"conversation_id"`
	InReplyTo      string    `json:"in_reply_to,omitempty"`
	Recipient      string    `json:"recipient,omitempty"`
	Account        string    `json:"account,omitempty"`
	Text           string    `json:"text"`
	CreatedAt      time.Time `json:"created_at"`
	// Network is the network it goes to ("x", "bluesky").
	Network string `json:"network"`
}

// preSendVersion is outgoing's version.
const preSendVersion = 1

// outgoingOf is an item as pre-send reads it.
func outgoingOf(it store.Item, network string) outgoing {
	id := func(v uint64) string {
		if v == 0 {
			return ""
		}
		return model.FormatID(v)
	}
	return outgoing{
		Version: preSendVersion, ID: it.ID, Kind: strings.ToLower(it.What()), DM: it.DM,
		ConversationID: model.FormatID(it.ConversationID), InReplyTo: id(it.InReplyTo), Recipient: id(it.Recipient),
		Account: id(it.Account), Text: it.Text, CreatedAt: it.CreatedAt, Network: network,
	}
}

// CheckSend runs pre-send on an item: nil lets it go (no hook, exit 0,
// or a hook past its time), a *Refusal refuses it with the hook's words.
func (d Dir) CheckSend(ctx context.Context, it store.Item, network string) error {
	if !d.Has(PreSend) {
		return nil
	}
	b, err := json.Marshal(outgoingOf(it, network))
	if err != nil {
		return err
	}
	err = d.run(ctx, PreSend, b, PreSendTimeout)
	if errors.Is(err, ErrTimeout) {
		return nil // the notes' word: a pre-send that cannot decide in 5 s lets the item go
	}
	return err
}
