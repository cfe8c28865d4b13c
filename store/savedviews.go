package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// SavedView is a search kept under a name, beside the built-in views.
type SavedView struct {
	Name  string `json:"name"`
	Query string `json:"query"`
}

// MaxSavedViews is how many saved views fit on the view keys after the
// built-in ones (8 and 9).
const MaxSavedViews = 2

// SavedViews returns the saved views, oldest first.
func (s *Store) SavedViews() ([]SavedView, error) {
	var views []SavedView
	err := s.view(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketMeta).Get([]byte(metaSavedViews))
		if raw == nil {
			return nil
		}
		return json.Unmarshal(raw, &views)
	})
	return views, err
}

// ErrViewsFull refuses a new saved view while every place is taken: no
// view is ever dropped to make room.
var ErrViewsFull = fmt.Errorf("%d saved views already: delete or rename one first", MaxSavedViews)

// SaveView keeps a query under a name; a view of the same name gets the
// new query. A new name is refused with ErrViewsFull when all places are
// taken.
func (s *Store) SaveView(name, query string) (Undo, error) {
	name, query = strings.TrimSpace(name), strings.TrimSpace(query)
	if name == "" || query == "" {
		return Undo{}, fmt.Errorf("a saved view needs a name and a query")
	}
	return s.changeViews(func(views []SavedView) ([]SavedView, error) {
		for i := range views {
			if views[i].Name == name {
				views[i].Query = query
				return views, nil
			}
		}
		if len(views) >= MaxSavedViews {
			return nil, ErrViewsFull
		}
		return append(views, SavedView{Name: name, Query: query}), nil
	})
}

// RenameView gives a saved view a new name, keeping its place.
func (s *Store) RenameView(old, name string) (Undo, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Undo{}, fmt.Errorf("a saved view needs a name")
	}
	return s.changeViews(func(views []SavedView) ([]SavedView, error) {
		at := -1
		for i, v := range views {
			switch v.Name {
			case name:
				if name != old {
					return nil, fmt.Errorf("a saved view is already called %q", name)
				}
			case old:
				at = i
			}
		}
		if at < 0 {
			return nil, fmt.Errorf("no saved view %q", old)
		}
		views[at].Name = name
		return views, nil
	})
}

// DeleteView removes a saved view; the views after it move up a place.
func (s *Store) DeleteView(name string) (Undo, error) {
	return s.changeViews(func(views []SavedView) ([]SavedView, error) {
		for i, v := range views {
			if v.Name == name {
				return append(views[:i], views[i+1:]...), nil
			}
		}
		return nil, fmt.Errorf("no saved view %q", name)
	})
}

// changeViews is the saved views' one write path: it reads them, lets
// change return the new list, and writes it, in one transaction. The
// Undo puts the list back as it was.
func (s *Store) changeViews(change func([]SavedView) ([]SavedView, error)) (Undo, error) {
	var u Undo
	err := s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var views []SavedView
		if raw := meta.Get([]byte(metaSavedViews)); raw != nil {
			if err := json.Unmarshal(raw, &views); err != nil {
				return err
			}
		}
		u.views = &savedViews{list: slices.Clone(views)}
		views, err := change(views)
		if err != nil {
			return err
		}
		return putJSON(meta, []byte(metaSavedViews), views)
	})
	if err != nil {
		return Undo{}, err
	}
	return u, nil
}

// savedViews is the saved views as they were, for Undo.
type savedViews struct{ list []SavedView }

// restoreViews writes the saved views back as u kept them.
func restoreViews(tx *bolt.Tx, u Undo) error {
	if u.views == nil {
		return nil
	}
	return putJSON(tx.Bucket(bucketMeta), []byte(metaSavedViews), u.views.list)
}
