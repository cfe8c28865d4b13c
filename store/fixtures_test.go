package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/spend"
)

// The files in testdata/schemaN.db were each written once by the hark
// of schema N (the last commit that wrote it), with the same small
// history: store/testdata/fixtures/make.sh says how. Schema 1 has posts,
// people, a cursor and one conversation read; schemas 2-6 add a tag, a
// status, a snooze, notes and a reply in the outbox.

// TestMigratesEveryOldSchemaFixture opens a copy of each old file with
// today's hark and checks that everything it held is there and
// consistent: the index, the views and their counts, searches, the
// customer file, triage, notes and the outbox.
func TestMigratesEveryOldSchemaFixture(t *testing.T) {
	for schema := uint64(1); schema < SchemaVersion; schema++ {
		t.Run(fmt.Sprintf("schema%d", schema), func(t *testing.T) {
			s := openFixture(t, schema)
			checkMigrated(t, s)
			if schema >= 15 {
				checkDraftAndSpendKept(t, s)
			}
			if schema >= 2 {
				checkTriageKept(t, s)
			} else if c := status(t, s, 200); c.Unread != 0 || c.Status != StatusOpen {
				t.Errorf("conversation 200 after migration: %+v", c)
			}
		})
	}
	if _, err := os.Stat(fixturePath(SchemaVersion)); err == nil {
		t.Errorf("testdata holds a file of today's schema: a fixture is written by the schema it is left behind by")
	}
}

func fixturePath(schema uint64) string {
	return filepath.Join("testdata", fmt.Sprintf("schema%d.db", schema))
}

// openFixture opens a copy of the schema's file (Open writes to it).
func openFixture(t *testing.T, schema uint64) *Store {
	t.Helper()
	return openFixtureFile(t, fixturePath(schema))
}

