// Package keys is hark's one table of key bindings: dispatch, help and the
// status hints all read it, so they always show the real keys, rebound or
// not.
package keys

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
)

// Action names something a key does; the names are those of config.toml's
// [keys] table.
type Action string

// The actions.
const (
	Up           Action = "up"
	Down         Action = "down"
	Top          Action = "top"
	Bottom       Action = "bottom"
	PageUp       Action = "page_up"
	PageDown     Action = "page_down"
	Open         Action = "open"
	Back         Action = "back"
	SwitchPane   Action = "switch_pane"
	Reply        Action = "reply"
	Send         Action = "send"
	Done         Action = "done"
	Reopen       Action = "reopen"
	ToggleUnread Action = "toggle_unread"
	Tag          Action = "tag"
	Snooze       Action = "snooze"
	Note         Action = "note"
	PersonNote   Action = "person_note"
	Customer     Action = "customer"
	Mark         Action = "mark"
	Undo         Action = "undo"
	Complete     Action = "complete"
	View1        Action = "view_1"
	View2        Action = "view_2"
	View3        Action = "view_3"
	View4        Action = "view_4"
	View5        Action = "view_5"
	View6        Action = "view_6"
	View7        Action = "view_7"
	DM           Action = "dm"
	ComposeDM    Action = "compose_dm"
	AlsoPublic   Action = "also_public"
	SplitThread  Action = "split_thread"
	Snippet      Action = "snippet"
	Editor       Action = "editor"
	DiscardDraft Action = "discard_draft"
	TakeBack     Action = "take_back"
	Assign       Action = "assign"
	MineView     Action = "mine"
	Outbox       Action = "outbox"
	Retry        Action = "retry"
	EditItem     Action = "edit_item"
	CancelItem   Action = "cancel_item"
	ListPrev     Action = "list_prev"
	ListNext     Action = "list_next"
	Search       Action = "search"
	SaveView     Action = "save_view"
	View8        Action = "view_8"
	View9        Action = "view_9"
	View10       Action = "view_10"
	RenameView   Action = "rename_view"
	DeleteView   Action = "delete_view"
	OpenOnX      Action = "open_on_x"
	Report       Action = "report"
	HandOff      Action = "hand_off"
	AccountView  Action = "account_view"
	ToEmail      Action = "to_email"
	CopyLink     Action = "copy_link"
	Versions     Action = "versions"
	CommandLine  Action = "command_line"
	MarkAll      Action = "mark_all"
	Filter       Action = "filter"
	ToggleHints  Action = "toggle_hints"
	NextPost     Action = "next_post"
	PrevPost     Action = "prev_post"
	Sort         Action = "sort"
	Help         Action = "help"
	Quit         Action = "quit"
	// Interrupt quits from anywhere, the composer included.
	Interrupt Action = "interrupt"
)

// Views are the view actions, in order: the nth switches to the nth view
// (built-in ones first, then saved searches).
var Views = []Action{View1, View2, View3, View4, View5, View6, View7, View8, View9, View10}

// entry is one row of the table.
type entry struct {
	action Action
	keys   []string
	desc   string
}

// table is the default binding of every action, in help order.
var table = []entry{
	{Up, []string{"k", "up"}, "up"},
	{Down, []string{"j", "down"}, "down"},
	{Top, []string{"g", "home"}, "top"},
	{Bottom, []string{"G", "end"}, "bottom"},
	{PageUp, []string{"ctrl+u", "pgup"}, "page up"},
	{PageDown, []string{"ctrl+d", "pgdown"}, "page down"},
	{Open, []string{"enter"}, "open"},
	{Back, []string{"esc"}, "back"},
	{SwitchPane, []string{"tab"}, "switch pane"},
	{Reply, []string{"r"}, "reply"},
	{Send, []string{"ctrl+s"}, "send"},
	{DM, []string{"D"}, "take it to DM"},
	{ComposeDM, []string{"ctrl+d"}, "reply / DM"},
	{AlsoPublic, []string{"ctrl+p"}, "also reply 'sent you a DM'"},
	{SplitThread, []string{"ctrl+l"}, "split into a thread"},
	{Snippet, []string{"ctrl+t"}, "canned reply"},
	{Editor, []string{"ctrl+e"}, "edit in $EDITOR"},
	{DiscardDraft, []string{"ctrl+x"}, "discard the draft"},
	{TakeBack, []string{"ctrl+z"}, "take back send"},
	{Outbox, []string{"O"}, "outbox"},
	{Retry, []string{"r"}, "retry"},
	{EditItem, []string{"e"}, "edit"},
	{CancelItem, []string{"c"}, "cancel"},
	{ListPrev, []string{"up", "ctrl+k"}, "previous"},
	{ListNext, []string{"down", "ctrl+j"}, "next"},
	{Done, []string{"d"}, "done"},
	{Reopen, []string{"o"}, "reopen"},
	{ToggleUnread, []string{"u"}, "unread/read"},
	{Tag, []string{"t"}, "tag"},
	{Snooze, []string{"z"}, "snooze"},
	{Note, []string{"n"}, "note"},
	{PersonNote, []string{"N"}, "note on person"},
	{Customer, []string{"p"}, "customer file"},
	{Mark, []string{"x", "space"}, "mark"},
	{MarkAll, []string{"*"}, "mark every row shown / none"},
	{Sort, []string{"f"}, "flip: oldest / newest first"},
	{Undo, []string{"U"}, "undo"},
	{Complete, []string{"tab"}, "complete"},
	{View1, []string{"1"}, "inbox"},
	{View2, []string{"2"}, "questions"},
	{View3, []string{"3"}, "unread"},
	{View4, []string{"4"}, "waiting"},
	{View5, []string{"5"}, "snoozed"},
	{View6, []string{"6"}, "done"},
	{View7, []string{"7"}, "all"},
	{View8, []string{"8"}, "heard"},
	{View9, []string{"9"}, "saved view 1"},
	{View10, []string{"0"}, "saved view 2"},
	{Search, []string{"/"}, "search"},
	{Filter, []string{"|"}, "filter the list in place"},
	{SaveView, []string{"S"}, "save as view"},
	{RenameView, []string{"R"}, "rename the view"},
	{DeleteView, []string{"ctrl+x"}, "delete the view"},
	{OpenOnX, []string{"w"}, "open the post on X"},
	{Report, []string{"P"}, "service report"},
	{HandOff, []string{"H"}, "hand off to another account"},
	{AccountView, []string{"A"}, "one account's conversations / all"},
	{Assign, []string{"a"}, "assign to a person of the team / take it"},
	{MineView, []string{"M"}, "mine: the conversations assigned to you"},
	{ToEmail, []string{"E"}, "hand off to e-mail (transcript)"},
	{CopyLink, []string{"y"}, "copy the post's link"},
	{Versions, []string{"v"}, "an edited post's earlier text"},
	{ToggleHints, []string{"i"}, "hide / show the hints (question, complaint…)"},
	{NextPost, []string{"]"}, "next post in the thread"},
	{PrevPost, []string{"["}, "previous post in the thread"},
	{CommandLine, []string{":"}, "command line: any action by name"},
	{Help, []string{"?"}, "help"},
	{Quit, []string{"q"}, "quit"},
	{Interrupt, []string{"ctrl+c"}, "quit from anywhere"},
}

