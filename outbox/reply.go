package outbox

import (
	"fmt"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/snippets"
	"github.com/harkhq/hark/store"
)

// Reply is what the owner wrote for a conversation: the one description
// of a reply or a DM that the composer and 'hark send' both hand to
// Prepare, which holds every rule of a reply.
type Reply struct {
	ConversationID uint64
	Body           string
	// DM sends the body to the customer by DM; AlsoPublic adds a public
	// reply telling them to look (the "dm-notice" snippet, if any).
	DM         bool
	AlsoPublic bool
	// Split lets a public reply over 280 go as a numbered thread.
	Split bool
}

// Settings are what a reply follows beside the text: resolved config
// and the account it goes from.
type Settings struct {
	Account     model.User
	UndoWindow  time.Duration
	HourlyLimit int
	Snippets    []snippets.Snippet
	// Force sends a public reply whose text went out publicly today
	// (X refuses most; see RepeatsPublic) instead of refusing it.
	Force bool
	// By is the person of the team writing (hark serve; "" alone): the
	// items carry it, and another's reply to the same conversation is
	// warned of.
	By string
	// Replying are the people of the team with a reply open in the
	// conversation now (the claims the person sees).
	Replying []string
}

// Plan is a reply made ready: the post it answers and its author, the
// shop's account it goes from, the items to queue, and the gentle
// warnings to show before queueing them.
type Plan struct {
	To       model.Post
	Author   model.User
	From     model.User
	Items    []store.Item
	Warnings []string
	// Also are the people of the team whose reply to the conversation
	// was queued within the undo window: told once this one is queued.
	Also []string
}

// Fix says what would make a refused reply go.
type Fix int

// The fixes.
const (
	FixText   Fix = iota // change the text
	FixDM                // send it as a DM
	FixSplit             // let it go as a thread
	FixPublic            // send it as a public reply, not a DM
	FixForce             // send it anyway (a duplicate X may refuse)
)

// Refusal is what X would refuse, with the reason; each caller words
// the fix its own way (a key in the composer, a flag in the CLI).
type Refusal struct {
	Reason string
	Fix    Fix
}

func (r *Refusal) Error() string { return r.Reason }

// ReplyTarget is the post a reply answers among a thread's posts (oldest
// first): the newest post someone else made to or about the shop, else
// the newest post that still stands (not deleted, not unavailable). A
// post kept for context is not answered while the customer's is there.
func ReplyTarget(posts []model.Post) (model.Post, bool) {
	for _, fits := range []func(model.Kind) bool{model.Kind.Inbound, func(k model.Kind) bool { return !k.Gone() }} {
		for i := len(posts) - 1; i >= 0; i-- {
			if fits(posts[i].Kind) {
				return posts[i], true
			}
		}
	}
	return model.Post{}, false
}

// Prepare makes a reply ready: it picks the post to answer, refuses with
// a *Refusal what X would refuse, splits, and runs the gentle checks. It
// reads the store and writes nothing.
func Prepare(st *store.Store, r Reply, s Settings, now time.Time) (Plan, error) {
	posts, err := st.Thread(r.ConversationID)
	if err != nil {
		return Plan{}, err
	}
	to, ok := ReplyTarget(posts)
	if !ok {
		return Plan{}, fmt.Errorf("no conversation %s", model.FormatID(r.ConversationID))
	}
	author, _, err := st.User(Recipient(to))
	if err != nil {
		return Plan{}, err
	}
	if to.Kind.IsDM() {
		r.DM = true // a DM conversation is answered by DM, whatever was asked
	}
	if s.Account, err = From(st, r.ConversationID, s.Account); err != nil {
		return Plan{}, err
	}
	rules := network.RulesOf(to.Network()) // a reply counts and splits as the network of the post it answers
	if rules == nil {
		return Plan{}, fmt.Errorf("hark does not know the network %q of conversation %s", to.Network(), model.FormatID(r.ConversationID))
	}
	p := Plan{To: to, Author: author, From: s.Account}
	body := strings.TrimSpace(r.Body)
	if p.Items, err = items(r, body, p, s, rules, now); err != nil {
		return Plan{}, err
	}
	for i := range p.Items {
		p.Items[i].Account, p.Items[i].By = p.From.ID, s.By
	}
	draft := Draft{Body: body, To: author.ID, Public: !r.DM, Rules: rules}
	said, err := SaidLately(st, now) // once: the gentle checks and the team's read it
	if err != nil {
		return Plan{}, err
	}
	team, also := teamWarnings(said, r.ConversationID, s, now)
	p.Warnings, p.Also = append(team, Checks(draft, said, now, s.HourlyLimit)...), also
	if RepeatsPublic(draft, said, now) && !s.Force {
		return Plan{}, &Refusal{Reason: "the shop already posted this text publicly today, and X refuses a duplicate: vary it, or send it as a DM", Fix: FixForce}
	}
	return p, nil
}

