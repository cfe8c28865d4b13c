package report

import (
	"cmp"
	"slices"
	"time"
)

// Report is the service report of a period.
type Report struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Conversations counts those customers began in the period; Answered
	// those the shop answered since; ClosedUnanswered those the owner
	// marked done without a reply (nothing was owed, or it was settled
	// elsewhere); Unanswered the others, never answered.
	Conversations    int `json:"conversations"`
	Answered         int `json:"answered"`
	ClosedUnanswered int `json:"closed_without_reply"`
	// NothingAsked counts, with waits_for "questions", the conversations
	// no post of which the hints read as needing an answer, unanswered.
	NothingAsked int `json:"nothing_asked,omitempty"`
	Unanswered   int `json:"unanswered"`
	// First-response times of the waits that began in the period and were
	// answered: in all hours, and in business hours only.
	FirstP50    Seconds `json:"first_response_p50_s"`
	FirstP90    Seconds `json:"first_response_p90_s"`
	FirstBizP50 Seconds `json:"first_response_business_p50_s"`
	FirstBizP90 Seconds `json:"first_response_business_p90_s"`
	// WithinTarget is the share (0–100) of the period's waits answered
	// within the target (in business hours), of those answered or waiting
	// past it; Target is the target.
	WithinTarget float64 `json:"within_target_pct"`
	Target       Seconds `json:"target_s"`
	// DoneP50 is the median time from a conversation's start to done, of
	// those begun in the period and done now.
	DoneP50 Seconds `json:"time_to_done_p50_s"`
	// OpenNow is the inbox's backlog; OldestWaiting the longest wait in
	// it; Longest its ten longest waits.
	OpenNow       int     `json:"open_now"`
	OldestWaiting Seconds `json:"oldest_waiting_s"`
	Longest       []Wait  `json:"longest_waits"`
	// PublicReplies and DMsSent are what the shop sent in the period:
	// the public replies are what its followers see.
	PublicReplies int   `json:"public_replies"`
	DMsSent       int   `json:"dms_sent"`
	Mentions      int   `json:"mentions"`
	Heard         int   `json:"heard"`
	DMs           int   `json:"dms"`
	Days          []Day `json:"days"`
	Tags          []Tag `json:"tags"`
	// Networks split the figures by network, when the period holds more
	// than one's posts; none otherwise.
	Networks []Network `json:"networks,omitempty"`
	// People are the team's figures, person by person (hark serve);
	// none when only the owner worked.
	People []Person `json:"people,omitempty"`
}

// Network is one network's share of the report's figures.
type Network struct {
	Name          string  `json:"network"`
	Conversations int     `json:"conversations"`
	Answered      int     `json:"answered"`
	Unanswered    int     `json:"unanswered"`
	FirstP50      Seconds `json:"first_response_p50_s"`
	Mentions      int     `json:"mentions"`
	DMs           int     `json:"dms"`
	PublicReplies int     `json:"public_replies"`
	DMsSent       int     `json:"dms_sent"`
}

// Seconds is a duration as whole seconds, as the JSON report writes it.
type Seconds int64

// Of is d in Seconds.
func Of(d time.Duration) Seconds { return Seconds(d / time.Second) }

// Duration is s as a time.Duration.
func (s Seconds) Duration() time.Duration { return time.Duration(s) * time.Second }

// Day is one day of the period, in the report's zone.
type Day struct {
	Date     string  `json:"date"`
	Mentions int     `json:"mentions"`
	Heard    int     `json:"heard"`
	DMs      int     `json:"dms"`
	Replies  int     `json:"replies"`
	DMsSent  int     `json:"dms_sent"`
	FirstP50 Seconds `json:"first_response_p50_s"`
	// Answered counts the waits begun that day that were answered.
	Answered int `json:"answered"`
}

// Wait is a conversation waiting in the inbox now.
type Wait struct {
	Conv  uint64    `json:"conversation_id"`
	Since time.Time `json:"since"`
	For   Seconds   `json:"waiting_s"`
}

// Tag is the figures of the conversations with a tag.
type Tag struct {
	Name          string  `json:"tag"`
	Conversations int     `json:"conversations"`
	Answered      int     `json:"answered"`
	FirstP50      Seconds `json:"first_response_p50_s"`
}

