// Package searchview is search in the TUI: a query line whose results
// follow the typing, newest first with the matched words highlighted, kept
// as the current view on enter.
package searchview

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/cursor"
	"github.com/harkhq/hark/tui/layout"
	"github.com/harkhq/hark/when"
)

// debounce is how long typing must pause before a search runs.
const debounce = 150 * time.Millisecond

// pageSize is how many results a search reads at a time.
const pageSize = 50

// Model is the search pane.
type Model struct {
	common *common.Common
	// focused tells whether the pane has the keys.
	focused bool
	input   textinput.Model
	editing bool // the query line has the keys
	seq     int  // the latest query's number; older answers are dropped
	// cancel stops the search running, once a newer query makes its
	// answer useless (a phrase of common words can take long).
	cancel context.CancelFunc
	query  string
	hits   []store.Hit
	more   bool
	err    string
	// tag and tagged: the tag named as the query's word, and how many
	// conversations carry it (see tagHint).
	tag    string
	tagged uint64
	cursor int
	offset int
	// marked are the conversations marked for a bulk action, as in the
	// inbox: a kept search is a queue of conversations too.
	marked map[uint64]bool
	width  int
	height int
}

// debounceMsg fires when typing paused; resultsMsg carries an answer.
type (
	debounceMsg struct{ seq int }
	resultsMsg  struct {
		seq    int
		hits   []store.Hit
		append bool
		err    error
		// tagged is how many conversations carry a tag named as the
		// query's one word: rows show tags as #refund, and a word
		// searches the posts' text, not the tags (tag:refund does).
		tagged uint64
		tag    string
	}
)

// KeptMsg tells that a search was kept as the current view.
type KeptMsg struct{ Query string }

// New returns a closed search pane.
func New(c *common.Common) Model {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = `words "a phrase" from:handle tag:refund is:unread since:7d`
	in.SetStyles(c.Styles.Input)
	return Model{common: c, input: in}
}

// Open starts a search, from a query if one is given (a saved view).
func (m *Model) Open(query string) tea.Cmd {
	m.editing, m.hits, m.err, m.cursor, m.offset, m.marked = query == "", nil, "", 0, 0, nil
	m.input.SetValue(query)
	m.input.CursorEnd()
	cmds := []tea.Cmd{m.input.Focus()}
	if query != "" {
		m.input.Blur()
		cmds = append(cmds, m.run())
	}
	return tea.Batch(cmds...)
}

// Selected returns the result under the cursor.
func (m Model) Selected() (store.Hit, bool) {
	if m.cursor < len(m.hits) {
		return m.hits[m.cursor], true
	}
	return store.Hit{}, false
}

// Marked returns the marked conversations, or none.
func (m Model) Marked() []uint64 { return common.Marked(m.marked) }

// MarkedCount is how many conversations are marked.
func (m Model) MarkedCount() int { return len(m.marked) }

// ClearMarks unmarks everything.
func (m *Model) ClearMarks() { m.marked = nil }

// MoveOn moves the cursor past the results of a conversation just dealt
// with, when it is on one: the next conversation is what comes next.
func (m *Model) MoveOn(convID uint64) {
	if h, ok := m.Selected(); !ok || h.Post.ConversationID != convID {
		return
	}
	for i := m.cursor + 1; i < len(m.hits); i++ {
		if m.hits[i].Post.ConversationID != convID {
			m.cursor = i
			m.scroll()
			return
		}
	}
}

// Reload runs the search shown again from the newest, keeping the
// cursor's place: the conversations' states changed.
func (m *Model) Reload() tea.Cmd {
	if m.query == "" || m.editing {
		return nil
	}
	m.seq++
	return m.fetch(0, false)
}

// Query is the search shown.
func (m Model) Query() string { return m.query }

// Editing reports whether the query line has the keys.
func (m Model) Editing() bool { return m.editing }

// SetSize sets the pane's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, max(h, 3)
	m.input.SetWidth(max(10, w-2))
}

// Update handles typing, answers and moving through results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case debounceMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		return m, m.run()
	case resultsMsg:
		return m.apply(msg), nil
	case tea.KeyPressMsg:
		if next, cmd, ok := bindings().Dispatch(m, m.common.Keys, msg); ok {
			return next, cmd
		}
		if m.editing {
			return m.typed(msg)
		}
	}
	return m, nil
}

// typed edits the query; the search runs once typing pauses.
func (m Model) typed(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return m, cmd
	}
	m.seq++
	m.Stop()
	seq := m.seq
	return m, tea.Batch(cmd, tea.Tick(debounce, func(time.Time) tea.Msg { return debounceMsg{seq: seq} }))
}

// run searches for the query line's text from the newest.
func (m *Model) run() tea.Cmd {
	m.query = strings.TrimSpace(m.input.Value())
	m.cursor, m.offset = 0, 0
	if m.query == "" {
		m.hits, m.err = nil, ""
		return nil
	}
	return m.fetch(0, false)
}

// fetch reads a page of results below before, stopping the search that
// ran before it.
func (m *Model) fetch(before uint64, appendTo bool) tea.Cmd {
	m.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	st, seq, q, now := m.common.Store, m.seq, m.query, m.common.Now()
	return func() tea.Msg {
		defer cancel()
		node, err := search.Parse(q)
		if err != nil {
			return resultsMsg{seq: seq, err: err}
		}
		hits, err := st.Search(ctx, node, before, pageSize, now)
		msg := resultsMsg{seq: seq, hits: hits, append: appendTo, err: err}
		if err == nil && !appendTo {
			msg.tag, msg.tagged, msg.err = st.TagNamedBy(node)
		}
		return msg
	}
}

