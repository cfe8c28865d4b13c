package store

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/harkhq/hark/store/internal/index"

	bolt "go.etcd.io/bbolt"
)

// Status is where a conversation stands.
type Status string

// The statuses.
const (
	StatusOpen    Status = "open"    // the customer waits for us
	StatusWaiting Status = "waiting" // we answered; the customer has the ball
	StatusDone    Status = "done"    // nothing more to do
	// StatusHeard is a conversation found by a search, that never
	// addressed the shop: it waits in the Heard view until the owner
	// brings it into the inbox (open) or dismisses it (done).
	StatusHeard Status = "heard"
	// StatusOwn is a conversation in which no one has spoken to the shop
	// yet: the shop's own post (an announcement, read from its timeline),
	// or posts kept for context. It is in no view, not even All, until
	// someone speaks to the shop there; then it is open, what came
	// before shown in its thread.
	StatusOwn Status = "own"
)

// SettableStatuses are the statuses the owner (`hark status`, the TUI)
// and a rule may set, in the order they are offered; heard and own are
// where a conversation starts, never set.
var SettableStatuses = []Status{StatusOpen, StatusWaiting, StatusDone}

// ParseStatus reads the name of a settable status.
func ParseStatus(s string) (Status, bool) {
	st := Status(s)
	return st, slices.Contains(SettableStatuses, st)
}

// SettableNames names the settable statuses joined by sep, the last by
// last: ("|", "|") for a usage line, (", ", " or ") for a refusal.
func SettableNames(sep, last string) string {
	names := make([]string, len(SettableStatuses))
	for i, st := range SettableStatuses {
		names[i] = string(st)
	}
	n := len(names)
	return strings.Join(names[:n-1], sep) + last + names[n-1]
}

// View is one of the inbox's lists.
type View string

// The views, in the order of their keys (1 to 8).
const (
	ViewInbox     View = "inbox"     // open and not snoozed
	ViewQuestions View = "questions" // open questions
	ViewUnread    View = "unread"
	ViewWaiting   View = "waiting"
	ViewSnoozed   View = "snoozed"
	ViewDone      View = "done"
	ViewAll       View = "all"
	ViewHeard     View = "heard" // found by a search, not addressed to the shop
)

// Views lists the views in order.
var Views = []View{ViewInbox, ViewQuestions, ViewUnread, ViewWaiting, ViewSnoozed, ViewDone, ViewAll, ViewHeard}

// ViewNames are the views' names in order, as a command line takes them.
func ViewNames() []string {
	out := make([]string, len(Views))
	for i, v := range Views {
		out[i] = string(v)
	}
	return out
}

// ParseView reads a view name.
func ParseView(s string) (View, bool) {
	v := View(s)
	return v, slices.Contains(Views, v)
}

func viewBucket(v View) []byte {
	base, _ := v.Scope()
	return []byte(viewPrefix + string(base))
}

// For is the view narrowed to the conversations of one of the shop's
// accounts (its X user id): a view per account, read from the view's own
// list; 0 is the view itself.
func (v View) For(account uint64) View {
	base, _ := v.Scope()
	if account == 0 {
		return base
	}
	return View(string(base) + "@" + strconv.FormatUint(account, 10))
}

// Scope splits a view into the view it narrows and the account it
// narrows it to (0 for none).
func (v View) Scope() (View, uint64) {
	base, acct, ok := strings.Cut(string(v), "@")
	if !ok {
		return v, 0
	}
	id, _ := strconv.ParseUint(acct, 10, 64)
	return View(base), id
}

func viewBuckets() [][]byte {
	out := make([][]byte, len(Views))
	for i, v := range Views {
		out[i] = viewBucket(v)
	}
	return out
}

// Conversation is what the store keeps about one thread.
type Conversation struct {
	ID uint64 `json:"id"`
	// LastPostID is the newest post.
	LastPostID uint64    `json:"last_post_id"`
	LastAt     time.Time `json:"last_at"`
	// SortKey orders the lists, newest first: the newest post's id, or a
	// later wake-up's.
	SortKey uint64 `json:"sort_key"`
	// CustomerID is the author of the newest post that is not ours.
	CustomerID uint64 `json:"customer_id,omitempty"`
	Posts      int    `json:"posts"`
	// Unread counts posts from others not yet seen.
	Unread int    `json:"unread"`
	Status Status `json:"status"`
	// Question is true when the customer's newest post asks something.
	Question    bool      `json:"question,omitempty"`
	Tags        []string  `json:"tags,omitempty"`
	SnoozeUntil time.Time `json:"snooze_until,omitzero"`
	// Woken marks a conversation back from a snooze, until it is handled.
	Woken bool `json:"woken,omitempty"`
	// DoneAt is when it was last marked done (10), for the service
	// report's time to done.
	DoneAt time.Time `json:"done_at,omitzero"`
	// StatusSetAt is when the owner last set the status by hand: a post
	// from before it, read late (the shop's replies from X's app on the
	// first read of its timeline), does not change the status.
	StatusSetAt time.Time `json:"status_set_at,omitzero"`
	// Account is the shop's account the conversation reached (11): the
	// one that answers it, by its X user id.
	Account uint64 `json:"account,omitempty"`
	// StatusBy is the person of the team who last set the status by hand
	// (17); "" the owner alone, or a rule.
	StatusBy string `json:"status_by,omitempty"`
	// Assignee is the person of the team the conversation is given to
	// (17), AssignedBy who gave it; "" for nobody.
	Assignee   string `json:"assignee,omitempty"`
	AssignedBy string `json:"assigned_by,omitempty"`
}

