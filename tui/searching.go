package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/tui/common"
	"github.com/harkhq/hark/tui/keys"
	"github.com/harkhq/hark/tui/prompt"
)

// savedViewsMsg carries the saved searches.
type savedViewsMsg struct{ views []store.SavedView }

func loadSavedViews(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		views, err := st.SavedViews()
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return savedViewsMsg{views: views}
	}
}

// handleSearchKey opens search, or asks a name to save the current one.
func (m Model) handleSearchKey(a keys.Action) (tea.Model, tea.Cmd) {
	if a == keys.Search {
		m.searching, m.focus = true, focusSearch
		m.layout()
		return m, m.search.Open("")
	}
	if !m.searching || m.search.Query() == "" {
		return m, notice("search first (" + m.common.Keys.Binding(keys.Search).Help().Key + "), then save it")
	}
	return m.openPrompt(prompt.Request{Kind: prompt.ViewName, Label: "Save this search as", Hint: "a short name", Query: m.search.Query()})
}

// saveView keeps the search under the name given.
func (m Model) saveView(name, query string) (tea.Model, tea.Cmd) {
	st := m.common.Store
	return m, func() tea.Msg {
		if err := st.SaveView(name, query); err != nil {
			return common.ErrorMsg{Err: err}
		}
		views, err := st.SavedViews()
		if err != nil {
			return common.ErrorMsg{Err: err}
		}
		return savedViewsMsg{views: views}
	}
}
