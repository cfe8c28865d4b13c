package listen

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter"
)

// Overlap is how far back in post time each poll reaches behind the
// cursor. Search and mention timelines are eventually consistent: a post
// can appear after a newer one was read. A post id is a snowflake
// (milliseconds since X's epoch, shifted 22 bits), so the overlap is an
// id range; what is read again is recognised by id and not stored twice.
const Overlap = 2 * time.Minute

// overlapIDs is Overlap in snowflake id units.
const overlapIDs = uint64(Overlap/time.Millisecond) << 22

// Result is what one sync did.
type Result struct {
	// New counts the posts stored for the first time.
	New int
	// Reread counts posts read again, inside the overlap or on a page X
	// sent twice. X does not bill a post read again within one UTC day.
	Reread int
	// Skipped are the records X sent that could not be read.
	Skipped []twitter.Skipped
	// Pages counts the pages read.
	Pages int
	// Cut says why paging stopped before X's last page, when it did.
	Cut string
}

// Note says in one line what a person should know of the sync besides
// its new posts: records skipped, paging cut short. Empty when nothing.
func (r Result) Note() string {
	var parts []string
	if n := len(r.Skipped); n > 0 {
		parts = append(parts, fmt.Sprintf("skipped %d unreadable record(s) from X, first %s", n, r.Skipped[0]))
	}
	if r.Cut != "" {
		parts = append(parts, r.Cut)
	}
	return strings.Join(parts, "; ")
}

// add folds a later sync's result into r.
func (r *Result) add(o Result) {
	r.New += o.New
	r.Reread += o.Reread
	r.Skipped = append(r.Skipped, o.Skipped...)
	r.Pages += o.Pages
	if o.Cut != "" {
		r.Cut = o.Cut
	}
}

// SyncOnce fetches everything new since the stored cursor, following X's
// paging procedure with an overlap (see Overlap): every page down to the
// cursor is stored before the cursor moves, and it moves, in the same
// transaction as the last page, to the highest id stored (never past the
// id of a post made now: see ceiling). Paging always
// ends: at X's last page, at a page with nothing new that reaches the
// cursor (the rest is stored already), at a token seen before, or after
// MaxPages pages. A page with nothing new above the cursor is what a
// sync interrupted between pages left: paging goes on to the older ones.
func (p *Poller) SyncOnce(ctx context.Context) (Result, error) {
	cursor, err := p.store.Cursor(MentionsSource)
	if err != nil {
		return Result{}, err
	}
	q := twitter.MentionsQuery{SinceID: sinceWithOverlap(cursor), Max: 100}
	var res Result
	seen := map[string]bool{}
	highest := cursor
	for {
		page, err := p.client.Mentions(ctx, p.account.ID, q)
		if err != nil {
			return res, err
		}
		res.Pages++
		highest = max(highest, min(highestID(page), p.ceiling()))
		res.Cut = p.cut(page, seen, res.Pages)
		last := page.NextToken == "" || res.Cut != ""
		added, err := p.store.Put(p.batch(page, last, highest))
		if err != nil {
			return res, err
		}
		res.New += len(added)
		res.Reread += len(page.Posts) - countIn(added, page.Posts)
		res.Skipped = append(res.Skipped, page.Skipped...)
		for _, s := range page.Skipped {
			p.opts.Log.Warn("skipped a record X sent", "kind", s.Kind, "raw_id", s.RawID, "reason", s.Reason)
		}
		if len(added) > 0 {
			p.emit(ctx, Arrived{Posts: added})
		}
		if last {
			return res, nil // its transaction moved the cursor
		}
		if len(added) == 0 && reaches(page, cursor) {
			return res, p.moveCursor(highest)
		}
		q.Token = page.NextToken
	}
}

// ceiling is the highest the cursor may go: the id of a post made now.
// An id beyond it is not X's (ids are snowflakes of their time), and a
// cursor past it would skip every real post until that time came.
func (p *Poller) ceiling() uint64 { return model.SnowflakeID(p.opts.Now(), 0x3FFFFF) }

// sinceWithOverlap is the since_id that reaches Overlap behind cursor.
func sinceWithOverlap(cursor uint64) uint64 {
	if cursor <= overlapIDs {
		return 0
	}
	return cursor - overlapIDs
}

// reaches reports a page whose oldest post is at or below the cursor.
func reaches(page twitter.Page, cursor uint64) bool {
	for _, post := range page.Posts {
		if post.ID <= cursor {
			return true
		}
	}
	return false
}

// highestID is the highest id on a page: its posts and the records it
// skipped, so that the cursor moves past a malformed record.
func highestID(page twitter.Page) uint64 {
	var h uint64
	for _, post := range page.Posts {
		h = max(h, post.ID)
	}
	for _, s := range page.Skipped {
		if s.Kind == "post" {
			h = max(h, s.ID)
		}
	}
	return h
}

// cut says why paging must stop after page although X offers more.
func (p *Poller) cut(page twitter.Page, seen map[string]bool, pages int) string {
	switch {
	case page.NextToken == "":
		return ""
	case seen[page.NextToken]:
		return fmt.Sprintf("X sent a page token it had sent before, after %d pages: stopped paging; older posts may be missing", pages)
	case pages >= p.opts.MaxPages:
		return fmt.Sprintf("stopped after %d pages, the most one sync reads; older posts may be missing", pages)
	}
	seen[page.NextToken] = true
	return ""
}

// batch is what a page stores; the last page also moves the cursor.
func (p *Poller) batch(page twitter.Page, last bool, highest uint64) store.Batch {
	b := store.Batch{Posts: p.ownership(append(page.Referenced, page.Posts...)), Users: page.Users}
	if last {
		b.Source, b.Cursor = MentionsSource, highest
	}
	return b
}

// moveCursor moves the cursor after a sync that ended at a page with
// nothing new, before X's last page.
func (p *Poller) moveCursor(highest uint64) error {
	_, err := p.store.Put(store.Batch{Source: MentionsSource, Cursor: highest})
	return err
}

// countIn counts the posts of page that are among added.
func countIn(added, page []model.Post) int {
	ids := make(map[uint64]bool, len(added))
	for _, a := range added {
		ids[a.ID] = true
	}
	n := 0
	for _, post := range page {
		if ids[post.ID] {
			n++
		}
	}
	return n
}

// ownership marks each post as ours (a reply) or someone else's.
func (p *Poller) ownership(posts []model.Post) []model.Post {
	for i := range posts {
		posts[i].Kind = model.Mention
		if posts[i].AuthorID == p.account.ID {
			posts[i].Kind = model.Reply
		}
	}
	return posts
}
