package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/hints"
)

// migrations[i] brings a file from schema i+1 to i+2 (SCHEMA.md says
// what each schema added). Migrations are frozen: each names the buckets
// and keys as they were at its schema and writes them itself, never
// through today's code (which follows today's schema), so a change to
// the store cannot change what an old migration does. They use only the
// key encodings (idKey, pairKey, getUint, putUint), which no schema has
// changed, and hints.Has, the question guess, which is not storage.
// Each is tested on a file written by the hark of its schema
// (testdata/schemaN.db).
var migrations = []func(*bolt.Tx) error{
	migrateV1,
	createBuckets("postings"),           // 2 → 3: the index, built at 7
	func(*bolt.Tx) error { return nil }, // 3 → 4: tags in the index, built at 7
	createBuckets("pending"),            // 4 → 5
	dropBuckets("customer_convs"),       // 5 → 6: people's conversations in the index, built at 7
	migrateV6,
	createBuckets("drafts"),     // 7 → 8
	createBuckets("view/heard"), // 8 → 9: its count is 0 until a search hears a post
	migrateV9,
	migrateV10,
	createBuckets("hook_queue"), // 11 → 12: empty until a post-new hook exists
	// 12 → 13: status own, kinds context and unavailable, sources own and
	// hark, status_set_at, claimed_by, read_at and meta handoff/ are all
	// new values in old places: nothing to rewrite. The version keeps an
	// older hark, which would misread them, from opening the file.
	func(*bolt.Tx) error { return nil },
	// 13 → 14: edit chains (an edited post's other versions point to it)
	// start empty; kind deleted and the posts' edits, latest and earlier
	// are new values in old places.
	createBuckets("edits"),
	migrateV14,
	// 15 → 16: networks besides X. X's records keep their keys (X's ids
	// are hark's) and name no network; the other networks' ids start
	// empty.
	createBuckets("netids", "netrefs"),
	// 16 → 17: the team. No conversation was assigned before, so each
	// person's Mine list starts empty; status_by, assignee, a note's
	// and an outbox item's by and a post's by are new values in old
	// places.
	createBuckets("assigned"),
}

// migrateV14 brings a schema 14 file to schema 15: the index's blocks
// and segments pack their ids (read in place) instead of varint deltas.
// The index is emptied and marked for a reindex, which Open finishes
// (35 s at 1,000,000 posts, under 100 MB), as at 6 → 7.
func migrateV14(tx *bolt.Tx) error {
	if err := dropBuckets("postings", "pending")(tx); err != nil {
		return err
	}
	if err := createBuckets("postings", "pending")(tx); err != nil {
		return err
	}
	return tx.Bucket([]byte("meta")).Put([]byte("reindexing"), []byte{})
}

// migrateV10 brings a schema 10 file to schema 11: every conversation
// belongs to one of the shop's accounts, and those of a file written
// before there could be several belong to its own (meta "account"). The
// records are rewritten with their fields as they are (raw: ids past
// 2^53 must not pass through float64).
func migrateV10(tx *bolt.Tx) error {
	var acct struct {
		ID uint64 `json:"id"`
	}
	if raw := tx.Bucket([]byte("meta")).Get([]byte("account")); raw == nil || json.Unmarshal(raw, &acct) != nil || acct.ID == 0 {
		return nil // no account yet: its conversations get it as they come
	}
	id, err := json.Marshal(acct.ID)
	if err != nil {
		return err
	}
	convs := tx.Bucket([]byte("convs"))
	type rewrite struct{ k, v []byte }
	var out []rewrite
	err = convs.ForEach(func(k, v []byte) error {
		var c map[string]json.RawMessage
		if json.Unmarshal(v, &c) != nil {
			return nil // a damaged record stays as it is; check reports it
		}
		c["account"] = id
		b, err := json.Marshal(c)
		out = append(out, rewrite{k: append([]byte(nil), k...), v: b})
		return err
	})
	if err != nil {
		return err
	}
	for _, r := range out {
		if err := convs.Put(r.k, r.v); err != nil {
			return err
		}
	}
	return nil
}

// migrateV9 brings a schema 9 file to schema 10: spend and sources have
// buckets, and a DM the shop sent is of kind "dm_sent" ("dm" is now a DM
// to the shop). Every DM the shop sent before went through the outbox,
// so the sent DM items name them all, without reading every post. They
// stay in the conversations they were sent from.
func migrateV9(tx *bolt.Tx) error {
	if err := createBuckets("spend", "spend_seen", "sources")(tx); err != nil {
		return err
	}
	posts := tx.Bucket([]byte("posts"))
	return tx.Bucket([]byte("outbox")).ForEach(func(_, v []byte) error {
		var it struct {
			DM     bool   `json:"dm"`
			State  string `json:"state"`
			PostID uint64 `json:"post_id"`
		}
		if json.Unmarshal(v, &it) != nil || !it.DM || it.State != "sent" || it.PostID == 0 {
			return nil
		}
		raw := posts.Get(idKey(it.PostID))
		var post map[string]json.RawMessage // raw: ids past 2^53 must not pass through float64
		if raw == nil || json.Unmarshal(raw, &post) != nil || string(post["kind"]) != `"dm"` {
			return nil
		}
		post["kind"] = json.RawMessage(`"dm_sent"`)
		b, err := json.Marshal(post)
		if err != nil {
			return err
		}
		return posts.Put(idKey(it.PostID), b)
	})
}

// migrate runs the migrations from schema from to SchemaVersion in tx.
func migrate(tx *bolt.Tx, from uint64) error {
	for v := from; v < SchemaVersion; v++ {
		if err := migrations[v-1](tx); err != nil {
			return fmt.Errorf("migrating from schema %d: %w", v, err)
		}
	}
	return putUint(tx.Bucket(bucketMeta), metaSchema, SchemaVersion)
}

