package report

import (
	"slices"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
)

// Person is one of the team's share of the report (hark serve): what
// they sent in the period, the waits their reply ended and how long
// those took, and the conversations begun in the period they marked
// done.
type Person struct {
	Name           string  `json:"person"`
	PublicReplies  int     `json:"public_replies"`
	DMsSent        int     `json:"dms_sent"`
	FirstResponses int     `json:"first_responses"`
	FirstP50       Seconds `json:"first_response_p50_s"`
	Done           int     `json:"done"`
}

// byPerson gathers each person's figures as the posts go by.
type byPerson struct {
	people map[string]*personAgg
}

type personAgg struct {
	replies, dms, done int
	waits              []time.Duration
}

func (b *byPerson) of(name string) *personAgg {
	if b.people == nil {
		b.people = map[string]*personAgg{}
	}
	p := b.people[name]
	if p == nil {
		p = &personAgg{}
		b.people[name] = p
	}
	return p
}

// sent counts one of the shop's posts of the period by its writer.
func (b *byPerson) sent(it Item) {
	if it.By == "" {
		return
	}
	switch it.Kind {
	case model.Reply:
		b.of(it.By).replies++
	case model.DMSent:
		b.of(it.By).dms++
	}
}

// answered credits a wait the person's post ended.
func (b *byPerson) answered(by string, wait time.Duration) {
	if by != "" {
		b.of(by).waits = append(b.of(by).waits, wait)
	}
}

// closed credits a conversation of the period the person marked done.
func (b *byPerson) closed(by string) {
	if by != "" {
		b.of(by).done++
	}
}

// list is each person's figures by name; nil when no one of a team
// did anything in the period (the owner alone).
func (b *byPerson) list() []Person {
	out := make([]Person, 0, len(b.people))
	for name, p := range b.people {
		out = append(out, Person{Name: name, PublicReplies: p.replies, DMsSent: p.dms, FirstResponses: len(p.waits),
			FirstP50: Of(percentile(sorted(p.waits), 50)), Done: p.done})
	}
	slices.SortFunc(out, func(a, b Person) int { return strings.Compare(a.Name, b.Name) })
	if len(out) == 0 {
		return nil
	}
	return out
}