// Snoozed reports whether the conversation is out of the inbox for now.
func (c Conversation) Snoozed() bool { return !c.SnoozeUntil.IsZero() }

// In reports whether the conversation belongs in a view.
func (c Conversation) In(v View) bool {
	switch v {
	case ViewInbox:
		return c.Status == StatusOpen && !c.Snoozed()
	case ViewQuestions:
		return c.Status == StatusOpen && !c.Snoozed() && c.Question
	case ViewUnread:
		return c.Unread > 0
	case ViewWaiting:
		return c.Status == StatusWaiting && !c.Snoozed()
	case ViewSnoozed:
		return c.Snoozed()
	case ViewDone:
		return c.Status == StatusDone && !c.Snoozed()
	case ViewHeard:
		return c.Status == StatusHeard && !c.Snoozed()
	}
	return v == ViewAll && c.Status != StatusOwn
}

// loadConversation reads one conversation; found is false for none.
func loadConversation(tx *bolt.Tx, id uint64) (c Conversation, found bool, err error) {
	found, err = getJSON(tx.Bucket(bucketConvs), idKey(id), &c)
	return c, found, err
}

// saveConversation writes c and moves it between the view indexes, the
// snooze schedule and the tag counts by what changed since old (nil for a
// new conversation). Every change of a conversation goes through here.
func saveConversation(tx *bolt.Tx, ix *index.Index, old *Conversation, c Conversation) error {
	var prev Conversation
	if old != nil {
		prev = *old
	}
	meta := tx.Bucket(bucketMeta)
	for _, v := range Views {
		was, is := old != nil && prev.In(v), c.In(v)
		moved := prev.SortKey != c.SortKey
		b := tx.Bucket(viewBucket(v))
		if was && (!is || moved) {
			if err := b.Delete(pairKey(prev.SortKey, c.ID)); err != nil {
				return err
			}
		}
		if is && (!was || moved) {
			b.FillPercent = appendFill
			if err := b.Put(pairKey(c.SortKey, c.ID), nil); err != nil {
				return err
			}
		}
		if was != is {
			if err := addCount(meta, metaCountPrefix+string(v), is); err != nil {
				return err
			}
		}
	}
	if err := reschedule(tx, prev, c); err != nil {
		return err
	}
	if err := refileMine(tx, prev, c, false); err != nil {
		return err
	}
	if err := recountTags(tx, prev.Tags, c.Tags); err != nil {
		return err
	}
	if err := retagPosts(tx, ix, c.ID, prev.Tags, c.Tags); err != nil {
		return err
	}
	return putJSON(tx.Bucket(bucketConvs), idKey(c.ID), c)
}

// reschedule keeps the snooze schedule in step with the wake-up time.
func reschedule(tx *bolt.Tx, prev, c Conversation) error {
	if prev.SnoozeUntil.Equal(c.SnoozeUntil) {
		return nil
	}
	due := tx.Bucket(bucketSnoozeDue)
	if prev.Snoozed() {
		if err := due.Delete(pairKey(uint64(prev.SnoozeUntil.UnixNano()), c.ID)); err != nil {
			return err
		}
	}
	if c.Snoozed() {
		return due.Put(pairKey(uint64(c.SnoozeUntil.UnixNano()), c.ID), nil)
	}
	return nil
}

func recountTags(tx *bolt.Tx, before, after []string) error {
	tags := tx.Bucket(bucketTags)
	for _, t := range before {
		if !slices.Contains(after, t) {
			if n := getUint(tags, t); n <= 1 {
				if err := tags.Delete([]byte(t)); err != nil {
					return err
				}
			} else if err := putUint(tags, t, n-1); err != nil {
				return err
			}
		}
	}
	for _, t := range after {
		if !slices.Contains(before, t) {
			if err := putUint(tags, t, getUint(tags, t)+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func addCount(meta *bolt.Bucket, key string, up bool) error {
	n := getUint(meta, key)
	if up {
		return putUint(meta, key, n+1)
	}
	if n == 0 {
		return nil
	}
	return putUint(meta, key, n-1)
}
