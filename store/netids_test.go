package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/harkhq/hark/model"
)

// TestNetIDsAreKeptAndTimeOrdered: a network's own id gets one hark id,
// the same when read again (after a reopen too), made from the post's
// time so that a late post sorts at its time; two networks' equal ids
// are two records; and the way back gives the network's id.
func TestNetIDsAreKeptAndTimeOrdered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hark.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	tiny := s.NetIDs("tiny")
	a, err := tiny.Post("post-a", t0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := tiny.Post("post-b", t0) // the same millisecond
	late, _ := tiny.Post("post-late", t0.Add(-time.Hour))
	other, _ := s.NetIDs("other").Post("post-a", t0)
	if a == b || a == other || b == other {
		t.Errorf("distinct records share an id: %d %d %d", a, b, other)
	}
	if !model.SnowflakeTime(a).Equal(t0) || late >= a || late >= b {
		t.Errorf("ids not made from the posts' times: %v, late %d vs %d", model.SnowflakeTime(a), late, a)
	}
	if ref, ok, err := tiny.PostRef(b); err != nil || !ok || ref != "post-b" {
		t.Errorf("PostRef(b) = %q %v %v", ref, ok, err)
	}
	if _, ok, _ := tiny.PostRef(other); ok {
		t.Error("one network answered for another's id")
	}
	if _, ok, _ := tiny.UserRef(a); ok {
		t.Error("a post's id answered as a person's")
	}
	u, err := tiny.User("did:tiny:ann")
	if err != nil || u == 0 {
		t.Fatalf("User = %d, %v", u, err)
	}
	if _, err := s.NetIDs("x").Post("1", t0); err == nil {
		t.Error("X was given a network id: its ids are hark's")
	}
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tiny = s.NetIDs("tiny")
	st := s.db.Stats()
	writes := st.TxStats.GetWrite()
	if again, _ := tiny.Post("post-a", t0.Add(time.Minute)); again != a {
		t.Errorf("post-a read again after a reopen: %d, was %d", again, a)
	}
	if again, _ := tiny.User("did:tiny:ann"); again != u {
		t.Errorf("a person read again: %d, was %d", again, u)
	}
	st = s.db.Stats()
	if n := st.TxStats.GetWrite() - writes; n != 0 {
		t.Errorf("finding known ids again wrote %d pages", n)
	}
}

// TestAnXPostNeverTakesAnotherNetworksKey: an X post whose id hark gave
// a post of another network (read, not stored yet) is not stored in its
// place: the other network's post is, when it comes.
func TestAnXPostNeverTakesAnotherNetworksKey(t *testing.T) {
	s := openTemp(t)
	t0 := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	id, err := s.NetIDs("tiny").Post("post-a", t0)
	if err != nil {
		t.Fatal(err)
	}
	xs := model.Post{ID: id, AuthorID: 8, CreatedAt: t0, Text: "on X", Kind: model.Mention}
	if added, err := s.Put(Batch{Posts: []model.Post{xs}}); err != nil || len(added) != 0 {
		t.Errorf("the X post was stored: %v, %v", added, err)
	}
	theirs := model.Post{ID: id, AuthorID: 7, CreatedAt: t0, Text: "on tiny", Kind: model.Mention, On: &model.Elsewhere{Network: "tiny", Ref: "post-a"}}
	if added, err := s.Put(Batch{Posts: []model.Post{theirs}}); err != nil || len(added) != 1 {
		t.Errorf("the tiny post was not stored: %v, %v", added, err)
	}
	if p, found, err := s.Post(id); err != nil || !found || p.Text != "on tiny" || p.Network() != "tiny" {
		t.Errorf("post %d = %+v, %v, %v", id, p, found, err)
	}
}
