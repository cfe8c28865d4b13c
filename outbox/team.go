package outbox

import (
	"fmt"
	"slices"
	"time"
)

// teamWarnings warn a person of the team about to answer a conversation
// another is answering too (said is what the shop said lately, queued
// items included): those replying there now (Settings.Replying, the
// claims the TUI sees), those whose reply there was queued or went out
// within the undo window, and a reply made there in the network's app
// (the owner's phone). also names the people of the team among them, to
// be told in turn once this reply is queued. Alone (no By) there is no
// one else.
func teamWarnings(said []Said, convID uint64, s Settings, now time.Time) (warnings, also []string) {
	if s.By == "" {
		return nil, nil
	}
	window := max(s.UndoWindow, time.Minute) // a reply sent at once is as near
	for _, x := range said {
		if x.Conv != convID || x.By == s.By && !x.Elsewhere || now.Sub(x.At) > window {
			continue
		}
		ago := now.Sub(x.At).Round(time.Second)
		switch {
		case x.Elsewhere:
			warnings = append(warnings, fmt.Sprintf("a reply from the shop's app went here %s ago", ago))
		case x.By == "":
			warnings = append(warnings, fmt.Sprintf("the owner replied here %s ago", ago))
		case !slices.Contains(also, x.By):
			also = append(also, x.By)
			warnings = append(warnings, fmt.Sprintf("%s queued a reply here %s ago", x.By, ago))
		}
	}
	for _, p := range s.Replying {
		if p != s.By && !slices.Contains(also, p) {
			warnings = append(warnings, p+" is replying here now")
		}
	}
	return warnings, also
}
