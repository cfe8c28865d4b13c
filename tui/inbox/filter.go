package inbox

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
)

// filterScan is how many of a view's conversations, newest first, a
// filter looks through: a shop's open conversations, with room to
// spare, in a bounded read (the whole history is /'s).
const filterScan = 2000

// filtering is the list narrowed in place: the rows of the view that
// match what is typed, held whole (at most filterScan), shown a window
// at a time from offset.
type filtering struct {
	text    string
	matches []store.Row
	offset  int
	// scanned is how many conversations were looked through; capped
	// says the view holds more than filterScan.
	scanned int
	capped  bool
}

// filterMsg is a filter's matches, read from the store.
type filterMsg struct {
	view    store.View
	text    string
	matches []store.Row
	scanned int
	capped  bool
	keep    uint64
	seq     int
	err     error
}

// Filtering reports whether the list is narrowed, and by what.
func (m Model) Filtering() (string, bool) { return m.filter.text, m.filter.text != "" }

// FilterCount is how many rows match, of how many looked through.
func (m Model) FilterCount() (matches, scanned int, capped bool) {
	return len(m.filter.matches), m.filter.scanned, m.filter.capped
}

// SetFilter narrows the list to the rows whose handle, name, tags or
// newest post hold text (case does not matter); "" shows the view
// whole again, from its top.
func (m *Model) SetFilter(text string) tea.Cmd {
	text = strings.TrimSpace(text)
	if text == "" {
		if m.filter.text == "" {
			return nil
		}
		m.filter = filtering{}
		return m.SetView(m.view)
	}
	m.filter.text = text
	return m.loadFilter(0)
}

// loadFilter reads the view's matches, keeping the cursor on keep.
func (m *Model) loadFilter(keep uint64) tea.Cmd {
	m.seq++
	m.awaiting, m.awaitingSince = m.seq, m.common.Now()
	st, v, text, seq := m.common.Store, m.scope(), m.filter.text, m.seq
	return func() tea.Msg {
		rows, err := st.Inbox(v, store.InboxKey{}, filterScan+1)
		msg := filterMsg{view: v, text: text, keep: keep, seq: seq, err: err, scanned: min(len(rows), filterScan), capped: len(rows) > filterScan}
		for _, r := range rows[:msg.scanned] {
			if rowMatches(r, text) {
				msg.matches = append(msg.matches, r)
			}
		}
		return msg
	}
}

// rowMatches says whether a row holds text.
func rowMatches(r store.Row, text string) bool {
	hay := strings.ToLower(strings.Join(append([]string{r.Customer.Username, r.Customer.Name, r.Last.Text}, r.Conversation.Tags...), " "))
	return strings.Contains(hay, strings.ToLower(text))
}

// applyFilter shows a filter's matches from the top, or the cursor's
// conversation where it still matches.
func (m Model) applyFilter(msg filterMsg) Model {
	if msg.seq == m.awaiting {
		m.awaiting = 0
	}
	if msg.seq != m.seq || msg.view != m.scope() || msg.text != m.filter.text || msg.err != nil {
		return m
	}
	m.filter.matches, m.filter.scanned, m.filter.capped, m.filter.offset = msg.matches, msg.scanned, msg.capped, 0
	at := 0
	if i := slices.IndexFunc(msg.matches, func(r store.Row) bool { return r.Conversation.ID == msg.keep }); i >= 0 {
		at = i
	}
	return m.showFiltered(at)
}

// showFiltered puts the window of matches around match i, with the
// cursor on it.
func (m Model) showFiltered(i int) Model {
	f := &m.filter
	if len(f.matches) == 0 {
		m.rows, m.cursor, m.more, m.atTop = nil, 0, false, true
		return m
	}
	i = max(0, min(i, len(f.matches)-1))
	if i < f.offset {
		f.offset = i
	}
	if i >= f.offset+m.height {
		f.offset = i - m.height + 1
	}
	end := min(len(f.matches), f.offset+m.height)
	m.rows, m.cursor = f.matches[f.offset:end], i-f.offset
	m.more, m.atTop = end < len(f.matches), f.offset == 0
	return m
}

// moveFiltered moves the cursor by d rows among the matches.
func (m Model) moveFiltered(d int) (Model, tea.Cmd) {
	return m.showFiltered(m.filter.offset + m.cursor + d), nil
}
