package listen

import (
	"errors"
	"fmt"
	"time"

	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// ErrBudgetSpent is why reading stopped: the month's budget is spent.
// Sending goes on; reading resumes in the next month, or with a larger
// [budget] month.
var ErrBudgetSpent = errors.New("the month's budget is spent")

// BudgetError says how much was spent of how much.
type BudgetError struct {
	Spent, Budget spend.Micros
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("reading stopped: %s of the month's %s budget spent; raise [budget] month in config.toml, or reading resumes next month (sending goes on)", e.Spent, e.Budget)
}

// Is makes a BudgetError match ErrBudgetSpent.
func (e *BudgetError) Is(target error) bool { return target == ErrBudgetSpent }

// checkBudget refuses to read when the month's spend has reached the
// budget. It is asked before every page, so a sync goes past the budget
// by one request's price at most.
func (p *Poller) checkBudget() error {
	if p.opts.Budget <= 0 {
		return nil
	}
	spent, err := MonthSpend(p.store, p.opts.Prices, p.opts.Now())
	if err != nil {
		return err
	}
	if p.opts.Budget.Stand(spent) == spend.Spent {
		return &BudgetError{Spent: spent, Budget: spend.Micros(p.opts.Budget)}
	}
	return nil
}

// budgetNote warns, past spend.WarnShare of the budget, how much of it
// is spent; empty otherwise.
func (p *Poller) budgetNote() string {
	if p.opts.Budget <= 0 {
		return ""
	}
	spent, err := MonthSpend(p.store, p.opts.Prices, p.opts.Now())
	if err != nil || p.opts.Budget.Stand(spent) != spend.Near {
		return ""
	}
	return fmt.Sprintf("%s of the month's %s budget spent: reading stops at %s", spent, spend.Micros(p.opts.Budget), spend.Micros(p.opts.Budget))
}

// MonthSpend is what the UTC month of now has cost so far, at prices.
func MonthSpend(st *store.Store, prices spend.Prices, now time.Time) (spend.Micros, error) {
	rows, err := st.SpendSince(spend.MonthDay(now))
	return prices.Total(rows), err
}
