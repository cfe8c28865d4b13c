// Package presence is what the people of a team sharing one hark (hark
// serve) know of each other while they work: who is replying where (a
// claim, held while their composer is open), and short notices addressed
// to a person. It is memory only — nothing of it outlives the server —
// and never blocks: each session reads its own channels, and a session
// that falls behind gets the newest board, not a queue of old ones.
package presence

import (
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/harkhq/hark/internal/newest"
)

// ClaimLife is how long a claim lasts without being renewed (the
// composer renews it as its draft is saved): a person who walked away
// from an open composer stops blocking the others.
const ClaimLife = 10 * time.Minute

// Claim says that a person is replying in a conversation.
type Claim struct {
	Person string
	Since  time.Time
	// session is the session holding it (a person may have two).
	session int
	renewed time.Time
}

// Claims are the claims in force, by conversation: a snapshot, never
// changed once handed out.
type Claims map[uint64][]Claim

// Others are the people besides person replying in conv, each once, in
// the order they began.
func (c Claims) Others(conv uint64, person string) []string {
	var out []string
	for _, cl := range c[conv] {
		if cl.Person != person && !slices.Contains(out, cl.Person) {
			out = append(out, cl.Person)
		}
	}
	return out
}

// Board holds the team's claims and hands each session its news.
type Board struct {
	mu       sync.Mutex
	now      func() time.Time
	claims   map[uint64][]Claim
	sessions map[int]*Session
	next     int
}

// New makes an empty board telling the time by now (time.Now when nil).
func New(now func() time.Time) *Board {
	if now == nil {
		now = time.Now
	}
	return &Board{now: now, claims: map[uint64][]Claim{}, sessions: map[int]*Session{}}
}

// Session is one person's terminal on the board: its claims, and the
// channels its inbox reads.
type Session struct {
	board  *Board
	id     int
	Person string
	// Board carries the claims each time they change (the newest only).
	Board chan Claims
	// Notices carries what others want this person to know.
	Notices chan string
}

// Join adds a session for person. Close it when the session ends: its
// claims go with it.
func (b *Board) Join(person string) *Session {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	s := &Session{board: b, id: b.next, Person: person, Board: make(chan Claims, 1), Notices: make(chan string, 8)}
	b.sessions[s.id] = s
	newest.Put(s.Board, b.snapshot())
	return s
}

// Claim says this session's person is replying in conv (again: renews
// it) and returns who else is, so that they can be told before typing.
func (s *Session) Claim(conv uint64) []string {
	b := s.board
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	held := b.claims[conv]
	i := slices.IndexFunc(held, func(c Claim) bool { return c.session == s.id })
	if i >= 0 {
		held[i].renewed = now
	} else {
		b.claims[conv] = append(held, Claim{Person: s.Person, Since: now, session: s.id, renewed: now})
	}
	snap := b.snapshot()
	if i < 0 {
		b.publish(snap)
	}
	return snap.Others(conv, s.Person)
}

// Release ends this session's claim on conv (the composer closed).
func (s *Session) Release(conv uint64) {
	b := s.board
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drop(func(c Claim, on uint64) bool { return on == conv && c.session == s.id }) {
		b.publish(b.snapshot())
	}
}

// Tell sends a notice to every session of person but this one.
func (s *Session) Tell(person, text string) {
	b := s.board
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, o := range b.sessions {
		if o.Person == person && o.id != s.id {
			select {
			case o.Notices <- text:
			default: // a notice is news: one lost to a full queue is old by then
			}
		}
	}
}

// Close ends the session and its claims, and closes its channels.
func (s *Session) Close() {
	b := s.board
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.sessions[s.id]; !ok {
		return
	}
	delete(b.sessions, s.id)
	close(s.Board) // the inbox's waits end; nothing is sent to a session gone
	close(s.Notices)
	if b.drop(func(c Claim, _ uint64) bool { return c.session == s.id }) {
		b.publish(b.snapshot())
	}
}

// Snapshot is the claims in force now.
func (b *Board) Snapshot() Claims {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.snapshot()
}

// Expire drops the claims not renewed for ClaimLife and tells the
// sessions; the server calls it now and then.
func (b *Board) Expire() {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if b.drop(func(c Claim, _ uint64) bool { return now.Sub(c.renewed) > ClaimLife }) {
		b.publish(b.snapshot())
	}
}

// drop removes the claims gone says, reporting whether any was.
func (b *Board) drop(gone func(Claim, uint64) bool) bool {
	any := false
	for conv, held := range b.claims {
		kept := slices.DeleteFunc(slices.Clone(held), func(c Claim) bool { return gone(c, conv) })
		if len(kept) == len(held) {
			continue
		}
		any = true
		if len(kept) == 0 {
			delete(b.claims, conv)
		} else {
			b.claims[conv] = kept
		}
	}
	return any
}

// snapshot copies the claims, for sessions to read without the lock.
func (b *Board) snapshot() Claims {
	out := make(Claims, len(b.claims))
	for conv, held := range maps.All(b.claims) {
		out[conv] = slices.Clone(held)
	}
	return out
}

// publish hands every session the newest claims.
func (b *Board) publish(snap Claims) {
	for _, s := range b.sessions {
		newest.Put(s.Board, snap)
	}
}
