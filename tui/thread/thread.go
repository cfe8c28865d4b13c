// Package thread shows one conversation from the store, oldest first, with
// the shop's own replies inline.
package thread

import (
	"slices"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/outbox"
	"github.com/harkhq/hark/presence"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/bind"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
)

// Model is the thread pane.
type Model struct {
	common *common.Common
	// focused tells whether the pane has the keys.
	focused bool
	vp      viewport.Model
	convID  uint64
	// focus is the post opened at (a search result), 0 for the newest;
	// focusLine is the line its header is on, as last rendered. The
	// first reading after Open scrolls to it (opened); later ones, as
	// posts arrive, to the newest post.
	focus     uint64
	focusLine int
	opened    bool
	// shown is the conversation whose reading the pane shows (convID's
	// once its answer came, even a failed one); see Loading.
	shown uint64
	// earlier shows the texts edited posts had before.
	earlier bool
	// postLines are the lines each post starts on, as last rendered.
	postLines []int
	// hintsHidden dismisses the hints under customers' posts.
	hintsHidden bool
	content
	width  int
	height int
	// claims are the team's: who is replying where (empty alone). Not
	// content: they come from the board, not with a reading.
	claims presence.Claims
}

// content is what the pane shows of a conversation, as read.
type content struct {
	conv  store.Conversation
	posts []model.Post
	notes []store.Note
	// pending are this conversation's items still in the outbox.
	pending []store.Item
	users   map[uint64]model.User
	// moreOpen counts the customer's other open conversations; a floor
	// when moreFloor (see store.Row.MoreOpen).
	moreOpen  int
	moreFloor bool
}

// New returns an empty thread pane.
func New(c *common.Common) Model {
	return Model{common: c, vp: viewport.New(), content: content{users: map[uint64]model.User{}}}
}

// loadedMsg is a conversation read from the store.
type loadedMsg struct {
	convID uint64
	content
	err error
}

// Open shows a conversation at one of its posts (0: the newest); the
// returned command reads it.
func (m *Model) Open(convID, postID uint64) tea.Cmd {
	m.convID, m.focus, m.opened = convID, postID, true
	return load(m.common.Store, convID)
}

// Reload reads the shown conversation again.
func (m Model) Reload() tea.Cmd {
	if m.convID == 0 {
		return nil
	}
	return load(m.common.Store, m.convID)
}

// ConversationID is the conversation shown, 0 for none.
func (m Model) ConversationID() uint64 { return m.convID }

// Loading reports a conversation opened whose reading has not come yet:
// what the pane shows (and what r, d or n would act on) is not it.
func (m Model) Loading() bool { return m.convID != 0 && m.shown != m.convID }

// CustomerID is the customer of the conversation shown, 0 for none.
func (m Model) CustomerID() uint64 { return m.conv.CustomerID }

func load(st *store.Store, convID uint64) tea.Cmd {
	return func() tea.Msg {
		posts, err := st.Thread(convID)
		if err != nil {
			return loadedMsg{convID: convID, err: err}
		}
		conv, _, err := st.Conversation(convID)
		if err != nil {
			return loadedMsg{convID: convID, err: err}
		}
		notes, err := st.Notes(convID)
		if err != nil {
			return loadedMsg{convID: convID, err: err}
		}
		items, err := st.Outbox(store.Queued, store.Sending, store.Failed)
		if err != nil {
			return loadedMsg{convID: convID, err: err}
		}
		var pending []store.Item
		for _, it := range items {
			if it.ConversationID == convID {
				pending = append(pending, it)
			}
		}
		var ids []uint64
		for _, p := range posts {
			ids = append(ids, p.AuthorID, p.InReplyToUser)
		}
		users, err := st.People(ids)
		if err != nil {
			return loadedMsg{convID: convID, err: err}
		}
		more, floor, err := st.MoreOpen(conv)
		if err != nil {
			return loadedMsg{convID: convID, err: err}
		}
		return loadedMsg{convID: convID, content: content{conv: conv, posts: posts, notes: notes, pending: pending, users: users,
			moreOpen: more, moreFloor: floor}}
	}
}

// SetSize sets the pane's size in cells.
func (m *Model) SetSize(w, h int) {
	atBottom := m.vp.AtBottom()
	m.width, m.height = w, max(h, 2)
	m.vp.SetWidth(w)
	m.vp.SetHeight(m.height - 1)
	m.render()
	if atBottom || m.vp.PastBottom() {
		m.vp.GotoBottom() // keep the newest post in sight as the pane changes
	}
}

// scrollToFocus shows the post the thread was just opened at from its
// header down, or else the newest post.
func (m *Model) scrollToFocus() {
	if m.focus == 0 || !m.opened {
		m.vp.GotoBottom()
		return
	}
	m.opened = false
	m.vp.SetYOffset(m.focusLine)
}

// Account is the shop's account the conversation shown belongs to (its
// X user id; 0 when it names none).
func (m Model) Account() uint64 { return m.conv.Account }

