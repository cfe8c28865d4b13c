package store

import (
	"context"

	"github.com/harkhq/hark/model"
)

// Handle is what an @handle means, as a command (`hark send @nina`, the
// TUI's `:reply @nina`) reads it: the person, the conversations of theirs
// that are open (CustomerFile.Open), and the conversation of their
// newest post, for when none is.
type Handle struct {
	Person model.User
	Open   []Row
	Newest uint64
}

// Conversation is the one conversation the handle means: the person's
// one open conversation, or with none open, that of their newest post.
// ok is false when several are open: the person must choose among Open.
func (h Handle) Conversation() (id uint64, ok bool) {
	switch len(h.Open) {
	case 0:
		return h.Newest, true
	case 1:
		return h.Open[0].Conversation.ID, true
	}
	return 0, false
}

// HandleMeans finds what an @handle (with or without its @) means: the
// person by their newest post (NewestPostOf), and their file's open
// conversations.
func (s *Store) HandleMeans(ctx context.Context, handle string) (Handle, error) {
	p, err := s.NewestPostOf(ctx, handle)
	if err != nil {
		return Handle{}, err
	}
	file, err := s.Customer(p.AuthorID)
	return Handle{Person: file.User, Open: file.Open(), Newest: p.ConversationID}, err
}
