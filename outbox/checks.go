package outbox

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/twitter/text"
)

// DefaultHourlyLimit is how many public replies in an hour hark lets pass
// without a word: more, and the shop's followers see a stream of them.
const DefaultHourlyLimit = 10

// deflections are the ways of sending a customer away instead of
// answering.
var deflections = regexp.MustCompile(`(?i)\b(see|check|visit) (our|the) (website|site|faq|help ?cent(er|re)|page)\b`)

// Checks returns gentle warnings about a public reply, each one line; the
// user may send anyway. recent are the shop's own posts, newest first.
func Checks(body string, recent []model.Post, now time.Time, hourlyLimit int) []string {
	var warnings []string
	if onlyLink(body) {
		warnings = append(warnings, "this reply is only a link: answer the question itself")
	} else if deflections.MatchString(body) {
		warnings = append(warnings, "this reply sends them to the website: answer the question here instead")
	}
	sameToday, lastHour := 0, 0
	for _, p := range recent {
		if p.Kind != model.Reply {
			continue
		}
		if now.Sub(p.CreatedAt) < time.Hour {
			lastHour++
		}
		if sameDay(p.CreatedAt, now) && strings.EqualFold(strings.TrimSpace(p.Text), strings.TrimSpace(body)) {
			sameToday++
		}
	}
	if sameToday > 0 {
		warnings = append(warnings, "the same text already went out publicly today: vary it, or send a DM")
	}
	if lastHour >= hourlyLimit {
		warnings = append(warnings, fmt.Sprintf("%d public replies in the last hour: your followers see each; consider a DM", lastHour))
	}
	return warnings
}

// onlyLink reports a reply that is nothing but links (and @handles).
func onlyLink(body string) bool {
	urls := text.ExtractURLs(body)
	if len(urls) == 0 {
		return false
	}
	rest := body
	for _, u := range urls {
		rest = strings.Replace(rest, u.Text, "", 1)
	}
	for _, w := range strings.Fields(rest) {
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
