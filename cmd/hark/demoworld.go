package main

import (
	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/store"
	"github.com/harkhq/hark/twitter/xfake"
)

// demoWorld is the demo's simulated X for a database a demo wrote
// before: the scenario, and every post the database holds that the
// scenario lacks (the drip's mentions, the replies sent), with their
// ids, times and threads, so that a reply to a post shown before the
// restart reaches a post X still holds. DMs need no such care (a DM goes
// to a person), nor do posts the world took away (a tombstone).
func demoWorld(st *store.Store, sc xfake.Scenario) (xfake.Scenario, error) {
	have := map[uint64]bool{}
	for _, p := range sc.Posts {
		have[p.ID] = true
		for _, v := range p.Edits {
			have[v] = true
		}
	}
	err := st.EachPost(func(p model.Post) error {
		if p.Kind.IsDM() || p.Kind.Gone() || p.Kind == model.Context || have[p.ID] || have[p.Target()] {
			return nil
		}
		sc.Posts = append(sc.Posts, model.Post{ID: p.Target(), ConversationID: p.ConversationID, AuthorID: p.AuthorID,
			InReplyToID: p.InReplyToID, CreatedAt: p.CreatedAt, Text: p.Text})
		return nil
	})
	return sc, err
}
