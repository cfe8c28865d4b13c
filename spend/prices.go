package spend

import "time"

// Prices are the dollars X charges per resource of each kind.
type Prices struct {
	// Per is each kind's price.
	Per map[Kind]Micros
	// LinkPost is an OtherPost's price when it holds a link.
	LinkPost Micros
}

// DefaultPrices is the notes' table of pay-per-use prices (since
// 2026-04-20). No price there is marked uncertain; where one is, the
// higher is the default, so that hark never under-counts.
func DefaultPrices() Prices {
	return Prices{
		Per: map[Kind]Micros{
			OwnedRead:     1_000,
			PostRead:      5_000,
			UserRead:      10_000,
			DMRead:        10_000,
			SummonedReply: 10_000,
			OtherPost:     15_000,
			DMSent:        15_000,
			Delete:        5_000,
		},
		LinkPost: 200_000,
	}
}

// Cost is what counts cost at these prices.
func (p Prices) Cost(c Counts) Micros {
	var m Micros
	for k, n := range c {
		m += Micros(n) * p.Per[k]
	}
	return m
}

// Total is what rows cost at these prices.
func (p Prices) Total(rows []Row) Micros {
	var m Micros
	for _, r := range rows {
		m += Micros(r.Count) * p.Per[r.Kind]
	}
	return m
}

// Budget is the most the owner will spend on X in a calendar month (UTC);
// 0 is no budget.
type Budget Micros

// WarnShare is the share of the budget past which hark warns.
const WarnShare = 0.8

// Standing says where a month's spend stands against the budget.
type Standing int

const (
	// Within the budget, or no budget.
	Within Standing = iota
	// Near: past WarnShare of it; hark warns.
	Near
	// Spent: all of it; hark stops reading (it still sends what the
	// owner asks).
	Spent
)

// Stand says where spent stands against b.
func (b Budget) Stand(spent Micros) Standing {
	switch {
	case b <= 0:
		return Within
	case spent >= Micros(b):
		return Spent
	case float64(spent) >= WarnShare*float64(b):
		return Near
	}
	return Within
}

// Today is what rows billed on now's UTC day, at prices.
func (p Prices) Today(rows []Row, now time.Time) Micros {
	return p.Total(Filter(rows, OnDay(Day(now))))
}

// MonthDay is the first day of t's UTC month, as Day writes it.
func MonthDay(t time.Time) string { return Day(MonthStart(t)) }

// MonthStart is the first instant of t's UTC month.
func MonthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// Projection is the month's spend if the rest of it goes as it went so
// far: monthToDate over the days begun, times the month's days.
func Projection(monthToDate Micros, now time.Time) Micros {
	start := MonthStart(now)
	days := start.AddDate(0, 1, 0).Sub(start).Hours() / 24
	elapsed := now.UTC().Sub(start).Hours() / 24
	if elapsed < 1 {
		elapsed = 1 // the first day alone says little; do not multiply its first hour by 720
	}
	return Micros(float64(monthToDate) / elapsed * days)
}
