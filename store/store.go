// Package store keeps everything hark knows in one bbolt file: posts,
// people, conversations, read state and the sync cursors. It is the cache
// of X too: a post is read from X once and kept.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/search"
	"github.com/harkhq/hark/store/internal/index"
)

// appendFill is the fill percent for buckets that grow at their end (ids
// grow with time), so pages are packed instead of split in half.
const appendFill = 0.9

// lockTimeout bounds the wait for another process's lock on the file.
const lockTimeout = time.Second

// ErrLocked is returned when another hark holds the database.
var ErrLocked = errors.New("database in use")

// ErrNotHark is returned for a file that is not a hark database or is
// damaged.
var ErrNotHark = errors.New("not a hark database")

// Store is an open database. It is safe for concurrent use.
type Store struct {
	db     *bolt.DB
	path   string
	people peopleCache
	// index is the full-text index (tests make it fold often).
	index *index.Index
	// stems remembers words' stems for indexing.
	stems search.Stems
	// readOnly is set when the file could be opened for reading only.
	readOnly bool
	// rules run on each post from X as it is stored (see Rule).
	rules []Rule
	// queueNew queues each post from X for the post-new hook.
	queueNew bool
	// claims name the senders of this open (see Claimer).
	claims claims
	// openCache keeps the rows' more-open counts while nothing changes.
	openCache openCache
	// foldOnCloseAt is closeFoldMin (tests change it).
	foldOnCloseAt uint64
	// onWrite is told of each write (OnWrite).
	onWrite atomic.Pointer[func()]
}

// Options configure OpenWith.
type Options struct {
	// ReindexProgress is told the progress of finishing an interrupted
	// reindex (see ResumeReindex); it is called only when there is one.
	ReindexProgress func(done, total int)
	// ReadOnly opens the file for reading only: every change fails with
	// ErrReadOnly. Open falls back to it when the file is not writable.
	ReadOnly bool
	// Rules run on each post from X in the transaction that stores it.
	Rules []Rule
	// QueueNew queues each post from X, in the transaction that stores
	// it, for the post-new hook (see NewQueued).
	QueueNew bool
}

// ErrReadOnly is returned for a change to a database opened read-only.
var ErrReadOnly = errors.New("the database is read-only")

// Open opens (creating if needed) the database at path. A second hark on
// the same file gets ErrLocked within a second, a foreign or damaged file
// ErrNotHark; neither panics nor changes the file. A reindex that was
// interrupted is finished before Open returns, so that no search runs on
// a partial index.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, o Options) (*Store, error) {
	s, err := open(path, o.ReadOnly)
	if errors.Is(err, fs.ErrPermission) && !o.ReadOnly {
		s, err = open(path, true) // reading is still worth it: ls, search, export
	}
	if err != nil {
		return nil, err
	}
	s.rules, s.queueNew = o.Rules, o.QueueNew
	if err := s.ResumeReindex(o.ReindexProgress); err != nil {
		s.Close()
		return nil, fmt.Errorf("finishing the interrupted reindex of %s: %w", path, err)
	}
	return s, nil
}

