package tui

// focus is the pane that gets the keys.
type focus int

const (
	focusInbox focus = iota
	focusThread
	focusComposer
	focusCustomer
	focusOutbox
	focusSearch
	focusReport
	// focusPrompt names the prompt's row of the pane table; the screen's
	// focus is never it (the prompt has the keys while it is open).
	focusPrompt
)

// side is what the right half shows.
type side int

const (
	sideNone side = iota // no right half: the list alone
	sideThread
	sideCustomer
	sideOutbox
)

// screen is what the window shows and which pane has the keys. It was
// five flags set together in eighteen places; it is one value now,
// changed only by the transitions below, so no two parts of it can
// disagree, and the root lays the panes out from it once per Update.
type screen struct {
	// searching puts the search pane in the inbox's place.
	searching bool
	// reporting shows the Report view over the whole window.
	reporting bool
	right     side
	// composing shows the composer under the thread.
	composing bool
	focus     focus
	// fromReport says the right half was opened from the Report (enter
	// on a wait): esc goes back to it.
	fromReport bool
}

// open reports whether the right half is shown.
func (s screen) open() bool { return s.right != sideNone }

// left is the focus of the left pane: the search while searching.
func (s screen) left() focus {
	if s.searching {
		return focusSearch
	}
	return focusInbox
}

// rightFocus is the focus of what the right half shows.
func (s screen) rightFocus() focus {
	switch s.right {
	case sideCustomer:
		return focusCustomer
	case sideOutbox:
		return focusOutbox
	}
	return focusThread
}

// show puts a side on the right, with the keys (leaving the report).
func (s screen) show(what side) screen {
	s.fromReport = s.reporting || s.fromReport && s.right != sideNone
	s.reporting = false
	s.right = what
	s.focus = s.rightFocus()
	return s
}

// report shows the Report view over the whole window, with the keys.
func (s screen) report() screen {
	s.reporting, s.focus = true, focusReport
	return s
}

// compose opens the composer under the thread, with the keys.
func (s screen) compose() screen {
	s.composing, s.focus = true, focusComposer
	return s
}

// composed closes the composer and gives the keys back to the thread.
func (s screen) composed() screen {
	s.composing, s.focus = false, focusThread
	return s
}

// search puts the search pane in the inbox's place, with the keys.
func (s screen) search() screen {
	s.searching, s.focus = true, focusSearch
	return s
}

// list shows the inbox on the left, with the keys.
func (s screen) list() screen {
	s.searching, s.focus = false, focusInbox
	return s
}

// switchPane moves the keys between the halves.
func (s screen) switchPane() screen {
	if !s.open() {
		return s
	}
	if s.focus == s.left() {
		s.focus = s.rightFocus()
	} else {
		s.focus = s.left()
	}
	return s
}

// back closes the customer file or the outbox (back to the thread if
// one is loaded), else the conversation, else the search.
func (s screen) back(threadLoaded bool) screen {
	switch {
	case s.reporting:
		s.reporting, s.focus = false, s.left()
		if s.open() {
			s.focus = s.rightFocus()
		}
	case s.right == sideCustomer || s.right == sideOutbox:
		s.right, s.focus = sideNone, s.left()
		if threadLoaded {
			s = s.show(sideThread)
		}
	case s.open() && s.fromReport: // opened from the Report: back to it
		s.right, s.fromReport = sideNone, false
		s = s.report()
	case s.open():
		s.right, s.focus = sideNone, s.left()
	case s.searching:
		s = s.list()
	}
	return s
}
