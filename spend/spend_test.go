package spend

import (
	"testing"
	"time"
)

func TestMoneyBudgetAndProjection(t *testing.T) {
	for m, want := range map[Micros]string{0: "$0.00", 1_000: "$0.001", 9_999: "$0.010", 10_000: "$0.01", 251_000: "$0.25", Dollars(30): "$30.00"} {
		if got := m.String(); got != want {
			t.Errorf("%d µ$ = %s, want %s", m, got, want)
		}
	}
	b := Budget(Dollars(30))
	for spent, want := range map[Micros]Standing{Dollars(23.99): Within, Dollars(24): Near, Dollars(30): Spent, Dollars(31): Spent} {
		if got := b.Stand(spent); got != want {
			t.Errorf("%s of %s: %v, want %v", spent, Micros(b), got, want)
		}
	}
	if Budget(0).Stand(Dollars(1000)) != Within {
		t.Error("no budget is never spent")
	}
	// Ten days of a 30-day month at $1 a day project $30; the first hour
	// of a month counts as a day, not a thirtieth of one.
	if got := Projection(Dollars(10), time.Date(2026, 11, 11, 0, 0, 0, 0, time.UTC)); got != Dollars(30) {
		t.Errorf("projection = %s", got)
	}
	if got := Projection(Dollars(1), time.Date(2026, 11, 1, 1, 0, 0, 0, time.UTC)); got != Dollars(30) {
		t.Errorf("first-hour projection = %s", got)
	}
	if got := (Prices{Per: map[Kind]Micros{OwnedRead: 1_000, UserRead: 10_000}}).Cost(Counts{OwnedRead: 31, UserRead: 15}); got != 181_000 {
		t.Errorf("cost = %d", got)
	}
}
