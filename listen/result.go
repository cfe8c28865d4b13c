package listen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/harkhq/hark/network"
)

// Result is what one sync did.
type Result struct {
	// New counts the posts stored for the first time.
	New int
	// Reread counts posts read again, inside the overlap or on a page X
	// sent twice. X does not bill a post read again within one UTC day.
	Reread int
	// Skipped are the records X sent that could not be read.
	Skipped []network.Skipped
	// Pages counts the pages read.
	Pages int
	// Cut says why paging stopped before X's last page, when it did.
	Cut string
	// Sources says what each source brought, in the order synced.
	Sources []SourceResult
	// Refused names the searches X refused, which stopped, and why.
	Refused []string
	// Budget warns that the month's spend is past spend.WarnShare of the
	// budget; empty otherwise.
	Budget string
}

// SourceResult is what one source brought in a sync.
type SourceResult struct {
	Name string
	New  int
}

// Note says in one line what a person should know of the sync besides
// its new posts: records skipped, paging cut short, searches refused.
// Empty when nothing. (The budget's warning is Budget: the status bar
// shows it by the spend.)
func (r Result) Note() string {
	var parts []string
	if n := len(r.Skipped); n > 0 {
		parts = append(parts, fmt.Sprintf("skipped %d unreadable record(s) from X, first %s", n, r.Skipped[0]))
	}
	if r.Cut != "" {
		parts = append(parts, r.Cut)
	}
	parts = append(parts, r.Refused...)
	return strings.Join(parts, "; ")
}

// Add folds another sync's result into r: a later one of the same
// poller, or another account's.
func (r *Result) Add(o Result) {
	r.New += o.New
	r.Reread += o.Reread
	r.Skipped = append(r.Skipped, o.Skipped...)
	r.Pages += o.Pages
	for _, src := range o.Sources { // one line per source, whatever the retries
		if i := slices.IndexFunc(r.Sources, func(x SourceResult) bool { return x.Name == src.Name }); i >= 0 {
			r.Sources[i].New += src.New
		} else {
			r.Sources = append(r.Sources, src)
		}
	}
	for _, why := range o.Refused {
		if !slices.Contains(r.Refused, why) {
			r.Refused = append(r.Refused, why)
		}
	}
	if o.Cut != "" {
		r.Cut = o.Cut
	}
	if o.Budget != "" {
		r.Budget = o.Budget
	}
}
