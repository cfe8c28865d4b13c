package report

import (
	"slices"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// history is a scripted fortnight in London, across the change to summer
// time (2026-03-29), whose figures are worked out by hand below.
type history struct {
	loc   *time.Location
	items []Item
	seq   uint64
}

func (h *history) at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, h.loc)
	if err != nil {
		panic(err)
	}
	return t
}

// conv starts a post conversation (its id a snowflake of its first post).
func (h *history) conv(first string) uint64 {
	h.seq++
	return model.SnowflakeID(h.at(first), h.seq)
}

func (h *history) post(conv uint64, when string, k model.Kind) {
	h.items = append(h.items, Item{Conv: conv, At: h.at(when), Kind: k})
}

func TestFiguresOfAScriptedHistory(t *testing.T) {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	h := &history{loc: loc}
	hours, err := ParseHours("mon-fri 09:00-17:30", loc)
	if err != nil {
		t.Fatal(err)
	}
	// A, answered twice: waits of 30m and 2h, both in hours.
	a := h.conv("2026-03-23 10:00")
	h.post(a, "2026-03-23 10:00", model.Mention)
	h.post(a, "2026-03-23 10:30", model.Reply)
	h.post(a, "2026-03-23 11:00", model.Mention)
	h.post(a, "2026-03-23 13:00", model.Reply)
	// B, never answered, still open.
	b := h.conv("2026-03-24 12:00")
	h.post(b, "2026-03-24 12:00", model.Mention)
	// C, Friday 17:00 to Monday 09:30 across the clocks going forward:
	// 63h30m in all (17:00 GMT to 08:30 UTC), 1h in business hours.
	c := h.conv("2026-03-27 17:00")
	h.post(c, "2026-03-27 17:00", model.Mention)
	h.post(c, "2026-03-30 09:30", model.Reply)
	// D, asked and answered before opening: 1h in all, none in hours.
	d := h.conv("2026-04-01 07:00")
	h.post(d, "2026-04-01 07:00", model.Mention)
	h.post(d, "2026-04-01 08:00", model.Reply)
	// E, a DM answered by DM in 20m.
	e := model.DMConversation(42)
	h.post(e, "2026-04-02 14:00", model.DMIn)
	h.post(e, "2026-04-02 14:20", model.DMSent)
	// F, answered in 10m, done, reopened two days later, answered in 45m.
	f := h.conv("2026-03-23 15:00")
	h.post(f, "2026-03-23 15:00", model.Mention)
	h.post(f, "2026-03-23 15:10", model.Reply)
	h.post(f, "2026-03-25 10:00", model.Mention)
	h.post(f, "2026-03-25 10:45", model.Reply)
	// G, answered in 5m, done 3h after it began.
	g := h.conv("2026-03-26 09:00")
	h.post(g, "2026-03-26 09:00", model.Mention)
	h.post(g, "2026-03-26 09:05", model.Reply)
	// I, thanked after a chat elsewhere and marked done without a reply:
	// closed without a reply, not never answered, and no wait past the
	// target.
	i := h.conv("2026-04-03 10:00")
	h.post(i, "2026-04-03 10:00", model.Mention)
	// H, heard: counted as heard, waits for nothing.
	hh := h.conv("2026-03-26 11:00")
	h.post(hh, "2026-03-26 11:00", model.Heard)
	// Before the period: counted nowhere.
	old := h.conv("2026-03-20 10:00")
	h.post(old, "2026-03-20 10:00", model.Mention)
	h.post(old, "2026-03-20 10:05", model.Reply)

	slices.SortFunc(h.items, func(x, y Item) int { return x.At.Compare(y.At) })
	from, to, now := h.at("2026-03-23 00:00"), h.at("2026-04-06 00:00"), h.at("2026-04-05 12:00")
	bld := NewBuilder(Settings{Target: time.Hour, Hours: hours}, from, to, now)
	for _, it := range h.items {
		bld.Add(it)
	}
	states := map[uint64]Conv{
		a: {ID: a, Status: "waiting", Tags: []string{"refund"}},
		b: {ID: b, Status: "open", Tags: []string{"refund"}, LastAt: h.at("2026-03-24 12:00")},
		f: {ID: f, Status: "waiting", DoneAt: h.at("2026-03-23 16:00")}, // done once, reopened: not done now
		g: {ID: g, Status: "done", DoneAt: h.at("2026-03-26 12:00")},
		i: {ID: i, Status: "done", DoneAt: h.at("2026-04-03 10:30")},
	}
	r := bld.Finish(func(id uint64) (Conv, bool) { s, ok := states[id]; return s, ok }, []Conv{states[b]}, 1)

	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("conversations", r.Conversations, 8) // A–G, I
	check("answered", r.Answered, 6)
	check("closed without a reply", r.ClosedUnanswered, 1) // I
	check("unanswered", r.Unanswered, 1)                   // B
	// All hours: 5m 10m 20m 30m 45m 1h 2h 63h30m.
	check("p50", r.FirstP50.Duration(), 30*time.Minute)
	check("p90", r.FirstP90.Duration(), 63*time.Hour+30*time.Minute)
	// Business hours: 0 5m 10m 20m 30m 45m 1h 2h.
	check("business p50", r.FirstBizP50.Duration(), 20*time.Minute)
	check("business p90", r.FirstBizP90.Duration(), 2*time.Hour)
	// Within 1h in hours: 7 of the 8 answered, and B waits past it: 7/9
	// (I, closed without a reply, waits for nothing).
	check("within target", int(r.WithinTarget*100), 7777)
	check("time to done p50", r.DoneP50.Duration(), 30*time.Minute) // I 30m, G 3h: the lower middle
	check("public replies", r.PublicReplies, 7)
	check("DMs sent", r.DMsSent, 1)
	check("mentions", r.Mentions, 9) // A 2, B, C, D, F 2, G, I
	check("heard", r.Heard, 1)
	check("DMs", r.DMs, 1)
	check("open now", r.OpenNow, 1)
	// B waits from Tuesday noon GMT to Sunday noon BST: 12 days less the
	// hour the clocks went forward.
	check("oldest waiting", r.OldestWaiting.Duration(), 12*24*time.Hour-time.Hour)
	check("days", len(r.Days), 14)
	check("first day", r.Days[0], Day{Date: "2026-03-23", Mentions: 3, Replies: 3, Answered: 3, FirstP50: Of(30 * time.Minute)})
	check("tags", len(r.Tags), 1)
	check("refund", r.Tags[0], Tag{Name: "refund", Conversations: 2, Answered: 1, FirstP50: Of(30 * time.Minute)})
}

