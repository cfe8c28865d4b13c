package outbox

import (
	"fmt"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
)

// WhyNotEligible says, in one line, why a public reply to p would be
// refused.
func WhyNotEligible(p model.Post, author model.User) string {
	if p.Kind.IsDM() {
		return fmt.Sprintf("a DM conversation with @%s: answers go by DM", author.Username)
	}
	return fmt.Sprintf("@%s did not mention you: %s takes no public reply here, only a DM", author.Username, network.TitleOf(p.Network()))
}

// WhyNoDM says, in one line, why a DM to author would not go through,
// or "" when it may: the network said the person does not receive DMs
// from the shop (X's receives_your_dm false).
func WhyNoDM(author model.User) string {
	if !author.ClosedToDMs {
		return ""
	}
	return fmt.Sprintf("%s says @%s does not accept DMs from you", network.TitleOf(author.Network()), author.Username)
}

// Recipient is who a reply to target goes to: the person of a DM
// conversation (whoever wrote its newest message), else target's author.
func Recipient(target model.Post) uint64 {
	if person, ok := model.IsDMConversation(target.ConversationID); ok {
		return person
	}
	return target.AuthorID
}

// Replies makes the outbox items for a reply to a post: one, or a
// numbered thread whose parts each answer the part before.
func Replies(to model.Post, parts []string, now time.Time, window time.Duration) []store.Item {
	items := make([]store.Item, len(parts))
	for i, p := range parts {
		items[i] = store.Item{ConversationID: to.ConversationID, Text: p, CreatedAt: now, NotBefore: now.Add(window)}
		if i == 0 {
			items[i].InReplyTo = to.ID
		} else {
			items[i].After = uint64(i) // the part before, by position
		}
	}
	return items
}

// DirectMessage makes the outbox item for a DM to a conversation's
// customer.
func DirectMessage(conversationID, to uint64, body string, now time.Time, window time.Duration) store.Item {
	return store.Item{DM: true, ConversationID: conversationID, Recipient: to, Text: body, CreatedAt: now, NotBefore: now.Add(window)}
}

// Split cuts a text that is too long for one post into a numbered thread:
// parts end at word boundaries, each with " (i/n)" and each fitting as
// the network counts (rules). A text that fits comes back whole.
func Split(rules network.Rules, body string) []string {
	body = strings.TrimSpace(body)
	if !rules.Count(body).Over() {
		return []string{body}
	}
	words := strings.Fields(body)
	for n := 2; n < 100; n++ {
		if parts, ok := splitInto(rules, words, n); ok {
			return parts
		}
	}
	return []string{body}
}

// splitInto fills parts greedily for a thread of n; ok is false when the
// words need more than n parts.
func splitInto(rules network.Rules, words []string, n int) ([]string, bool) {
	var parts []string
	for len(words) > 0 {
		if len(parts) == n {
			return nil, false
		}
		suffix := fmt.Sprintf(" (%d/%d)", len(parts)+1, n)
		take := 0
		for take < len(words) && !rules.Count(strings.Join(words[:take+1], " ")+suffix).Over() {
			take++
		}
		if take == 0 { // one word longer than a post: cut it
			return nil, false
		}
		if take < len(words) {
			take = atSentenceEnd(words[:take])
		}
		parts = append(parts, strings.Join(words[:take], " ")+suffix)
		words = words[take:]
	}
	if len(parts) != n {
		return nil, false
	}
	return parts, true
}

// atSentenceEnd is how many of a part's words to keep so that it ends a
// sentence, where one ends in its last 40%; else all of them (it ends
// at a word).
func atSentenceEnd(words []string) int {
	for i := len(words) - 1; i >= len(words)*6/10 && i > 0; i-- {
		if strings.ContainsAny(words[i][len(words[i])-1:], ".!?") {
			return i + 1
		}
	}
	return len(words)
}
