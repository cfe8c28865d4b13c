package store

import "github.com/harkhq/hark/store/internal/index"

// SchemaVersion is the version of the file's layout (SCHEMA.md); Open
// migrates older files up to it (migrate.go).
const SchemaVersion = 17

// The buckets, as SCHEMA.md describes them. Keys are big-endian uint64
// ids, so byte order is id order.
var (
	bucketMeta        = []byte("meta")
	bucketPosts       = []byte("posts")
	bucketUsers       = []byte("users")
	bucketConvs       = []byte("convs")
	bucketConvPosts   = []byte("conv_posts")
	bucketCursors     = []byte("cursors")
	bucketUnread      = []byte("unread")
	bucketSnoozeDue   = []byte("snooze_due")
	bucketNotes       = []byte("notes")
	bucketPersonNotes = []byte("person_notes")
	bucketTags        = []byte("tags")
	bucketOutbox      = []byte("outbox")
	bucketDrafts      = []byte("drafts")
	bucketSpend       = []byte("spend")
	bucketSpendSeen   = []byte("spend_seen")
	bucketSources     = []byte("sources")
	bucketHookQueue   = []byte("hook_queue")
	bucketEdits       = []byte("edits")
	bucketNetIDs      = []byte("netids")
	bucketNetRefs     = []byte("netrefs")
	bucketAssigned    = []byte("assigned")
	// viewPrefix starts the name of each view's bucket (see viewBucket).
	viewPrefix = "view/"
	allBuckets = append([][]byte{bucketMeta, bucketPosts, bucketUsers, bucketConvs, bucketConvPosts,
		bucketCursors, bucketUnread, bucketSnoozeDue, bucketNotes, bucketPersonNotes, bucketTags, bucketOutbox, bucketDrafts,
		bucketSpend, bucketSpendSeen, bucketSources, bucketHookQueue, bucketEdits, bucketNetIDs, bucketNetRefs, bucketAssigned},
		append(viewBuckets(), index.Buckets()...)...)
)

// The keys of the meta bucket.
const (
	metaSchema     = "schema"      // the schema version (uint64)
	metaAccount    = "account"     // the shop's own account (JSON model.User)
	metaAccounts   = "accounts"    // every account hark runs with (JSON []model.User), the first metaAccount
	metaSavedViews = "saved_views" // the saved searches (JSON []SavedView)
	// metaDemoEpoch is when a demo's simulated world began (RFC 3339).
	metaDemoEpoch = "demo_epoch"
	// metaReindexing marks an unfinished reindex (see Reindex).
	metaReindexing = "reindexing"
	// metaUndoPrefix + a name keeps what undoes a command's change
	// (ApplyRule journals there), for a later command to take back.
	metaUndoPrefix = "undo/"
	// metaHandoffPrefix + a conversation's id marks a hand-off to e-mail
	// begun and not known to be done (see BeginHandoff).
	metaHandoffPrefix = "handoff/"
	// metaCountPrefix + a view's name counts its conversations.
	metaCountPrefix = "count/"
	// metaOrderPrefix + a view's name keeps the order the owner chose
	// for it (see SetOrder).
	metaOrderPrefix = "order/"
)