func TestBusinessHoursAcrossDaysAndClocks(t *testing.T) {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	h, _ := ParseHours("mon-fri 09:00-17:30, sat 10:00-12:00", loc)
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, loc); return t }
	for _, c := range []struct {
		a, b string
		want time.Duration
	}{
		{"2026-03-27 17:00", "2026-03-30 09:30", 30*time.Minute + 2*time.Hour + 30*time.Minute}, // Fri, Sat 10–12, Mon
		{"2026-03-29 08:00", "2026-03-29 20:00", 0},                                             // Sunday, the clocks' day
		{"2026-04-01 07:00", "2026-04-01 08:00", 0},
		{"2026-04-01 17:00", "2026-04-02 09:15", 45 * time.Minute},
	} {
		if got := h.Between(at(c.a), at(c.b)); got != c.want {
			t.Errorf("%s → %s: %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if all, _ := ParseHours("", loc); all.Between(at("2026-03-28 23:00"), at("2026-03-29 03:00")) != 3*time.Hour {
		t.Error("every hour: the night the clocks go forward has 3 hours from 23:00 to 03:00")
	}
	for _, bad := range []string{"mon-fri", "mon-fry 09:00-17:00", "mon 17:00-09:00", "sat 9-5"} {
		if _, err := ParseHours(bad, loc); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// TestWaitsForQuestionsOnly: with waits_for "questions", a customer's
// thanks starts no wait (nothing unanswered, no sample), while their
// question does, and both are still counted as mentions.
func TestWaitsForQuestionsOnly(t *testing.T) {
	h := &history{loc: time.UTC}
	thanks, asks := h.conv("2026-03-23 10:00"), h.conv("2026-03-23 11:00")
	h.items = []Item{
		{Conv: thanks, At: h.at("2026-03-23 10:00"), Kind: model.Mention},
		{Conv: asks, At: h.at("2026-03-23 11:00"), Kind: model.Mention, Asks: true},
		{Conv: asks, At: h.at("2026-03-23 11:20"), Kind: model.Reply},
	}
	from, to, now := h.at("2026-03-23 00:00"), h.at("2026-03-24 00:00"), h.at("2026-03-23 23:00")
	for _, tc := range []struct {
		waitsFor             string
		answered, unanswered int
	}{{WaitsForQuestions, 1, 0}, {WaitsForAll, 1, 1}, {"", 1, 1}} {
		b := NewBuilder(Settings{Target: time.Hour, WaitsFor: tc.waitsFor}, from, to, now)
		for _, it := range h.items {
			b.Add(it)
		}
		r := b.Finish(func(id uint64) (Conv, bool) { return Conv{ID: id, Status: "open"}, true }, nil, 1)
		asked := map[string]int{WaitsForQuestions: 1}[tc.waitsFor]
		if r.Answered != tc.answered || r.Unanswered != tc.unanswered || r.NothingAsked != asked || r.Mentions != 2 || r.FirstP50.Duration() != 20*time.Minute {
			t.Errorf("waits_for %q: answered %d, unanswered %d, mentions %d, p50 %v; want %d, %d, 2, 20m",
				tc.waitsFor, r.Answered, r.Unanswered, r.Mentions, r.FirstP50.Duration(), tc.answered, tc.unanswered)
		}
	}
}
