package inbox

import (
	"strings"

	"github.com/harkhq/hark/store"
)

// rowCache keeps rows as last drawn: a key moves the cursor over two
// rows, so the others are drawn as before (a row's styles take most of a
// keystroke's time). Shared by the model's copies; bounded.
type rowCache struct{ lines map[rowKey]string }

// maxCachedRows bounds the cache: a few screens of rows.
const maxCachedRows = 512

// rowKey is everything a row's drawing depends on.
type rowKey struct {
	conv, last, latest           uint64
	unread, posts, width         int
	status, tags, text, who, age string
	view                         store.View
	snooze                       int64
	account                      uint64
	more                         string
	assignee, replying, lastBy   string
	woken, marked, failed, draft bool
	selected, focused, lastOurs  bool
}

// cachedRow draws a row, or gives it as drawn before.
func (m Model) cachedRow(row store.Row, selected bool) string {
	c := row.Conversation
	k := rowKey{
		conv: c.ID, last: row.Last.ID, latest: row.Last.Latest, unread: c.Unread, posts: c.Posts, width: m.width,
		status: string(c.Status), tags: strings.Join(c.Tags, "\x00"), text: row.Last.Text, who: row.Customer.Username,
		age: m.age(row), view: m.view, snooze: c.SnoozeUntil.UnixNano(), account: c.Account,
		woken: c.Woken, marked: m.marked[c.ID], failed: m.failed[c.ID], draft: m.drafts[c.ID] != "",
		assignee: c.Assignee, replying: m.replying(c.ID), lastBy: row.Last.By,
		selected: selected, focused: m.focused, lastOurs: row.Last.Kind.Ours(), more: moreOpen(row),
	}
	if m.rowCache == nil {
		return m.renderRow(row, selected)
	}
	if line, ok := m.rowCache.lines[k]; ok {
		return line
	}
	if len(m.rowCache.lines) >= maxCachedRows {
		clear(m.rowCache.lines)
	}
	line := m.renderRow(row, selected)
	m.rowCache.lines[k] = line
	return line
}
