package outbox

import (
	"fmt"
	"slices"
	"time"

	"github.com/harkhq/hark/store"
)

// teamWarnings warn a person of the team about to answer a conversation
// another is answering too: those replying there now (Settings.Replying,
// the claims the TUI sees) and those whose reply there was queued within
// the undo window, still waiting or just sent. also names the latter, to
// be told in turn once this reply is queued.
func teamWarnings(st *store.Store, convID uint64, s Settings, now time.Time) (warnings, also []string, err error) {
	if s.By == "" && len(s.Replying) == 0 {
		return nil, nil, nil
	}
	items, err := st.Outbox(store.Queued, store.Sending, store.Sent)
	if err != nil {
		return nil, nil, err
	}
	window := max(s.UndoWindow, time.Minute) // a reply sent at once is as near
	for _, it := range items {
		if it.ConversationID != convID || it.By == s.By || now.Sub(it.CreatedAt) > window || slices.Contains(also, it.By) {
			continue
		}
		also = append(also, it.By)
		warnings = append(warnings, fmt.Sprintf("%s queued a reply here %s ago", who(it.By), now.Sub(it.CreatedAt).Round(time.Second)))
	}
	for _, p := range s.Replying {
		if p != s.By && !slices.Contains(also, p) {
			warnings = append(warnings, who(p)+" is replying here now")
		}
	}
	return warnings, also, nil
}

// who names a person of the team in a warning ("" is the owner, alone
// before the team).
func who(person string) string {
	if person == "" {
		return "the owner"
	}
	return person
}