// Stop cancels the search running, if any.
func (m *Model) Stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
}

// apply shows an answer, unless a newer query has been typed since.
func (m Model) apply(msg resultsMsg) Model {
	if msg.seq != m.seq || errors.Is(msg.err, context.Canceled) {
		return m
	}
	if msg.err != nil {
		m.err = msg.err.Error()
		return m
	}
	m.err = ""
	if !msg.append {
		m.tag, m.tagged = msg.tag, msg.tagged
	}
	if msg.append {
		m.hits = append(m.hits, msg.hits...)
		m.cursor = min(m.cursor+1, len(m.hits)-1)
	} else {
		m.hits = msg.hits
		m.cursor = cursor.Clamp(m.cursor, len(m.hits))
	}
	m.more = len(msg.hits) == pageSize
	m.scroll()
	return m
}

// scroll keeps the cursor on screen.
func (m *Model) scroll() {
	rows := m.rows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
}

func (m Model) rows() int { return max(1, m.height-2) }

// View draws the query line, then the results.
func (m Model) View() string {
	st := m.common.Styles
	lines := []string{m.input.View()}
	switch {
	case m.err != "":
		lines = append(lines, st.Error.Render(m.err))
	case m.query == "":
		lines = append(lines, st.TitleDim.Render("type to search every stored post; enter keeps the results"))
	case len(m.hits) == 0:
		lines = append(lines, st.Empty.Render("nothing matches")+m.tagHint())
	default:
		count := strconv.Itoa(len(m.hits)) + " results"
		switch {
		case m.more:
			count = strconv.Itoa(len(m.hits)) + "+ results"
		case len(m.hits) == 1:
			count = "1 result"
		}
		lines = append(lines, st.TitleDim.Render(count+", newest first")+m.tagHint())
	}
	for i := m.offset; i < len(m.hits) && i < m.offset+m.rows(); i++ {
		lines = append(lines, m.row(m.hits[i], i == m.cursor))
	}
	return layout.Fit(strings.Join(lines, "\n"), m.width, m.height)
}

// tagHint points from a word to the tag of that name, when
// conversations carry it: " · tag:refund for the 3 conversations tagged so".
func (m Model) tagHint() string {
	if m.tagged == 0 {
		return ""
	}
	what := fmt.Sprintf("%d conversations", m.tagged)
	if m.tagged == 1 {
		what = "1 conversation"
	}
	return m.common.Styles.TitleDim.Render(" · tag:" + m.tag + " for the " + what + " tagged so")
}

// row draws a result: marked or not, its author, its conversation's
// status, its age, and its text with the matched words highlighted.
func (m Model) row(h store.Hit, selected bool) string {
	st := m.common.Styles
	tick := "  "
	if m.marked[h.Post.ConversationID] {
		tick = "✓ "
	}
	head := tick + layout.Line("@"+h.Author.Username, 16) + " " + layout.Line(string(h.Conversation.Status), 7) + " " +
		fmt.Sprintf("%*s", when.AgeWidth, when.Age(m.common.Now(), h.Post.CreatedAt)) + " "
	text, marks := excerpt(h.Post.Text, h.Marks)
	if selected {
		return st.RowSelected.Render(layout.Line(head+flat(text), m.width))
	}
	mark := func(s string) string { return st.Mark.Render(s) }
	return layout.Line(head+flat(search.Highlight(text, marks, mark)), m.width)
}

// leadIn is how many bytes of text an excerpt keeps before the first
// word matched.
const leadIn = 24

// excerpt is the part of a result's text a narrow row shows: from a
// little before the first word matched (cut at a word, marked "…"),
// never opening on the @handles a reply starts with; marks shift with
// it.
func excerpt(text string, marks [][2]int) (string, [][2]int) {
	start := 0
	for _, w := range strings.Fields(text) { // the leading @handles, as X's lists hide them
		if !strings.HasPrefix(w, "@") {
			break
		}
		start = strings.Index(text[start:], w) + start + len(w)
	}
	if len(marks) > 0 && marks[0][0] < start {
		start = 0 // a handle matched: keep it
	}
	prefix := ""
	if len(marks) > 0 && marks[0][0]-start > leadIn {
		cut := marks[0][0] - leadIn
		if sp := strings.IndexByte(text[cut:marks[0][0]], ' '); sp >= 0 {
			cut += sp + 1
		}
		start, prefix = cut, "…"
	}
	for start < len(text) && text[start] == ' ' {
		start++
	}
	var shifted [][2]int
	for _, mk := range marks {
		if mk[0] >= start {
			shifted = append(shifted, [2]int{mk[0] - start + len(prefix), mk[1] - start + len(prefix)})
		}
	}
	return prefix + text[start:], shifted
}

func flat(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// SetFocus tells the pane whether it has the keys.
func (m *Model) SetFocus(focused bool) { m.focused = focused }

// Handle is Update for the root, which holds its panes by pointer.
func (m *Model) Handle(msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next
	return cmd
}
