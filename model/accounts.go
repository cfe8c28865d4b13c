package model

import "strings"

// Accounts are the shop's accounts in config's order, the first the
// shop's own. Naming an account is one rule for every place that reads a
// name (the TUI's hand-off, `hark reassign`) and writes one (rows, the
// composer): its handle, or its short label.
type Accounts []User

// Label names an account shortly on a row: its handle, less the first
// account's handle and "_" when it starts so ("help" for
// @paperandpine_help); "" for the first account or an unknown id, and
// for every one while there is one account.
func (a Accounts) Label(id uint64) string {
	if len(a) < 2 || id == 0 || id == a[0].ID {
		return ""
	}
	for _, u := range a[1:] {
		if u.ID == id {
			if short, ok := strings.CutPrefix(u.Username, a[0].Username+"_"); ok && short != "" {
				return short
			}
			return u.Username
		}
	}
	return ""
}

// Named finds an account by its handle (with or without @) or its
// label, whatever the case; nothing for an empty name.
func (a Accounts) Named(name string) (User, bool) {
	name = strings.ToLower(strings.TrimPrefix(name, "@"))
	if name == "" {
		return User{}, false // the first account's label is "": no name is not its name
	}
	for _, u := range a {
		if strings.ToLower(u.Username) == name || strings.ToLower(a.Label(u.ID)) == name {
			return u, true
		}
	}
	return User{}, false
}

// Handles are the accounts' handles with their @, for saying which
// names a refused one could have been.
func (a Accounts) Handles() []string {
	out := make([]string, len(a))
	for i, u := range a {
		out[i] = "@" + u.Username
	}
	return out
}
