package listen

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/spend"
	"github.com/harkhq/hark/store"
)

// Overlap is how far back in post time each poll reaches behind the
// cursor. Search and mention timelines are eventually consistent: a post
// can appear after a newer one was read. A post id is a snowflake
// (milliseconds since X's epoch, shifted 22 bits), so the overlap is an
// id range; what is read again is recognised by id and not stored twice.
const Overlap = 2 * time.Minute

// overlapIDs is Overlap in snowflake id units.
const overlapIDs = uint64(Overlap/time.Millisecond) << 22

// source is one stream hark reads from the network: the mentions, the
// account's own posts, its DMs, or a saved search. Each has its own
// cursor, named after it, and is read by syncSource the same way: paged
// from the newest down to its cursor, stored page by page, the cursor
// moved with the last.
type source struct {
	// name names the source's cursor; label is what the posts it finds
	// remember (model.Post.Sources) and what its spend is counted to.
	name  string
	label string
	// search is the saved search's own name; "" for the other sources.
	search string
	// fetch reads one page: posts newer than since (when the network
	// can ask so: the paging stops at since itself), from the token on.
	fetch func(ctx context.Context, since uint64, token string) (network.Page, error)
	// hears marks the posts that do not mention the shop as heard (a
	// search finds them; the mentions never do).
	hears bool
	// backfills cuts a first read at Backfill posts (the mentions and
	// the own posts are bounded by the network's own window instead).
	backfills bool
	// dms files the source's posts as DMs: in the one-to-one DM
	// conversation with the other person, with the people the page names
	// (no thread, version or person looked up).
	dms bool
	// group is the source's rate-limit window ("" for none of its own:
	// a limited read ends the sync, and the poller waits).
	group string
	// refused says whether err is the network refusing the source for
	// good (a search's query, the app's DM permission) and remembers
	// why; nil for a source never refused so.
	refused func(err error) bool
}

// SyncOnce syncs every source: the mentions, the own posts, the DMs when
// due, then each search. A source the network refuses for good stops,
// with the network's words in the result's note, and the others go on;
// so does a source whose rate-limit window is spent; any other failure
// ends the sync.
func (p *Poller) SyncOnce(ctx context.Context) (Result, error) {
	var res Result
	for _, s := range p.sources() {
		if s.group != "" && p.resting(s.group) {
			continue
		}
		r, err := p.syncSource(ctx, s)
		res.Add(r)
		switch {
		case err == nil:
		case s.refused != nil && s.refused(err):
		case s.group != "" && p.rests(s.group, err, &res):
		default:
			return res, err
		}
	}
	for name, why := range p.refused {
		res.Refused = append(res.Refused, fmt.Sprintf("search %q stopped: %s refused its query: %s", name, p.title(), why))
	}
	if p.dmRefused != "" {
		res.Refused = append(res.Refused, "DMs stopped: "+p.dmRefused)
	}
	slices.Sort(res.Refused)
	res.Budget = p.budgetNote()
	return res, nil
}

// sources are the sources this sync reads, in order: the mentions, the
// own posts (when OwnBackfill asks for them), the DMs (when due and not
// refused), the searches not refused. A source a healthy push covers is
// read only every SafetyPoll (see Live).
func (p *Poller) sources() []source {
	var out []source
	if p.polls(MentionsSource, func() bool { return true }) {
		out = append(out, p.mentionSource())
	}
	if p.opts.OwnBackfill > 0 && p.polls(OwnSource, func() bool { return true }) {
		out = append(out, p.ownSource())
	}
	if p.dmRefused == "" && p.opts.DMInterval > 0 && p.polls(DMSource, p.dmsDue) {
		out = append(out, p.dmSource())
	}
	return append(out, p.searchSources()...)
}

// polls says whether this sync reads source: when a healthy push covers
// it, only when its safety poll is due; else when due says.
func (p *Poller) polls(source string, due func() bool) bool {
	if covered, safetyDue := p.pushCovers(source); covered {
		return safetyDue
	}
	return due()
}

// The sources besides the mentions that have a rate-limit window of
// their own (an endpoint's, shared by all the searches): when X limits
// one, it rests until the reset and the others go on. (A limited
// mentions read still ends the sync: the poller waits, as it always did.)
const (
	restDMs      = "DMs"
	restSearches = "searches"
)

