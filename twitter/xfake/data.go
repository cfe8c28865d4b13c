package xfake

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/harkhq/hark/model"
)

// Scenario is what the simulated X holds at start.
type Scenario struct {
	// Account is the user whose credentials hark uses.
	Account model.User
	Users   []model.User
	// Posts, in any order; zero ids and times are filled in oldest first.
	Posts []model.Post
	// ClosedDMs are the users who accept no direct messages from the shop.
	ClosedDMs []uint64
	// DMs are the direct messages sent before, in any order; only the
	// sender, recipient, text and time need be set.
	DMs []DM
	// MoreAccounts are the shop's other accounts (a help desk, a
	// region), each signed in with AccountToken's credentials.
	MoreAccounts []model.User
}

// AccountToken is the access token and secret of one of a scenario's
// MoreAccounts (the app's keys are the scenario's).
func AccountToken(u model.User) (token, secret string) {
	return "token-" + u.Username, "secret-" + u.Username
}

// DM is a direct message sent through the simulated X.
type DM struct {
	EventID, ConversationID string
	SenderID, RecipientID   uint64
	Text                    string
	CreatedAt               time.Time
}

// store is the server's data; the Server's mutex guards it.
type store struct {
	self      uint64
	users     map[uint64]model.User
	posts     map[uint64]model.Post
	seq       uint64
	dms       []DM
	closedDMs map[uint64]bool
	// accounts are the shop's accounts by access token, beside self (the
	// scenario's Account, whose token is the Secrets').
	accounts map[string]uint64
	// ours are every account of the shop, self included.
	ours map[uint64]bool
}

func newStore(sc Scenario) *store {
	d := &store{self: sc.Account.ID, users: map[uint64]model.User{sc.Account.ID: sc.Account}, posts: map[uint64]model.Post{}, closedDMs: map[uint64]bool{}}
	for _, id := range sc.ClosedDMs {
		d.closedDMs[id] = true
	}
	for _, u := range sc.Users {
		d.users[u.ID] = u
	}
	d.accounts, d.ours = map[string]uint64{}, map[uint64]bool{sc.Account.ID: true}
	for _, u := range sc.MoreAccounts {
		token, _ := AccountToken(u)
		d.users[u.ID], d.accounts[token], d.ours[u.ID] = u, u.ID, true
	}
	for _, p := range sc.Posts {
		d.add(p, p.CreatedAt)
	}
	dms := slices.Clone(sc.DMs)
	slices.SortStableFunc(dms, func(a, b DM) int { return a.CreatedAt.Compare(b.CreatedAt) })
	for _, dm := range dms {
		d.addDM(dm, dm.CreatedAt)
	}
	return d
}

// addDM stores a DM, filling in its event id, conversation and time; DMs
// are kept oldest first.
func (d *store) addDM(dm DM, now time.Time) DM {
	if dm.CreatedAt.IsZero() {
		dm.CreatedAt = now
	}
	dm.CreatedAt = dm.CreatedAt.UTC().Truncate(time.Millisecond)
	d.seq++
	dm.EventID = model.FormatID(model.SnowflakeID(dm.CreatedAt, d.seq))
	a, b := min(dm.SenderID, dm.RecipientID), max(dm.SenderID, dm.RecipientID)
	dm.ConversationID = model.FormatID(a) + "-" + model.FormatID(b)
	d.dms = append(d.dms, dm)
	return dm
}

// add stores p, filling in its id, time and conversation.
func (d *store) add(p model.Post, now time.Time) model.Post {
	if p.CreatedAt.IsZero() {
		p.CreatedAt = now
	}
	p.CreatedAt = p.CreatedAt.UTC().Truncate(time.Millisecond)
	if p.ID == 0 {
		d.seq++
		p.ID = model.SnowflakeID(p.CreatedAt, d.seq)
	}
	if parent, ok := d.posts[p.InReplyToID]; ok {
		p.ConversationID = parent.ConversationID
		p.InReplyToUser = parent.AuthorID
	}
	if p.ConversationID == 0 {
		p.ConversationID = p.ID
	}
	p.Kind = model.Mention
	if d.ours[p.AuthorID] {
		p.Kind = model.Reply
	}
	d.posts[p.ID] = p
	return p
}

func (d *store) remove(id uint64) { delete(d.posts, id) }

// all returns the posts oldest first.
func (d *store) all() []model.Post {
	out := make([]model.Post, 0, len(d.posts))
	for _, p := range d.posts {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b model.Post) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// mentionsOf returns the posts that @mention user, newest first.
func (d *store) mentionsOf(user model.User) []model.Post {
	var out []model.Post
	handle := "@" + strings.ToLower(user.Username)
	for _, p := range d.posts {
		if p.AuthorID != user.ID && shown(p) && mentions(strings.ToLower(p.Text), handle) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b model.Post) int { return cmp.Compare(b.ID, a.ID) })
	return out
}

// postsBy returns the posts user wrote, newest first.
func (d *store) postsBy(user uint64) []model.Post {
	var out []model.Post
	for _, p := range d.posts {
		if p.AuthorID == user && shown(p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b model.Post) int { return cmp.Compare(b.ID, a.ID) })
	return out
}

// mentions reports whether text holds handle as a whole @mention.
func mentions(text, handle string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], handle)
		if j < 0 {
			return false
		}
		end := i + j + len(handle)
		if end == len(text) || !isHandleByte(text[end]) {
			return true
		}
		i = end
	}
}

func isHandleByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}