// Finish makes the report: state gives the conversations' states now
// (those the posts named), waiting the inbox's conversations the longest
// waits are among, openNow how many the inbox holds.
func (b *Builder) Finish(state func(id uint64) (Conv, bool), waiting []Conv, openNow int) Report {
	r := Report{From: b.from, To: b.to, Target: Of(b.s.Target)}
	var wall, biz, done []time.Duration
	var within, decided int
	tags := map[string]*tagAgg{}
	perDay := map[string][]time.Duration{}
	for id, c := range b.convs {
		for _, s := range c.samples {
			wall, biz = append(wall, s.wall), append(biz, s.biz)
			decided++
			if s.biz <= b.s.Target {
				within++
			}
			day := s.began.In(b.s.Hours.Loc).Format(time.DateOnly)
			perDay[day] = append(perDay[day], s.wall)
		}
		st, ok := state(id)
		closed := ok && st.Status == "done" // the owner said nothing more is owed
		if !c.waiting.IsZero() && !closed && b.inPeriod(c.waiting) && b.s.Hours.Between(c.waiting, b.now) > b.s.Target {
			decided++ // still waiting, and past the target already
		}
		if c.started.IsZero() {
			continue
		}
		r.Conversations++
		switch {
		case c.answered:
			r.Answered++
		case closed:
			r.ClosedUnanswered++
		case !c.asked:
			r.NothingAsked++
		}
		if closed && st.DoneAt.After(c.started) {
			done = append(done, st.DoneAt.Sub(c.started))
		}
		if closed {
			b.people.closed(st.StatusBy)
		}
		for _, t := range st.Tags {
			tags[t] = tags[t].add(c)
		}
	}
	r.Unanswered = r.Conversations - r.Answered - r.ClosedUnanswered - r.NothingAsked
	wall, biz = sorted(wall), sorted(biz)
	r.FirstP50, r.FirstP90 = Of(percentile(wall, 50)), Of(percentile(wall, 90))
	r.FirstBizP50, r.FirstBizP90 = Of(percentile(biz, 50)), Of(percentile(biz, 90))
	if decided > 0 {
		r.WithinTarget = 100 * float64(within) / float64(decided)
	}
	r.DoneP50 = Of(percentile(sorted(done), 50))
	r.Days = b.dayList(perDay, &r)
	r.Tags = tagList(tags)
	r.People = b.people.list()
	r.OpenNow, r.Longest = openNow, b.waits(waiting)
	if len(r.Longest) > 0 {
		r.OldestWaiting = r.Longest[0].For
	}
	return r
}

// dayList is every day of the period, in order, with its median first
// response, and the period's totals in r.
func (b *Builder) dayList(perDay map[string][]time.Duration, r *Report) []Day {
	var out []Day
	last := b.to.Add(-time.Nanosecond).In(b.s.Hours.Loc).Format(time.DateOnly)
	for t := midnight(b.from.In(b.s.Hours.Loc)); ; t = midnight(t.AddDate(0, 0, 1).Add(time.Hour)) {
		date := t.Format(time.DateOnly)
		d := Day{Date: date}
		if got := b.days[date]; got != nil {
			d = *got
		}
		d.Answered = len(perDay[date])
		d.FirstP50 = Of(percentile(sorted(perDay[date]), 50))
		r.Mentions, r.Heard, r.DMs = r.Mentions+d.Mentions, r.Heard+d.Heard, r.DMs+d.DMs
		r.PublicReplies, r.DMsSent = r.PublicReplies+d.Replies, r.DMsSent+d.DMsSent
		out = append(out, d)
		if date >= last {
			return out
		}
	}
}

// waits are the ten longest waits in the inbox now: from the customer's
// first unanswered post when the posts read show it, else (a wait that
// began before them) from the newest post, the least it can be.
func (b *Builder) waits(open []Conv) []Wait {
	var out []Wait
	for _, c := range open {
		since := c.LastAt
		if st := b.convs[c.ID]; st != nil && !st.waiting.IsZero() {
			since = st.waiting
		} else if st != nil {
			continue // answered last: open, but not waiting on the shop
		}
		out = append(out, Wait{Conv: c.ID, Since: since, For: Of(b.now.Sub(since))})
	}
	slices.SortFunc(out, func(a, b Wait) int { return a.Since.Compare(b.Since) })
	return out[:min(len(out), 10)]
}

// tagAgg gathers a tag's figures.
type tagAgg struct {
	convs, answered int
	wall            []time.Duration
}

func (t *tagAgg) add(c *convState) *tagAgg {
	if t == nil {
		t = &tagAgg{}
	}
	t.convs++
	if c.answered {
		t.answered++
	}
	for _, s := range c.samples {
		t.wall = append(t.wall, s.wall)
	}
	return t
}

// tagList is the tags' figures, the busiest first.
func tagList(tags map[string]*tagAgg) []Tag {
	out := make([]Tag, 0, len(tags))
	for name, t := range tags {
		out = append(out, Tag{Name: name, Conversations: t.convs, Answered: t.answered, FirstP50: Of(percentile(sorted(t.wall), 50))})
	}
	slices.SortFunc(out, func(a, b Tag) int {
		if a.Conversations != b.Conversations {
			return b.Conversations - a.Conversations
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out
}
