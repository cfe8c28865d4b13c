package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/harkhq/hark/model"
)

// The keys of a stored post's JSON that a stamp reads. Inside a JSON
// string every '"' is escaped, so `"kind":"` can only be the key itself,
// wherever the text stands.
var (
	stampID     = []byte(`"id":`)
	stampConv   = []byte(`"conversation_id":`)
	stampAt     = []byte(`"created_at":"`)
	stampKind   = []byte(`"kind":"`)
	stampEndStr = []byte(`"`)
	// stampNetwork is the key of a post's network, in "on", which only
	// posts of another network than X have.
	stampNetwork = []byte(`"on":{"network":"`)
	stampOnEnd   = []byte(`"}}`)
	// stampBy is the key of the person of the team who wrote one of the
	// shop's posts; names hold no quote.
	stampBy = []byte(`"by":"`)
)

// decodeStamp reads a post's stamp from its stored JSON without decoding
// its text: a full decode of each post made a report over a million
// posts take 8 s, most of it in the text (bench, report_all_ms). What
// the fast path cannot read it leaves to encoding/json.
func decodeStamp(v []byte) (PostStamp, bool) {
	if p, ok := fastStamp(v); ok {
		return p, true
	}
	var p struct {
		PostStamp
		On *model.Elsewhere `json:"on"`
	}
	if json.Unmarshal(v, &p) != nil {
		return PostStamp{}, false
	}
	if p.On != nil {
		p.Network = p.On.Network
	}
	return p.PostStamp, true
}

// fastStamp reads the four fields by their keys; false if one is missing
// or malformed.
func fastStamp(v []byte) (PostStamp, bool) {
	id, ok1 := numberAfter(v, stampID)
	conv, ok2 := numberAfter(v, stampConv)
	at, ok3 := stringAfter(v, stampAt, bytes.Index)
	kind, ok4 := stringAfter(v, stampKind, bytes.LastIndex) // after the text: from the end is shorter
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return PostStamp{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(at))
	if err != nil {
		return PostStamp{}, false
	}
	stamp := PostStamp{ID: id, ConversationID: conv, CreatedAt: t, Kind: model.Kind(kind)}
	if stamp.Kind.Ours() { // only the shop's have a writer: the others are not searched
		if by, ok := stringAfter(v, stampBy, bytes.LastIndex); ok {
			stamp.By = string(by)
		}
	}
	// "on", the last field, is the one that ends a post with `"}}`: an
	// X post, which has none, is not searched for it (a report reads a
	// million).
	if bytes.HasSuffix(v, stampOnEnd) {
		if net, ok := stringAfter(v, stampNetwork, bytes.LastIndex); ok {
			stamp.Network = string(net)
		}
	}
	return stamp, true
}

// numberAfter reads the unsigned number that follows key's first use.
func numberAfter(v, key []byte) (uint64, bool) {
	i := bytes.Index(v, key)
	if i < 0 {
		return 0, false
	}
	rest := v[i+len(key):]
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, err := strconv.ParseUint(string(rest[:end]), 10, 64)
	return n, err == nil
}

// stringAfter reads the plain string (no escapes) that follows key, found
// by find (from the start or from the end: a key is there once).
func stringAfter(v, key []byte, find func(s, sep []byte) int) ([]byte, bool) {
	i := find(v, key)
	if i < 0 {
		return nil, false
	}
	rest := v[i+len(key):]
	end := bytes.Index(rest, stampEndStr)
	if end < 0 || bytes.IndexByte(rest[:end], '\\') >= 0 {
		return nil, false
	}
	return rest[:end], true
}

// ConvMark is what a report reads of a conversation: its status, tags
// and when it was last done.
type ConvMark struct {
	Status Status
	Tags   []string
	DoneAt time.Time
	// StatusBy is the person of the team who set the status (17).
	StatusBy string
}

// The keys of a conversation's JSON a mark reads; a conversation holds
// no free text, and tags are letters, digits, - and _.
var (
	markStatus = []byte(`"status":"`)
	markTags   = []byte(`"tags":[`)
	markDone   = []byte(`"done_at":"`)
	markBy     = []byte(`"status_by":"`)
)

// ConversationMarks returns the marks of the stored conversations among
// ids, read in one transaction, each without decoding the whole record
// (a report over a long history reads hundreds of thousands).
func (s *Store) ConversationMarks(ids []uint64) (map[uint64]ConvMark, error) {
	out := make(map[uint64]ConvMark, len(ids))
	sorted := slices.Sorted(slices.Values(ids))
	err := s.view(func(tx *bolt.Tx) error {
		w := walker{c: tx.Bucket(bucketConvs).Cursor()}
		for _, id := range sorted {
			v := w.get(id)
			if v == nil {
				continue
			}
			m, err := decodeMark(v)
			if err != nil {
				return &Damaged{Key: keyName(idKey(id)), Err: err}
			}
			out[id] = m
		}
		return nil
	})
	return out, err
}

// walker reads keys in ascending order with one cursor: a few steps
// forward when the next key is near, a seek from the root when it is
// not (a report's conversations were 40% of its time read one Get
// each, bench report_all_ms).
type walker struct {
	c       *bolt.Cursor
	k, v    []byte
	started bool
}

// nearSteps is how far the walker steps before it seeks.
const nearSteps = 8

// get returns id's value, nil if there is none; ids come ascending.
func (w *walker) get(id uint64) []byte {
	want := idKey(id)
	if w.started {
		for i := 0; i < nearSteps && w.k != nil && bytes.Compare(w.k, want) < 0; i++ {
			w.k, w.v = w.c.Next()
		}
	}
	if !w.started || w.k == nil || bytes.Compare(w.k, want) < 0 {
		w.k, w.v = w.c.Seek(want)
		w.started = true
	}
	if bytes.Equal(w.k, want) {
		return w.v
	}
	return nil
}

// decodeMark reads a mark by its keys; what it cannot read goes to
// encoding/json.
func decodeMark(v []byte) (ConvMark, error) {
	status, ok := stringAfter(v, markStatus, bytes.Index)
	if !ok {
		var c Conversation
		err := json.Unmarshal(v, &c)
		return ConvMark{Status: c.Status, Tags: c.Tags, DoneAt: c.DoneAt, StatusBy: c.StatusBy}, err
	}
	m := ConvMark{Status: Status(status)}
	if by, ok := stringAfter(v, markBy, bytes.Index); ok {
		m.StatusBy = string(by)
	}
	if i := bytes.Index(v, markTags); i >= 0 {
		rest := v[i+len(markTags):]
		if end := bytes.IndexByte(rest, ']'); end > 0 {
			for _, t := range bytes.Split(rest[:end], []byte(",")) {
				m.Tags = append(m.Tags, string(bytes.Trim(t, `"`)))
			}
		}
	}
	if done, ok := stringAfter(v, markDone, bytes.Index); ok {
		t, err := time.Parse(time.RFC3339Nano, string(done))
		if err != nil {
			return ConvMark{}, err
		}
		m.DoneAt = t
	}
	return m, nil
}
