// Package report says how well the shop answers: conversations started,
// answered and not, first-response times (in all hours and in business
// hours), the share within a target, time to done, the backlog now, the
// volume by kind and day, public replies against DMs, and the same by
// tag. It reads a stream of posts in time order and the conversations'
// states; it holds one small state per conversation and one tally per
// day, never the posts.
package report

import (
	"fmt"
	"slices"
	"time"

	"github.com/harkhq/hark/config"
	"github.com/harkhq/hark/model"
)

// Settings are the report's rules: the target for a first response and
// the business hours (with their zone, which also draws the days).
type Settings struct {
	Target time.Duration
	Hours  Hours
	// WaitsFor says which customer posts start a wait: WaitsForAll (the
	// default) or WaitsForQuestions.
	WaitsFor string
}

// What starts a wait ([service] waits_for).
const (
	// WaitsForAll: every mention and DM to the shop waits for an answer.
	WaitsForAll = "all"
	// WaitsForQuestions: only a post the hints read as needing an answer
	// (a question, a problem or complaint, a request; not thanks or
	// praise) starts a wait; the others are counted but wait for none.
	WaitsForQuestions = "questions"
)

// DefaultTarget is the first-response target when config sets none.
const DefaultTarget = time.Hour

// Lookback is how far before the period the posts are read, so that a
// wait that began before it is known as such (and not counted in it).
const Lookback = 14 * 24 * time.Hour

// Through is the end of a period that takes in the instant t: periods
// are [from, to), and a post made at the instant the report is asked for
// belongs to it.
func Through(t time.Time) time.Time { return t.Add(time.Millisecond) }

// Item is what the report reads of a post.
type Item struct {
	Conv uint64
	At   time.Time
	Kind model.Kind
	// Asks is, when the settings wait for questions only, whether the
	// hints read the post as needing an answer.
	Asks bool
	// Network is the post's network's name ("" is X's).
	Network string
	// By is the person of the team who wrote one of the shop's ("" the
	// owner alone, or written elsewhere).
	By string
}

// Conv is what the report reads of a conversation's state now.
type Conv struct {
	ID     uint64
	Status string
	Tags   []string
	// DoneAt is when it was last marked done (zero if never).
	DoneAt time.Time
	// LastAt is its newest post's time: for a wait in the inbox that
	// began before the posts read, the least the wait can be.
	LastAt time.Time
	// StatusBy is the person of the team who set its status.
	StatusBy string
}

// convState is one conversation as the posts go by.
type convState struct {
	// started is when a customer began it, zero if it began before the
	// period or by the shop.
	started time.Time
	// waiting is when the customer's first unanswered post came.
	waiting  time.Time
	answered bool
	// asked is whether any post started a wait (see startsWait).
	asked   bool
	samples []sample
}

// sample is one wait that the shop answered: when it began, how long it
// lasted, in all hours and in business hours.
type sample struct {
	began     time.Time
	wall, biz time.Duration
}

// Builder gathers a report from posts given in time order.
type Builder struct {
	s             Settings
	from, to, now time.Time
	convs         map[uint64]*convState
	days          map[string]*Day
	// cur is the day last tallied, [curFrom, curTo) its bounds.
	cur            *Day
	curFrom, curTo time.Time
	people         byPerson
}

// NewBuilder starts a report of the period [from, to) as seen at now.
func NewBuilder(s Settings, from, to, now time.Time) *Builder {
	if s.Hours.Loc == nil {
		s.Hours.Loc = time.Local
	}
	if s.Target <= 0 {
		s.Target = DefaultTarget
	}
	return &Builder{
		s:     s,
		from:  from,
		to:    to,
		now:   now,
		convs: map[uint64]*convState{},
		days:  map[string]*Day{},
	}
}