// All lists every action, in help order.
func All() []Action {
	out := make([]Action, len(table))
	for i, e := range table {
		out[i] = e.action
	}
	return out
}

// KeyMap holds a binding for every action.
type KeyMap struct {
	bindings map[Action]key.Binding
	// rebound are the actions config.toml's [keys] bound: their keys win
	// over a default's (see Check).
	rebound map[Action]bool
}

// Default returns the default bindings.
func Default() *KeyMap {
	k := &KeyMap{bindings: map[Action]key.Binding{}}
	for _, e := range table {
		k.bind(e.action, e.keys, e.desc)
	}
	return k
}

func (k *KeyMap) bind(a Action, keys []string, desc string) {
	k.bindings[a] = key.NewBinding(key.WithKeys(keys...), key.WithHelp(label(keys), desc))
}

// label writes keys for help: the first two, arrows as arrows.
func label(keys []string) string {
	glyphs := map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→"}
	var out []string
	for _, k := range keys[:min(2, len(keys))] {
		if g, ok := glyphs[k]; ok {
			k = g
		}
		out = append(out, k)
	}
	return strings.Join(out, "/")
}

// RebindError names the action whose rebinding was refused.
type RebindError struct {
	Action string
	Err    error
}

func (e *RebindError) Error() string { return fmt.Sprintf("%s: %v", e.Action, e.Err) }

// Rebind replaces the keys of the named actions. It refuses an unknown
// action or key name with a *RebindError.
func (k *KeyMap) Rebind(m map[string][]string) error {
	for name, keys := range m {
		a := Action(name)
		e, ok := find(a)
		switch {
		case !ok:
			return &RebindError{Action: name, Err: fmt.Errorf("no such action")}
		case len(keys) == 0:
			return &RebindError{Action: name, Err: fmt.Errorf("no keys")}
		}
		for _, s := range keys {
			if err := ValidKey(s); err != nil {
				return &RebindError{Action: name, Err: err}
			}
		}
		k.bind(a, keys, e.desc)
		if k.rebound == nil {
			k.rebound = map[Action]bool{}
		}
		k.rebound[a] = true
	}
	return nil
}

func find(a Action) (entry, bool) {
	for _, e := range table {
		if e.action == a {
			return e, true
		}
	}
	return entry{}, false
}

// Named finds the action a command-line word names: its name exactly,
// else the one action whose name starts with it ("sn" is snooze); ok is
// false for none or several.
func Named(word string) (Action, bool) {
	if e, ok := find(Action(word)); ok {
		return e.action, true
	}
	if found := Starting(word); len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// Starting lists the actions whose names start with word, in help order.
func Starting(word string) []Action {
	var found []Action
	for _, e := range table {
		if strings.HasPrefix(string(e.action), word) {
			found = append(found, e.action)
		}
	}
	return found
}

// Describe is what an action does, as help says it.
func Describe(a Action) string {
	e, _ := find(a)
	return e.desc
}

// Binds reports whether any action is bound to the key named.
func (k *KeyMap) Binds(name string) bool {
	for _, b := range k.bindings {
		if slices.Contains(b.Keys(), name) {
			return true
		}
	}
	return false
}

// Binding returns an action's binding.
func (k *KeyMap) Binding(a Action) key.Binding { return k.bindings[a] }

// Bindings returns the bindings of actions, in the order given.
func (k *KeyMap) Bindings(actions ...Action) []key.Binding {
	out := make([]key.Binding, len(actions))
	for i, a := range actions {
		out[i] = k.bindings[a]
	}
	return out
}

// Match returns the first of actions whose binding msg presses.
func (k *KeyMap) Match(msg interface{ String() string }, actions ...Action) (Action, bool) {
	for _, a := range actions {
		if key.Matches(msg, k.bindings[a]) {
			return a, true
		}
	}
	return "", false
}
