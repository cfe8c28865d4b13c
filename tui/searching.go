package tui

import (
	"context"
	"fmt"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/prompt"
)

// savedViewsMsg carries the saved searches, and what changed them.
type savedViewsMsg struct {
	views  []store.SavedView
	notice string
	// undo takes the change back (none for a plain load).
	undo store.Undo
}

func loadSavedViews(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		views, err := st.SavedViews()
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return savedViewsMsg{views: views}
	}
}

// savedCountsMsg carries how many posts each saved search finds, by
// query, up to savedCountCap.
type savedCountsMsg struct{ counts map[string]int }

// savedCountCap bounds a saved view's count: past it the tab says "99+".
const savedCountCap = 100

// loadSavedCounts counts what each saved search finds, for the tabs.
func loadSavedCounts(st *store.Store, views []store.SavedView, now time.Time) tea.Cmd {
	if len(views) == 0 {
		return nil
	}
	return func() tea.Msg {
		counts := map[string]int{}
		for _, v := range views {
			q, err := search.Parse(v.Query)
			if err != nil {
				continue
			}
			n, err := conversationsFound(st, q, now)
			if err != nil {
				return common.ErrorMsg{Err: err}
			}
			counts[v.Query] = n
		}
		return savedCountsMsg{counts: counts}
	}
}

// savedCountPages bounds the search pages a saved view's count reads.
const savedCountPages = 10

// conversationsFound counts the conversations a search finds, as hark ls
// --view lists them (a conversation with three matching posts is one),
// up to savedCountCap, in at most savedCountPages pages of 100 posts.
func conversationsFound(st *store.Store, q search.Node, now time.Time) (int, error) {
	seen := map[uint64]bool{}
	before := uint64(0)
	for range savedCountPages {
		hits, err := st.Search(context.Background(), q, before, 100, now)
		if err != nil || len(hits) == 0 {
			return len(seen), err
		}
		for _, h := range hits {
			seen[h.Post.ConversationID] = true
		}
		if len(seen) >= savedCountCap {
			return savedCountCap, nil
		}
		before = hits[len(hits)-1].Post.ID
	}
	return len(seen), nil
}

// savedCount is a saved view's count as its tab shows it, "" unknown.
func savedCount(counts map[string]int, query string) string {
	n, ok := counts[query]
	switch {
	case !ok:
		return ""
	case n >= savedCountCap:
		return " " + strconv.Itoa(savedCountCap-1) + "+"
	}
	return " " + strconv.Itoa(n)
}

// askViewName asks a name to save the search shown as a view.
func (m Model) askViewName() (Model, tea.Cmd) {
	open := m.prompt.Open(prompt.Request{
		Kind:  prompt.ViewName,
		Label: "Save this search as",
		Hint:  "a short name",
		Query: m.search.Query(),
	}, nil)
	return m, open
}

// changeViews runs a change to the saved views and shows them after.
func (m Model) changeViews(notice string, change func(*store.Store) (store.Undo, error)) (tea.Model, tea.Cmd) {
	st := m.common.Store
	return m, func() tea.Msg {
		undo, err := change(st)
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		views, err := st.SavedViews()
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return savedViewsMsg{views: views, notice: notice, undo: undo}
	}
}

// shownView is the saved view shown, "" for none.
func (m Model) shownView() string {
	if !m.screen.searching {
		return ""
	}
	for _, sv := range m.savedViews {
		if sv.Query == m.search.Query() {
			return sv.Name
		}
	}
	return ""
}

func (m Model) onSavedView() bool { return m.keysFree() && m.shownView() != "" }

// askRename asks the saved view shown for its new name.
func (m Model) askRename() (Model, tea.Cmd) {
	name := m.shownView()
	open := m.prompt.Open(prompt.Request{
		Kind:  prompt.RenameView,
		Label: fmt.Sprintf("Rename view %q to", name),
		Hint:  "a short name",
		View:  name,
	}, nil)
	return m, open
}

// askDelete asks before deleting the saved view shown.
func (m Model) askDelete() (Model, tea.Cmd) {
	name := m.shownView()
	open := m.prompt.Open(prompt.Request{
		Kind:  prompt.DeleteView,
		Label: fmt.Sprintf("Delete view %q?", name),
		Hint:  "y deletes it · n or esc keeps it",
		View:  name,
		YesNo: true,
	}, nil)
	return m, open
}
