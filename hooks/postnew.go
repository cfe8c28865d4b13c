package hooks

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/network"
	"github.com/harkhq/hark/store"
)

// newPost is one line post-new reads: the post, its author's handle.
type newPost struct {
	ID             string     `json:"id"`
	ConversationID string     `json:"conversation_id"`
	Author         string     `json:"author"`
	AuthorName     string     `json:"author_name"`
	Kind           model.Kind `json:"kind"`
	CreatedAt      time.Time  `json:"created_at"`
	Text           string     `json:"text"`
	// Network is the post's network ("x", "bluesky").
	Network string `json:"network"`
}

// Feeder hands post-new the posts queued for it (store.NewQueued), in
// batches, and takes them off the queue once it exited 0: a post stored
// is handed to it once, across restarts (a crash between its exit and
// the queue's update hands that batch again).
type Feeder struct {
	Dir   Dir
	Store *store.Store
	Log   *slog.Logger
	// Failed is told of a failing run (to show it), once while the same
	// failure lasts, and told nil when the hook works again; the posts
	// stay queued and go with the next run.
	Failed func(error)
	// Every is how often the queue is looked at; 2 s when 0.
	Every time.Duration
	// told is the failure last told to Failed and the log: the same
	// failure again (a hook left not executable) is told once.
	told string
}

// batch is how many posts one run of post-new gets at most.
const batch = 100

// Run feeds post-new until ctx ends; a failing hook is tried again a
// minute later.
func (f *Feeder) Run(ctx context.Context) {
	every := f.Every
	if every == 0 {
		every = 2 * time.Second
	}
	for {
		wait := every
		if err := f.Feed(ctx); err != nil {
			wait = time.Minute
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// Feed hands post-new everything queued now, batch by batch, and stops
// at the first failure, which it logs and tells (once while it stays the
// same) and returns. A hook that is there but not executable fails
// without running: its posts wait until it is made executable.
func (f *Feeder) Feed(ctx context.Context) error {
	for ctx.Err() == nil {
		posts, err := f.Store.NewQueued(batch)
		if err != nil || len(posts) == 0 {
			return err
		}
		if err := f.Dir.NotExecutable(PostNew); err != nil {
			return f.fail(err, len(posts))
		}
		if err := f.Dir.run(ctx, PostNew, f.lines(posts), postNewTimeout); err != nil {
			return f.fail(err, len(posts))
		}
		f.recovered()
		if err := f.Store.HookTook(posts); err != nil {
			return err
		}
	}
	return nil
}

// recovered tells Failed, with nil, that a hook told failing works again.
func (f *Feeder) recovered() {
	if f.told != "" && f.Failed != nil {
		f.Failed(nil)
	}
	f.told = ""
}

// fail logs and tells a failure, unless it was the last one told.
func (f *Feeder) fail(err error, waiting int) error {
	if err.Error() == f.told {
		return err
	}
	f.told = err.Error()
	if f.Log != nil {
		f.Log.Warn("the post-new hook failed; its posts stay queued", "err", err, "posts", waiting)
	}
	if f.Failed != nil {
		f.Failed(err)
	}
	return err
}

// lines are the posts as JSONL.
func (f *Feeder) lines(posts []model.Post) []byte {
	ids := make([]uint64, len(posts))
	for i, p := range posts {
		ids[i] = p.AuthorID
	}
	people, _ := f.Store.People(ids)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, p := range posts {
		u := people[p.AuthorID]
		_ = enc.Encode(newPost{
			ID:             model.FormatID(p.ID),
			ConversationID: model.FormatID(p.ConversationID),
			Author:         u.Username,
			AuthorName:     u.Name,
			Kind:           p.Kind,
			CreatedAt:      p.CreatedAt,
			Text:           p.Text,
			Network:        cmp.Or(p.Network(), network.X),
		})
	}
	return b.Bytes()
}
