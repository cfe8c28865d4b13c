package store

import (
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// SourceState is what the store knows of one source: when it last read
// X to the end, and how many stored posts it found.
type SourceState struct {
	Name     string    `json:"-"`
	LastSync time.Time `json:"last_sync,omitzero"`
	Posts    int       `json:"posts"`
}

// Sources returns the state of every source that has stored anything or
// synced, by name.
func (s *Store) Sources() (map[string]SourceState, error) {
	out := map[string]SourceState{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSources).ForEach(func(k, _ []byte) error {
			st, err := sourceState(tx, string(k))
			out[st.Name] = st
			return err
		})
	})
	return out, err
}

// sourceState reads one source's state (empty when unknown).
func sourceState(tx *bolt.Tx, name string) (SourceState, error) {
	st := SourceState{Name: name}
	_, err := getJSON(tx.Bucket(bucketSources), []byte(name), &st)
	st.Name = name
	return st, err
}

// noteSources adds to each source's count of posts found, and records a
// sync that read X to the end.
func noteSources(tx *bolt.Tx, found map[string]int, synced string, at time.Time) error {
	if synced != "" {
		found[synced] += 0
	}
	for name, n := range found {
		st, err := sourceState(tx, name)
		if err != nil {
			return err
		}
		st.Posts += n
		if name == synced {
			st.LastSync = at
		}
		if err := putJSON(tx.Bucket(bucketSources), []byte(name), st); err != nil {
			return err
		}
	}
	return nil
}

// addSources records that sources, which read again the post stored
// under key (or a version of it), found it too (a mention that a search also finds): the stored post
// gains the names it lacked, the index their source: terms, and found
// counts them. Reading a post again by the same source writes nothing.
func addSources(stored *bolt.Bucket, entries *index.Entries, key uint64, sources []string, found map[string]int) error {
	var was model.Post
	if _, err := getJSON(stored, idKey(key), &was); err != nil || was.Kind.Gone() {
		return nil // a damaged post stays as it is (check reports it); a tombstone stays one
	}
	if !mergeSources(&was, sources, entries, found) {
		return nil
	}
	return putJSON(stored, idKey(was.ID), was)
}

// mergeSources adds to was the sources it lacks, each filed in entries
// and counted in found; it reports whether it added any.
func mergeSources(was *model.Post, sources []string, entries *index.Entries, found map[string]int) bool {
	var fresh []string
	for _, src := range sources {
		if !was.FoundBy(src) && !slices.Contains(fresh, src) {
			fresh = append(fresh, src)
		}
	}
	was.Sources = append(was.Sources, fresh...)
	for _, src := range fresh {
		entries.Add(search.SourceTerm(src), was.ID, nil)
		found[src]++
	}
	return len(fresh) > 0
}

// linkOrigin shows a DM the shop sent from a post conversation in that
// conversation too (its own is the DM conversation with the person), and
// moves the conversation on as a reply would.
func linkOrigin(r *reader, p model.Post) error {
	if p.Origin == 0 || p.Origin == p.ConversationID {
		return nil
	}
	if err := r.tx.Bucket(bucketConvPosts).Put(pairKey(p.Origin, p.ID), nil); err != nil {
		return err
	}
	p.ConversationID = p.Origin
	return fileInConversation(r, p, false, 0)
}
