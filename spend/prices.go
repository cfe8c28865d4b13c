package spend

import "time"

// Prices are the dollars a network charges per resource of each kind.
// A network's adapter says its own (network.Adapter's Prices; X's are the
// notes' table); config's [prices] overrides some (Overlay).
type Prices struct {
	// Per is each kind's price.
	Per map[Kind]Micros
}

// Overlay is p with the prices o sets in place of p's (a kind o does
// not name keeps p's price); p is not changed.
func (p Prices) Overlay(o Prices) Prices {
	out := Prices{Per: make(map[Kind]Micros, len(p.Per)+len(o.Per))}
	for k, v := range p.Per {
		out.Per[k] = v
	}
	for k, v := range o.Per {
		out.Per[k] = v
	}
	return out
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