// resting reports a source group waiting for its rate-limit reset.
func (p *Poller) resting(group string) bool { return p.opts.Now().Before(p.restUntil[group]) }

// rests sends a source group to rest when err is X's rate limit, and
// says so in res; false for any other err.
func (p *Poller) rests(group string, err error, res *Result) bool {
	retryAt, limited := network.IsRateLimited(err)
	if !limited {
		return false
	}
	p.restUntil[group] = retryAt
	res.Refused = append(res.Refused, group+" wait for X's rate limit until "+retryAt.Local().Format("15:04"))
	return true
}

func (p *Poller) mentionSource() source {
	return source{name: MentionsSource, label: model.MentionsSource, fetch: func(ctx context.Context, since uint64, token string) (network.Page, error) {
		return p.client.Mentions(ctx, p.account.ID, network.MentionsQuery{SinceID: since, Token: token, Max: 100})
	}}
}

// searchSources are the searches still polled (not refused by X).
func (p *Poller) searchSources() []source {
	var out []source
	for _, s := range p.opts.Searches {
		if _, refused := p.refused[s.Name]; refused {
			continue
		}
		query := s.Query
		name := s.Name
		out = append(out, source{name: SearchSource(name), label: name, search: name, hears: true, backfills: true, group: restSearches,
			fetch: func(ctx context.Context, since uint64, token string) (network.Page, error) {
				return p.client.SearchRecent(ctx, network.SearchQuery{Query: query, SinceID: since, Token: token, Max: 100})
			},
			refused: func(err error) bool {
				why, refused := network.IsQueryRefused(err)
				if refused {
					p.refused[name] = why
					p.opts.Log.Warn("the network refused a search's query: it stops", "network", p.title(), "search", name, "reason", why)
				}
				return refused
			}})
	}
	return out
}

// SearchSource is the source name, and cursor key, of a saved search.
func SearchSource(name string) string { return "search:" + name }

// syncSource fetches everything new of one source since its cursor,
// following X's paging procedure with an overlap (see Overlap): every
// page down to the cursor is stored before the cursor moves, and it
// moves, in the same transaction as the last page, to the highest id
// stored (never past the id of a post made now: see ceiling). Paging
// always ends: at X's last page, at a page with nothing new that reaches
// the cursor (the rest is stored already), at a token seen before, after
// MaxPages pages, or on a first read past Backfill posts. A page with
// nothing new above the cursor is what a sync interrupted between pages
// left: paging goes on to the older ones.
func (p *Poller) syncSource(ctx context.Context, src source) (Result, error) {
	ctx = spend.WithSource(ctx, p.scoped(src.label))
	cursor, err := p.store.Cursor(p.scoped(src.name))
	if err != nil {
		return Result{}, err
	}
	res := Result{Sources: []SourceResult{{Name: p.scoped(src.label)}}}
	if cursor == 0 && src.name == OwnSource {
		p.emit(ctx, FirstRead{Source: p.scoped(src.label), Since: p.opts.Now().Add(-p.opts.OwnBackfill)})
	}
	seen := map[string]bool{}
	floor, highest, token, read := sinceWithOverlap(cursor), cursor, "", 0
	var deferred []model.Post // posts of pages read whose parents a later page may bring
	for {
		if err := p.checkBudget(); err != nil { // page by page: a sync never runs far past it
			return res, err // the cursor stays: the pages not read are read when reading resumes
		}
		page, err := src.fetch(ctx, floor, token)
		if err != nil {
			return res, err
		}
		sent := len(page.Posts)
		reached := dropDown(&page, floor)
		earlier, versions, saved, err := p.complete(ctx, src, &page, cursor, &deferred)
		if err != nil {
			return res, err // nothing of the page is stored: the next sync reads it again
		}
		res.Pages++
		read += len(page.Posts)
		highest = max(highest, min(highestID(page), p.ceiling()))
		res.Cut = p.cut(page, seen, res.Pages)
		if res.Cut == "" && cursor == 0 && src.backfills && read >= p.opts.Backfill && page.NextToken != "" {
			res.Cut = fmt.Sprintf("first read of %s: the newest %d %s (backfill)", src.name, read, src.noun())
		}
		last := reached || page.NextToken == "" || res.Cut != ""
		added, err := p.put(ctx, src, filed{page, earlier, versions, saved, sent}, last, highest, &res)
		if err != nil {
			return res, err
		}
		if last {
			return res, nil // its transaction moved the cursor
		}
		if len(added) == 0 && reaches(page, cursor) {
			return res, p.moveCursor(p.scoped(src.name), highest, page.Cursor)
		}
		token = page.NextToken
	}
}