// ReplyTarget is the post a reply answers (outbox.ReplyTarget's rule)
// and its author.
func (m Model) ReplyTarget() (model.Post, model.User, bool) {
	p, ok := outbox.ReplyTarget(m.posts)
	return p, m.users[outbox.Recipient(p)], ok
}

// Update handles loaded threads and scrolling keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.convID != m.convID {
			return m, nil // an answer for a thread no longer shown
		}
		m.shown = msg.convID
		if msg.err != nil {
			return m, func() tea.Msg { return common.ErrorMsg{Err: msg.err} }
		}
		m.content = msg.content
		m.render()
		m.scrollToFocus()
		id := m.convID
		return m, func() tea.Msg { return common.ThreadLoadedMsg{ConversationID: id} }
	case tea.KeyPressMsg:
		next, cmd, _ := bindings().Dispatch(m, m.common.Keys, msg)
		return next, cmd
	}
	return m, nil
}

// Bindings lists the thread's keys as help and the hint bar see them.
func (m Model) Bindings() []bind.Shown { return bindings().Show(m) }

// Actions lists every key action of the thread, for the conflict check.
func Actions() []keys.Action { return bindings().Actions() }

// bindings are the thread's keys.
func bindings() bind.List[Model] {
	return bind.List[Model]{
		{Action: keys.Up, Do: scroll((*viewport.Model).ScrollUp, 1)},
		{Action: keys.Down, Do: scroll((*viewport.Model).ScrollDown, 1)},
		{Action: keys.Top, Do: goTo(func(vp *viewport.Model) { vp.GotoTop() })},
		{Action: keys.Bottom, Do: goTo(func(vp *viewport.Model) { vp.GotoBottom() })},
		{Action: keys.PageUp, Do: goTo((*viewport.Model).HalfPageUp)},
		{Action: keys.PageDown, Do: goTo((*viewport.Model).HalfPageDown)},
		{Action: keys.Reply, Do: Model.reply, When: Model.hasPosts, Hint: true},
		{Action: keys.DM, Do: Model.dm, When: Model.hasPosts, Hint: true},
		{Action: keys.Versions, Do: Model.toggleEarlier, When: Model.hasEdits, Hint: true},
		{Action: keys.ToggleHints, Do: Model.toggleHints, When: Model.hasPosts},
		{Action: keys.NextPost, Do: Model.nextPost, When: Model.hasPosts},
		{Action: keys.PrevPost, Do: Model.prevPost, When: Model.hasPosts},
	}
}

func scroll(f func(*viewport.Model, int), n int) func(Model) (Model, tea.Cmd) {
	return func(m Model) (Model, tea.Cmd) {
		f(&m.vp, n)
		return m, nil
	}
}

func goTo(f func(*viewport.Model)) func(Model) (Model, tea.Cmd) {
	return func(m Model) (Model, tea.Cmd) {
		f(&m.vp)
		return m, nil
	}
}

// Scroll scrolls the thread three lines, down or up (the mouse wheel).
func (m Model) Scroll(down bool) (Model, tea.Cmd) {
	if down {
		m.vp.ScrollDown(3)
	} else {
		m.vp.ScrollUp(3)
	}
	return m, nil
}

func (m Model) hasPosts() bool { return len(m.posts) > 0 }

// toggleHints hides the hints under customers' posts, or shows them
// again: a guess the owner has read and disagrees with need not stay.
func (m Model) toggleHints() (Model, tea.Cmd) {
	m.hintsHidden = !m.hintsHidden
	m.render()
	return m, nil
}

// nextPost scrolls to the next post's first line.
func (m Model) nextPost() (Model, tea.Cmd) {
	for _, l := range m.postLines {
		if l > m.vp.YOffset() {
			m.vp.SetYOffset(l)
			break
		}
	}
	return m, nil
}

// prevPost scrolls to the start of the post above.
func (m Model) prevPost() (Model, tea.Cmd) {
	for i := len(m.postLines) - 1; i >= 0; i-- {
		if l := m.postLines[i]; l < m.vp.YOffset() {
			m.vp.SetYOffset(l)
			break
		}
	}
	return m, nil
}

// hasEdits says whether a post shown was edited.
func (m Model) hasEdits() bool { return slices.ContainsFunc(m.posts, model.Post.Edited) }

// toggleEarlier shows or hides what edited posts said before.
func (m Model) toggleEarlier() (Model, tea.Cmd) {
	m.earlier = !m.earlier
	m.render()
	return m, nil
}

func (m Model) reply() (Model, tea.Cmd) { return m, m.replyTo(false) }
func (m Model) dm() (Model, tea.Cmd)    { return m, m.replyTo(true) }

// replyTo asks the root for the composer on the post a reply answers.
func (m Model) replyTo(dm bool) tea.Cmd {
	to, _, ok := m.ReplyTarget()
	if !ok {
		return nil
	}
	return func() tea.Msg { return common.ReplyMsg{To: to, DM: dm} }
}

// SetFocus tells the pane whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// SetClaims says who of the team is replying where (hark serve).
func (m *Model) SetClaims(c presence.Claims) { m.claims = c }

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}
