package outbox

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
)

// deflections are the ways of sending a customer away instead of
// answering.
var deflections = regexp.MustCompile(`(?i)\b(see|check|visit) (our|the) (website|site|faq|help ?cent(er|re)|page)\b`)

// Said is something the shop said, or queued to say: what the gentle
// checks compare a new message with.
type Said struct {
	To     uint64 // the person answered or written to
	Text   string
	At     time.Time
	Public bool // a public reply, not a DM
	// Conv is the conversation it was said in; By the person of the team
	// who wrote it ("" the owner, or elsewhere); Elsewhere that it was
	// written in the network's app (the shop's timeline read it back).
	Conv      uint64
	By        string
	Elsewhere bool
}

// Draft is a message about to be queued, as the checks see it.
type Draft struct {
	Body   string
	To     uint64
	Public bool
	// Rules are the network's, for what a link looks like; without them
	// no link is seen.
	Rules network.Rules
}

// Checks returns gentle warnings about a message, each one line; the
// user may send anyway. said is what the shop said in the last day,
// queued items included.
func Checks(d Draft, said []Said, now time.Time, hourlyLimit int) []string {
	var warnings []string
	switch {
	case !d.Public:
	case onlyLink(d.Rules, d.Body):
		warnings = append(warnings, "this reply is only a link: answer the question itself")
	case deflections.MatchString(d.Body):
		warnings = append(warnings, "this reply sends them to the website: answer the question here instead")
	}
	toThem, publicToday, lastHour := false, false, 0
	for _, s := range said {
		if s.Public && now.Sub(s.At) < time.Hour {
			lastHour++
		}
		if !sameDay(s.At, now) || !strings.EqualFold(strings.TrimSpace(s.Text), strings.TrimSpace(d.Body)) {
			continue
		}
		toThem = toThem || s.To == d.To
		publicToday = publicToday || s.Public && d.Public
	}
	switch {
	case toThem:
		warnings = append(warnings, "you already sent this person the same text today: say something new")
	case publicToday:
		warnings = append(warnings, "the same text already went out publicly today: vary it, or send a DM")
	}
	if d.Public && lastHour >= hourlyLimit {
		warnings = append(warnings, fmt.Sprintf("%d public replies in the last hour, queued ones counted: your followers see each; consider a DM", lastHour))
	}
	return warnings
}

// SaidLately reads what the shop said in the day before now: its posts
// and DMs, and what waits in the outbox.
func SaidLately(st *store.Store, now time.Time) ([]Said, error) {
	var out []Said
	for _, kind := range []model.Kind{model.Reply, model.DMSent} {
		posts, err := st.PostsSince(now.Add(-24*time.Hour), kind)
		if err != nil {
			return nil, err
		}
		for _, p := range posts {
			out = append(out, Said{
				To:        p.InReplyToUser,
				Text:      p.Text,
				At:        p.CreatedAt,
				Public:    kind == model.Reply,
				Conv:      p.ConversationID,
				By:        p.By,
				Elsewhere: p.MadeElsewhere(),
			})
		}
	}
	items, err := st.Outbox(store.Queued, store.Sending)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		to := it.Recipient
		if !it.DM {
			c, _, err := st.Conversation(it.ConversationID)
			if err != nil {
				return nil, err
			}
			to = c.CustomerID
		}
		out = append(out, Said{
			To:     to,
			Text:   it.Text,
			At:     it.CreatedAt,
			Public: !it.DM,
			Conv:   it.ConversationID,
			By:     it.By,
		})
	}
	return out, nil
}

// RepeatsPublic reports a public reply whose text the shop already posted
// publicly today: X refuses such a duplicate ("duplicate content"), so it
// is refused before it leaves, not after.
func RepeatsPublic(d Draft, said []Said, now time.Time) bool {
	for _, s := range said {
		if d.Public && s.Public && sameDay(s.At, now) && strings.EqualFold(strings.TrimSpace(s.Text), strings.TrimSpace(d.Body)) {
			return true
		}
	}
	return false
}

// onlyLink reports a reply that is nothing but links (and @handles).
func onlyLink(rules network.Rules, body string) bool {
	if rules == nil {
		return false
	}
	links := rules.Links(body)
	if len(links) == 0 {
		return false
	}
	var rest strings.Builder
	at := 0
	for _, l := range links {
		if l[0] < at || l[1] > len(body) {
			continue
		}
		rest.WriteString(body[at:l[0]] + " ")
		at = l[1]
	}
	rest.WriteString(body[at:])
	for _, w := range strings.Fields(rest.String()) {
		if !strings.HasPrefix(w, "@") && strings.Trim(w, ".,!:;-–—()") != "" {
			return false
		}
	}
	return true
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Local().Date()
	by, bm, bd := b.Local().Date()
	return ay == by && am == bm && ad == bd
}