// From is the shop's account a reply in a conversation goes from (see
// Speaker), read from the store.
func From(st *store.Store, convID uint64, def model.User) (model.User, error) {
	c, _, err := st.Conversation(convID)
	if err != nil {
		return def, err
	}
	var lookErr error
	from := Speaker(c.Account, def, func(id uint64) (model.User, bool) {
		u, found, err := st.User(id)
		lookErr = err
		return u, found
	})
	return from, lookErr
}

// Speaker is the shop's account that answers a conversation belonging to
// account: that one, as X lets only it reply; def when the conversation
// names none, or the account is not known (lookup finds it).
func Speaker(account uint64, def model.User, lookup func(uint64) (model.User, bool)) model.User {
	if account == 0 || account == def.ID {
		return def
	}
	if u, ok := lookup(account); ok {
		return u
	}
	return def
}

// Unanswerable says why the network would refuse an answer to to whatever its
// text, or nil: by DM (dm) to a person closed to the shop's DMs, or in
// public where the post is not eligible (eligible: network.Answerable). The
// composer warns by it as the owner types; Prepare refuses by it.
func Unanswerable(dm, alsoPublic bool, to model.Post, author model.User, eligible bool) *Refusal {
	switch {
	case dm && WhyNoDM(author) != "" && !eligible:
		return &Refusal{Reason: fmt.Sprintf("%s, and %[2]s takes no public reply here: only %[2]s's own app can answer", WhyNoDM(author), network.TitleOf(to.Network())), Fix: FixText}
	case dm && WhyNoDM(author) != "":
		return &Refusal{Reason: WhyNoDM(author) + ": answer publicly", Fix: FixPublic}
	case dm && alsoPublic && !eligible:
		return &Refusal{Reason: WhyNotEligible(to, author) + ": send the DM alone", Fix: FixText}
	case !dm && !eligible:
		return &Refusal{Reason: network.TitleOf(to.Network()) + " would refuse: @" + author.Username + " did not mention you", Fix: FixDM}
	}
	return nil
}

// items makes the outbox items of a reply, or says why X would refuse.
func items(r Reply, body string, p Plan, s Settings, rules network.Rules, now time.Time) ([]store.Item, error) {
	count := rules.Count(body)
	if count.Length == 0 {
		return nil, &Refusal{Reason: "nothing to send yet", Fix: FixText}
	}
	if refusal := Unanswerable(r.DM, r.AlsoPublic, p.To, p.Author, network.Answerable(p.To, s.Account)); refusal != nil {
		return nil, refusal
	}
	switch dm := rules.CountDM(body); {
	case r.DM && dm.Over():
		return nil, &Refusal{Reason: fmt.Sprintf("too long for a DM: %d/%d", dm.Length, dm.Limit), Fix: FixText}
	case r.DM && !dm.Valid:
		return nil, &Refusal{Reason: rules.Title() + " would refuse this DM (it holds a character " + rules.Title() + " does not accept)", Fix: FixText}
	case r.DM:
		out := []store.Item{DirectMessage(p.To.ConversationID, p.Author.ID, body, now, s.UndoWindow)}
		if r.AlsoPublic {
			out = append(out, Replies(p.To, []string{DMNotice(p.Author, s)}, now, s.UndoWindow)...)
		}
		return out, nil
	case count.Over() && !r.Split:
		return nil, &Refusal{Reason: fmt.Sprintf("too long: %d/%d", count.Length, count.Limit), Fix: FixSplit}
	case !count.Valid && !count.Over():
		return nil, &Refusal{Reason: fmt.Sprintf("%[1]s would refuse this text (it holds a character %[1]s does not accept)", rules.Title()), Fix: FixText}
	}
	return Replies(p.To, Split(rules, body), now, s.UndoWindow), nil
}

// DMNotice is the public reply that tells a customer to look at their
// DMs: the "dm-notice" snippet if there is one.
func DMNotice(author model.User, s Settings) string {
	vars := snippets.NewVars(author.Name, author.Username, s.Account.Name)
	return snippets.Named(s.Snippets, "dm-notice", vars, "@"+author.Username+" Sent you a DM 📩")
}
