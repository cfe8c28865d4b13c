package store

import (
	"encoding/json"
	"fmt"
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

// SaveView keeps a query under a name; a view of the same name is
// replaced, and the oldest makes room when all places are taken.
func (s *Store) SaveView(name, query string) error {
	name, query = strings.TrimSpace(name), strings.TrimSpace(query)
	if name == "" || query == "" {
		return fmt.Errorf("a saved view needs a name and a query")
	}
	return s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var views []SavedView
		if raw := meta.Get([]byte(metaSavedViews)); raw != nil {
			if err := json.Unmarshal(raw, &views); err != nil {
				return err
			}
		}
		kept := views[:0]
		for _, v := range views {
			if v.Name != name {
				kept = append(kept, v)
			}
		}
		views = append(kept, SavedView{Name: name, Query: query})
		if len(views) > MaxSavedViews {
			views = views[len(views)-MaxSavedViews:]
		}
		return putJSON(meta, []byte(metaSavedViews), views)
	})
}