// complete reads what a page needs besides itself before it is stored:
// for the mentions, the posts above them X did not send (earlier, oldest
// first; not the own replies', which go where hark holds the
// conversation, nor a search's, paid for what never reached the shop),
// those above the cursor only with the sync's last page (deferred holds
// the posts that wait for it: a later page may bring their parents);
// the earlier versions of the page's edited posts that hark never held
// (versions); and the people of the page and of those posts that hark
// does not know (page.Users), with those it knew (saved, see people).
func (p *Poller) complete(ctx context.Context, src source, page *network.Page, cursor uint64, deferred *[]model.Post) (earlier, versions []model.Post, saved []spend.Use, err error) {
	if src.dms {
		return nil, nil, nil, nil // a DM page names its people; a DM has no thread or versions
	}
	if src.name == MentionsSource {
		above, floor := *page, cursor
		if page.NextToken == "" { // the last page: nothing more comes, everything missing is read
			above.Posts, floor, *deferred = slices.Concat(page.Posts, *deferred), noFloor, nil
		}
		var later []model.Post
		if earlier, later, err = p.ancestors(ctx, above, floor); err != nil {
			return nil, nil, nil, err
		}
		*deferred = append(*deferred, later...)
	}
	if versions, err = p.earlierVersions(ctx, *page); err != nil {
		return nil, nil, nil, err
	}
	page.Users, saved, err = p.people(ctx, network.Page{Posts: page.Posts, Referenced: slices.Concat(page.Referenced, earlier)})
	return earlier, versions, saved, err
}

// ceiling is the highest the cursor may go: the id of a post made now.
// An id beyond it is not X's (ids are snowflakes of their time), and a
// cursor past it would skip every real post until that time came.
func (p *Poller) ceiling() uint64 { return model.SnowflakeID(p.opts.Now(), 0x3FFFFF) }

// dropDown drops the posts of a page at or below floor, which a network
// that cannot be asked for posts since an id sends (X's DM events), and
// reports whether it did: the page reached what an earlier sync read.
func dropDown(page *network.Page, floor uint64) (reached bool) {
	if floor == 0 {
		return false
	}
	kept := page.Posts[:0:0]
	for _, post := range page.Posts {
		if post.ID <= floor {
			reached = true
			continue
		}
		kept = append(kept, post)
	}
	page.Posts = kept
	return reached
}

// noun is what the source reads, as a person says it.
func (src source) noun() string {
	if src.dms {
		return "DMs"
	}
	return "posts"
}

// sinceWithOverlap is the since_id that reaches Overlap behind cursor.
func sinceWithOverlap(cursor uint64) uint64 {
	if cursor <= overlapIDs {
		return 0
	}
	return cursor - overlapIDs
}

// reaches reports a page whose oldest post is at or below the cursor.
func reaches(page network.Page, cursor uint64) bool {
	for _, post := range page.Posts {
		if post.ID <= cursor {
			return true
		}
	}
	return false
}

// highestID is the highest id on a page: its posts and the records it
// skipped, so that the cursor moves past a malformed record.
func highestID(page network.Page) uint64 {
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
func (p *Poller) cut(page network.Page, seen map[string]bool, pages int) string {
	switch {
	case page.NextToken == "":
		return ""
	case seen[page.NextToken]:
		return fmt.Sprintf("%s sent a page token it had sent before, after %d pages: stopped paging; older posts may be missing", p.title(), pages)
	case pages >= p.opts.MaxPages:
		return fmt.Sprintf("stopped after %d pages, the most one sync reads; older posts may be missing", pages)
	}
	seen[page.NextToken] = true
	return ""
}

// moveCursor moves a source's cursor after a sync that ended at a page
// with nothing new, before X's last page.
func (p *Poller) moveCursor(name string, highest uint64, netCursor string) error {
	_, err := p.store.Put(store.Batch{Source: name, Cursor: highest, NetCursor: netCursor})
	return err
}
