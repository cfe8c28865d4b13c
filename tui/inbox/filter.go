package inbox

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/cursor"
)

// filterScan is how many of a view's conversations, newest first, a
// filter looks through: a shop's open conversations, with room to
// spare, in a bounded read (the whole history is /'s).
const filterScan = 2000

// filtering is the list narrowed in place: the rows of the view that
// match what is typed, held whole (at most filterScan), shown a window
// at a time from offset.
type filtering struct {
	text string
	// scan is the view's rows as read (newest first), view which one:
	// each key typed narrows them again in memory, without a read.
	scan    []store.Row
	view    store.View
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
	rows    []store.Row
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
	if m.filter.scan != nil && m.filter.view == m.scope() { // read already: narrowed in memory
		*m = m.refilter(0)
		return nil
	}
	return m.loadFilter(0)
}

// loadFilter reads the view's rows to narrow, keeping the cursor on
// keep.
func (m *Model) loadFilter(keep uint64) tea.Cmd {
	m.seq++
	m.awaiting, m.awaitingSince = m.seq, m.common.Now()
	st, v, o, seq := m.common.Store, m.scope(), m.Order(), m.seq
	return func() tea.Msg {
		rows, err := st.Page(v, o, store.InboxKey{}, filterScan+1)
		n := min(len(rows), filterScan)
		if err == nil {
			err = st.CountOpen(rows[:n])
		}
		return filterMsg{view: v, rows: rows[:n], scanned: n, capped: len(rows) > filterScan, keep: keep, seq: seq, err: err}
	}
}

// rowMatches says whether a row holds text.
func rowMatches(r store.Row, text string) bool {
	hay := strings.ToLower(strings.Join(append([]string{r.Customer.Username, r.Customer.Name, r.Last.Text}, r.Conversation.Tags...), " "))
	return strings.Contains(hay, strings.ToLower(text))
}

// applyFilter keeps the rows read and narrows them.
func (m Model) applyFilter(msg filterMsg) Model {
	if msg.seq == m.awaiting {
		m.awaiting = 0
	}
	if msg.seq != m.seq || msg.view != m.scope() || msg.err != nil || m.filter.text == "" {
		return m
	}
	m.filter.scan, m.filter.view, m.filter.scanned, m.filter.capped = msg.rows, msg.view, msg.scanned, msg.capped
	return m.refilter(msg.keep)
}

// refilter narrows the rows read to the text, from the top, or at the
// conversation keep where it still matches.
func (m Model) refilter(keep uint64) Model {
	f := &m.filter
	f.matches, f.offset = nil, 0
	for _, r := range f.scan {
		if rowMatches(r, f.text) {
			f.matches = append(f.matches, r)
		}
	}
	at := 0
	if i := slices.IndexFunc(f.matches, func(r store.Row) bool { return r.Conversation.ID == keep }); i >= 0 {
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
	i = cursor.Clamp(i, len(f.matches))
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