// Add reads one post; posts come oldest first, from Lookback before the
// period on.
func (b *Builder) Add(p Item) {
	if p.At.After(b.now) || !p.At.Before(b.to) {
		return
	}
	c := b.convs[p.Conv]
	if c == nil {
		c = &convState{}
		b.convs[p.Conv] = c
		if b.inPeriod(p.At) && customer(p.Kind) && b.begunIn(p) {
			c.started = p.At
		}
	}
	if b.inPeriod(p.At) {
		b.tally(p)
		b.people.sent(p)
	}
	switch {
	case customer(p.Kind) && c.waiting.IsZero() && b.startsWait(p):
		c.waiting, c.asked = p.At, true
	case p.Kind.Ours() && !c.waiting.IsZero():
		if b.inPeriod(c.waiting) {
			c.samples = append(c.samples, sample{began: c.waiting, wall: p.At.Sub(c.waiting), biz: b.s.Hours.Between(c.waiting, p.At)})
			b.people.answered(p.By, p.At.Sub(c.waiting))
		}
		c.waiting = time.Time{}
		c.answered = true
	case p.Kind.Ours():
		c.answered = true
	}
}

// customer reports a post that waits for an answer: a mention or a DM to
// the shop. A heard post (not addressed to the shop) waits for none.
func customer(k model.Kind) bool { return k == model.Mention || k == model.DMIn }

// startsWait reports whether a customer's post starts a wait under the
// settings' waits_for.
func (b *Builder) startsWait(p Item) bool { return b.s.WaitsFor != WaitsForQuestions || p.Asks }

// begunIn reports whether p's conversation began in the period: a post
// conversation's id is its first post's, a snowflake of its time; a DM
// conversation began with the first DM read.
func (b *Builder) begunIn(p Item) bool {
	if _, dm := model.IsDMConversation(p.Conv); dm {
		return true
	}
	return !model.SnowflakeTime(p.Conv).Before(b.from.Add(-time.Second))
}

func (b *Builder) inPeriod(t time.Time) bool { return !t.Before(b.from) && t.Before(b.to) }

// tally counts a post of the period in its day.
func (b *Builder) tally(p Item) {
	d := b.dayOf(p.At)
	switch p.Kind {
	case model.Mention:
		d.Mentions++
	case model.Heard:
		d.Heard++
	case model.DMIn:
		d.DMs++
	case model.Reply:
		d.Replies++
	case model.DMSent:
		d.DMsSent++
	}
}

// dayOf is the tally of t's day. Posts come in time order, so the day
// last found is kept with its bounds, and a day is named once, not once
// a post (naming it was a fifth of a long report's time).
func (b *Builder) dayOf(t time.Time) *Day {
	if b.cur != nil && !t.Before(b.curFrom) && t.Before(b.curTo) {
		return b.cur
	}
	start := midnight(t.In(b.s.Hours.Loc))
	date := start.Format(time.DateOnly)
	d := b.days[date]
	if d == nil {
		d = &Day{Date: date}
		b.days[date] = d
	}
	b.cur, b.curFrom, b.curTo = d, start, midnight(start.AddDate(0, 0, 1).Add(time.Hour))
	return d
}

// percentile is the nearest-rank percentile q (0–100) of sorted ds.
func percentile(ds []time.Duration, q int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := (q*len(ds) + 99) / 100
	return ds[min(max(i, 1), len(ds))-1]
}

// sorted returns ds sorted.
func sorted(ds []time.Duration) []time.Duration {
	slices.Sort(ds)
	return ds
}

// SettingsOf reads config's [service]: its business hours and what
// waits for an answer, refused where they are written; the target, or
// DefaultTarget.
func SettingsOf(c config.Service) (Settings, error) {
	s := Settings{Target: c.Target}
	if s.Target == 0 {
		s.Target = DefaultTarget
	}
	loc := c.Loc
	if loc == nil {
		loc = time.Local
	}
	hours, err := ParseHours(c.Hours, loc)
	if err != nil {
		return s, fmt.Errorf("%s: [service] hours: %v", c.HoursAt, err)
	}
	s.Hours = hours
	switch c.WaitsFor {
	case "", WaitsForAll, WaitsForQuestions:
		s.WaitsFor = c.WaitsFor
	default:
		return s, fmt.Errorf("%s: [service] waits_for %q: use \"all\" (every post to the shop waits) or \"questions\" (only those the hints read as needing an answer)", c.WaitsForAt, c.WaitsFor)
	}
	return s, nil
}
