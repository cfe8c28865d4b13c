package spend

import "time"

// DaySpend is one UTC day's spend, by kind.
type DaySpend struct {
	Day    string
	Counts Counts
	Cost   Micros
}

// Days sums rows by day over the n UTC days that end with now's, oldest
// first; a day without rows is there, with nothing spent.
func Days(rows []Row, prices Prices, now time.Time, n int) []DaySpend {
	out := make([]DaySpend, n)
	index := map[string]int{}
	for i := range out {
		day := Day(now.AddDate(0, 0, i-n+1))
		out[i] = DaySpend{Day: day, Counts: Counts{}}
		index[day] = i
	}
	for _, r := range rows {
		if i, ok := index[r.Day]; ok {
			out[i].Counts[r.Kind] += r.Count
			out[i].Cost += Micros(r.Count) * prices.Per[r.Kind]
		}
	}
	return out
}

// Month is where the UTC month of a day stands.
type Month struct {
	// Name is the month ("2026-12").
	Name string
	// ToDate is what it cost so far; Projected what it will if the rest
	// goes as it went (see Projection).
	ToDate, Projected Micros
	Budget            Budget
}

// MonthOf is the month to date of now, from rows that reach back to its
// first day at least.
func MonthOf(rows []Row, prices Prices, now time.Time, b Budget) Month {
	first := MonthDay(now)
	var spent Micros
	for _, r := range rows {
		if r.Day >= first {
			spent += Micros(r.Count) * prices.Per[r.Kind]
		}
	}
	return Month{
		Name:      first[:7],
		ToDate:    spent,
		Projected: Projection(spent, now),
		Budget:    b,
	}
}

// BySource sums rows' cost by source.
func BySource(rows []Row, prices Prices) map[string]Micros {
	out := map[string]Micros{}
	for _, r := range rows {
		out[r.Source] += Micros(r.Count) * prices.Per[r.Kind]
	}
	return out
}