func open(path string, readOnly bool) (s *Store, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the data folder: %w", err)
	}
	defer func() {
		// bbolt may panic on a damaged file; report it, never crash.
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("%s: %w (%v)", path, ErrNotHark, r)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, ReadOnly: readOnly})
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return nil, fmt.Errorf("another hark is using %s: %w", path, ErrLocked)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	case err != nil:
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrNotHark, err)
	}
	s = &Store{db: db, path: path, index: index.New(0), readOnly: readOnly, foldOnCloseAt: closeFoldMin}
	s.claims.session = newSession()
	if err := s.prepare(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// view runs fn in a read transaction. bbolt panics on some damage to the
// file; that becomes an ErrNotHark error (the transaction is rolled back).
func (s *Store) view(fn func(*bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

// update runs fn in a write transaction, recovering as view does, and
// tells OnWrite's func of it once committed.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	err := s.write(fn)
	if f := s.onWrite.Load(); err == nil && f != nil {
		(*f)()
	}
	return err
}

// OnWrite has f called after each committed change but a draft's (a
// person's typing is theirs alone): hark serve tells every inbox open
// on the file. f must not block.
func (s *Store) OnWrite(f func()) { s.onWrite.Store(&f) }

// write runs fn in a write transaction, recovering as view does.
func (s *Store) write(fn func(*bolt.Tx) error) (err error) {
	if s.readOnly {
		return fmt.Errorf("%s is read-only here (no write permission): %w", s.path, ErrReadOnly)
	}
	defer s.recoverDamage(&err)
	return s.db.Update(fn)
}

func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s is damaged: %w (%v)", s.path, ErrNotHark, r)
	}
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database. A store that wrote to the index and leaves
// at least closeFoldMin posts waiting in its segments folds them first:
// every later process that opens the file would read through them for
// its first answer, and the writer is the one that can afford it, once.
func (s *Store) Close() error {
	var err error
	if !s.readOnly && s.index.Wrote() { // a reading command writes nothing, not even here
		err = s.foldOnClose()
	}
	return errors.Join(err, s.db.Close())
}

// closeFoldMin is how many waiting posts make Close fold them. Below it
// a new process's first search reads its words' waiting postings in
// about 1.5 ms (4,900 waiting, 20,000 folded; 0.3 ms warm), and folding
// after every short sync (a cron job's) would rewrite thousands of pages
// for a page of posts.
const closeFoldMin = 5000

// CloseFoldMin is closeFoldMin, for the benchmark to measure below it.
const CloseFoldMin = closeFoldMin

// foldOnClose folds the waiting segments when enough wait.
func (s *Store) foldOnClose() error {
	waiting := uint64(0)
	if err := s.view(func(tx *bolt.Tx) error {
		waiting = index.Waiting(tx)
		return nil
	}); err != nil || waiting < s.foldOnCloseAt {
		return err
	}
	return s.update(func(tx *bolt.Tx) error { return s.index.Fold(tx) })
}

// prepare creates the buckets of a new file, or checks and migrates an
// existing one. A file of today's schema is only read: opening to search
// or list writes nothing (a write transaction costs two fsyncs, and a
// read-only file must still open).
func (s *Store) prepare() error {
	current := false
	if err := s.view(func(tx *bolt.Tx) error {
		err := s.checkSchema(tx)
		current = err == nil
		if s.readOnly {
			return err
		}
		return nil
	}); err != nil || current || s.readOnly {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if hasBuckets(tx) {
				return fmt.Errorf("%s: %w (it holds other data)", s.path, ErrNotHark)
			}
			return create(tx)
		}
		v, err := s.schema(meta)
		if err != nil {
			return err
		}
		return migrate(tx, v)
	})
}

// checkSchema checks, without changing it, that a file opened read-only
// is a hark database this hark can read as it is.
func (s *Store) checkSchema(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return fmt.Errorf("%s: %w (no hark data)", s.path, ErrNotHark)
	}
	v, err := s.schema(meta)
	if err == nil && v < SchemaVersion {
		return fmt.Errorf("%s has schema %d, this hark reads %d: open it once where it can be written to upgrade it", s.path, v, SchemaVersion)
	}
	return err
}

// schema reads the file's schema version, refusing a file without one
// and one written by a newer hark.
func (s *Store) schema(meta *bolt.Bucket) (uint64, error) {
	switch v := getUint(meta, metaSchema); {
	case v == 0:
		return 0, fmt.Errorf("%s: %w (no schema version)", s.path, ErrNotHark)
	case v > SchemaVersion:
		return 0, fmt.Errorf("%s was written by a newer hark (schema %d, this hark knows %d)", s.path, v, SchemaVersion)
	default:
		return v, nil
	}
}

func hasBuckets(tx *bolt.Tx) bool {
	found := false
	_ = tx.ForEach(func([]byte, *bolt.Bucket) error { found = true; return nil })
	return found
}

func create(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	return putUint(tx.Bucket(bucketMeta), metaSchema, SchemaVersion)
}