func createBuckets(names ...string) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		for _, name := range names {
			if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
				return err
			}
		}
		return nil
	}
}

func dropBuckets(names ...string) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		for _, name := range names {
			if tx.Bucket([]byte(name)) == nil {
				continue
			}
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return nil
	}
}

// migrateV6 brings a schema 6 file to schema 7: the index keeps where
// each word stands, so phrases are answered from it. Its blocks change
// form, so it is emptied and marked for a reindex, which Open finishes
// (with progress shown) before any search runs.
func migrateV6(tx *bolt.Tx) error {
	if err := dropBuckets("postings", "pending")(tx); err != nil {
		return err
	}
	if err := createBuckets("postings", "pending")(tx); err != nil {
		return err
	}
	meta := tx.Bucket([]byte("meta"))
	if err := meta.Delete([]byte("fold")); err != nil { // the fold count moved to the postings' sequence
		return err
	}
	return meta.Put([]byte("reindexing"), []byte{})
}

// convV2 is a conversation as schema 2 writes it; schema 1 wrote the
// fields up to Unread.
type convV2 struct {
	ID         uint64    `json:"id"`
	LastPostID uint64    `json:"last_post_id"`
	LastAt     time.Time `json:"last_at"`
	SortKey    uint64    `json:"sort_key"`
	CustomerID uint64    `json:"customer_id,omitempty"`
	Posts      int       `json:"posts"`
	Unread     int       `json:"unread"`
	Status     string    `json:"status"`
	Question   bool      `json:"question,omitempty"`
}

// postV1 is what migrateV1 reads of a post.
type postV1 struct {
	ID       uint64 `json:"id"`
	AuthorID uint64 `json:"author_id"`
	Text     string `json:"text"`
	Kind     string `json:"kind"`
}

func (p postV1) ours() bool { return p.Kind == "reply" }

// migrateV1 brings a schema 1 file to schema 2: conversations gain a
// status (by who wrote last), a sort key, a question flag and per-post
// read state (the newest posts from others, as many as were counted
// unread), each is filed in the views it belongs to, and each person's
// conversations are listed; the single activity list goes.
func migrateV1(tx *bolt.Tx) error {
	if err := createBuckets("unread", "snooze_due", "notes", "person_notes", "tags", "outbox", "customer_convs",
		"view/inbox", "view/questions", "view/unread", "view/waiting", "view/snoozed", "view/done", "view/all")(tx); err != nil {
		return err
	}
	if err := dropBuckets("activity")(tx); err != nil {
		return err
	}
	meta := tx.Bucket([]byte("meta"))
	for _, k := range []string{"conversations", "unread"} {
		if err := meta.Delete([]byte(k)); err != nil {
			return err
		}
	}
	var convs []convV2
	err := tx.Bucket([]byte("convs")).ForEach(func(_, v []byte) error {
		var c convV2
		if err := json.Unmarshal(v, &c); err != nil {
			return err
		}
		convs = append(convs, c)
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range convs {
		if err := upgradeConversationV1(tx, c); err != nil {
			return err
		}
	}
	return nil
}

// upgradeConversationV1 fills a schema 1 conversation's schema 2 fields
// from its posts and files it.
func upgradeConversationV1(tx *bolt.Tx, c convV2) error {
	var inbound []postV1
	var last postV1
	posts := tx.Bucket([]byte("posts"))
	cur := tx.Bucket([]byte("conv_posts")).Cursor()
	prefix := idKey(c.ID)
	for k, _ := cur.Seek(prefix); k != nil && string(k[:8]) == string(prefix); k, _ = cur.Next() {
		var p postV1
		if v := posts.Get(k[8:16]); v == nil || json.Unmarshal(v, &p) != nil {
			continue
		}
		last = p
		if !p.ours() {
			inbound = append(inbound, p)
		}
	}
	c.SortKey, c.Status = c.LastPostID, "waiting"
	if !last.ours() {
		c.Status = "open"
	}
	if n := len(inbound); n > 0 {
		c.Question = hints.Has(inbound[n-1].Text, hints.Question)
	}
	unread := 0
	for i := len(inbound) - 1; i >= 0 && unread < c.Unread; i-- {
		if err := tx.Bucket([]byte("unread")).Put(idKey(inbound[i].ID), idKey(c.ID)); err != nil {
			return err
		}
		unread++
	}
	c.Unread = unread
	for _, p := range inbound {
		if err := tx.Bucket([]byte("customer_convs")).Put(pairKey(p.AuthorID, c.ID), nil); err != nil {
			return err
		}
	}
	return fileConversationV2(tx, c)
}

// fileConversationV2 writes a new schema 2 conversation and files it in
// the views it belongs to (as schema 2 decides, with no snooze), with
// their counts.
func fileConversationV2(tx *bolt.Tx, c convV2) error {
	in := map[string]bool{
		"inbox":     c.Status == "open",
		"questions": c.Status == "open" && c.Question,
		"unread":    c.Unread > 0,
		"waiting":   c.Status == "waiting",
		"done":      c.Status == "done",
		"all":       true,
	}
	meta := tx.Bucket([]byte("meta"))
	for view, yes := range in {
		if !yes {
			continue
		}
		if err := tx.Bucket([]byte("view/"+view)).Put(pairKey(c.SortKey, c.ID), nil); err != nil {
			return err
		}
		if err := putUint(meta, "count/"+view, getUint(meta, "count/"+view)+1); err != nil {
			return err
		}
	}
	v, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return tx.Bucket([]byte("convs")).Put(idKey(c.ID), v)
}