// openFixtureFile opens a copy of a fixture file.
func openFixtureFile(t *testing.T, fixture string) *Store {
	t.Helper()
	raw, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatalf("the fixture %s: %v", fixture, err)
	}
	path := filepath.Join(t.TempDir(), "hark.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// checkMigrated checks what every old schema held.
func checkMigrated(t *testing.T, s *Store) {
	t.Helper()
	if r, err := s.CheckIndex(nil); err != nil || !r.OK() || r.Posts != 5 {
		t.Errorf("index: %+v, %v", r, err)
	}
	checkViewsAgree(t, s)
	for query, want := range map[string][]uint64{
		`"brass compass"`:    {100},
		"washi":              {200},
		"from:ann_k":         {102, 100},
		"example.com":        {200},
		`"lost basket"`:      {102},
		"vellum is:question": {300},
	} {
		q, _ := search.Parse(query)
		if ids, err := s.SearchIDs(context.Background(), q, 0, 10, time.Now()); err != nil || !slices.Equal(ids, want) {
			t.Errorf("%s = %v, %v; want %v", query, ids, err, want)
		}
	}
	if f, err := s.Customer(3); err != nil || len(f.Conversations) != 2 {
		t.Errorf("bob's file: %+v, %v", f.Conversations, err)
	}
	if c, err := s.Cursor("mentions"); err != nil || c != 300 {
		t.Errorf("cursor = %d, %v", c, err)
	}
	if u, found, err := s.Account(); err != nil || !found || u.Username != "paperandpine" {
		t.Errorf("account = %+v, %v, %v", u, found, err)
	}
	if th, err := s.Thread(100); err != nil || len(th) != 3 {
		t.Errorf("thread 100: %d posts, %v", len(th), err)
	}
	for _, id := range []uint64{100, 200, 300} { // schema 11: each belongs to the file's account
		if c := status(t, s, id); c.Account != 1 {
			t.Errorf("conversation %d belongs to account %d, want the shop's (1)", id, c.Account)
		}
	}
}

// checkDraftAndSpendKept checks what the fixtures of schema 15 and
// later hold besides schema 2's (testdata/fixtures/v15.go.txt): a draft
// and what X billed, both kept by every migration since.
func checkDraftAndSpendKept(t *testing.T, s *Store) {
	t.Helper()
	drafts, err := s.Drafts("")
	if err != nil || drafts[300].Text != "@bob the vellum is back on" || len(drafts) != 1 {
		t.Errorf("drafts: %+v, %v", drafts, err)
	}
	rows, err := s.SpendSince("2026-03-01")
	want := []spend.Row{{Day: "2026-03-01", Source: "mentions", Kind: spend.PostRead, Count: 1}, {Day: "2026-03-01", Source: "mentions", Kind: spend.UserRead, Count: 1}}
	slices.SortFunc(rows, func(a, b spend.Row) int { return strings.Compare(string(a.Kind), string(b.Kind)) })
	if err != nil || !slices.Equal(rows, want) {
		t.Errorf("spend rows: %+v, %v; want %+v", rows, err, want)
	}
}

// checkTriageKept checks what schemas 2 and later held besides.
func checkTriageKept(t *testing.T, s *Store) {
	t.Helper()
	for query, want := range map[string][]uint64{
		"tag:refund":     {102, 101, 100},
		"status:done":    {200},
		"calling":        {102, 101, 100}, // the conversation's note: called ann
		"note:wholesale": {300, 200},      // bob's note
	} {
		q, _ := search.Parse(query)
		if ids, err := s.SearchIDs(context.Background(), q, 0, 10, time.Now()); err != nil || !slices.Equal(ids, want) {
			t.Errorf("%s = %v, %v; want %v", query, ids, err, want)
		}
	}
	if c := status(t, s, 300); !c.SnoozeUntil.Equal(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("snooze = %v", c.SnoozeUntil)
	}
	if got := viewIDs(t, s, ViewSnoozed); !slices.Equal(got, []uint64{300}) {
		t.Errorf("snoozed = %v", got)
	}
	notes, err := s.Notes(100)
	person, err2 := s.PersonNotes(3)
	if err != nil || err2 != nil || len(notes) != 1 || len(person) != 1 {
		t.Errorf("notes: %v %v, %v %v", notes, err, person, err2)
	}
	if items, err := s.Outbox(Queued); err != nil || len(items) != 1 || items[0].InReplyTo != 102 {
		t.Errorf("outbox: %+v, %v", items, err)
	}
	if tags, err := s.Tags(); err != nil || !slices.Equal(tags, []string{"refund"}) {
		t.Errorf("tags = %v, %v", tags, err)
	}
}

// checkViewsAgree checks each view's list and count against what its
// conversations say of themselves (Conversation.In).
func checkViewsAgree(t *testing.T, s *Store) {
	t.Helper()
	err := s.view(func(tx *bolt.Tx) error {
		for _, v := range Views {
			want := 0
			err := tx.Bucket(bucketConvs).ForEach(func(k, _ []byte) error {
				c, _, err := loadConversation(tx, binary.BigEndian.Uint64(k))
				if err != nil || !c.In(v) {
					return err
				}
				want++
				if tx.Bucket(viewBucket(v)).Get(pairKey(c.SortKey, c.ID)) == nil {
					return fmt.Errorf("conversation %d is not in %s", c.ID, v)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if got, count := tx.Bucket(viewBucket(v)).Stats().KeyN, int(getUint(tx.Bucket(bucketMeta), metaCountPrefix+string(v))); got != want || count != want {
				return fmt.Errorf("view %s: %d listed, counted %d, %d belong", v, got, count, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// A file of an older schema opened read-only is refused with a way out,
// and left as it was.
func TestAnOldFixtureReadOnlyIsRefusedClearly(t *testing.T) {
	path := fixturePath(SchemaVersion - 1)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenWith(path, Options{ReadOnly: true})
	if err == nil || errors.Is(err, ErrNotHark) {
		t.Fatalf("read-only open of schema %d: %v", SchemaVersion-1, err)
	}
	t.Log(err)
	if after, _ := os.ReadFile(path); !slices.Equal(before, after) {
		t.Error("the fixture changed")
	}
}

// SCHEMA.md names every bucket and meta key the code has, and the
// current version.
func TestSchemaDocumentNamesEverything(t *testing.T) {
	raw, err := os.ReadFile("SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	names := []string{metaSchema, metaAccount, metaSavedViews, metaDemoEpoch, metaReindexing, metaCountPrefix, fmt.Sprintf("(schema %d)", SchemaVersion)}
	for _, b := range allBuckets {
		names = append(names, string(b))
	}
	for i := range migrations {
		names = append(names, fmt.Sprintf("| %d |", i+2))
	}
	for _, name := range names {
		if !strings.Contains(doc, "`"+name+"`") && !strings.Contains(doc, name) {
			t.Errorf("SCHEMA.md does not name %q", name)
		}
	}
}

// TestASentDMOfSchema9BecomesDMSent opens a schema 9 file holding a DM
// the shop sent (kind "dm" then): schema 10 calls it "dm_sent", since
// "dm" is now a DM to the shop, and it stays where it was, one of the
// shop's own, found as a DM.
func TestASentDMOfSchema9BecomesDMSent(t *testing.T) {
	s := openFixtureFile(t, filepath.Join("testdata", "schema9dm.db"))
	p, found, err := s.Post(400)
	if err != nil || !found || p.Kind != model.DMSent || p.ConversationID != 300 {
		t.Fatalf("the sent DM after migration: %+v, %v, %v", p, found, err)
	}
	for query, want := range map[string][]uint64{
		"has:dm":  {400},
		"is:mine": {400, 101},
	} {
		q, _ := search.Parse(query)
		if ids, err := s.SearchIDs(context.Background(), q, 0, 10, time.Now()); err != nil || !slices.Equal(ids, want) {
			t.Errorf("%s = %v, %v; want %v", query, ids, err, want)
		}
	}
	if p, _, _ := s.Post(300); p.Kind != model.Mention {
		t.Errorf("bob's post became %q", p.Kind)
	}
}
